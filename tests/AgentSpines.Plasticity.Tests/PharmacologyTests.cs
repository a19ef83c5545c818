using AgentSpines.Plasticity.Options;
using AgentSpines.Plasticity.Regime;
using AgentSpines.Plasticity.State;

namespace AgentSpines.Plasticity.Tests;

public class PharmacologyTests
{
    [Theory]
    [InlineData(0.35)]
    [InlineData(3.0)]
    public void BolusDecaysWithTheHalfLife(double halfLifeH)
    {
        var pk = new Pharmacokinetics(new PharmacokineticsOptions { HalfLifeH = halfLifeH, VolumeLPerKg = 2, Bioavailability = 0.5 });
        double c0 = pk.SingleDose(10, 0);
        Assert.Equal(0.5 * 10 / 2, c0, 12);
        Assert.Equal(0.5, pk.SingleDose(10, halfLifeH) / c0, 12);
        Assert.Equal(0.125, pk.SingleDose(10, 3 * halfLifeH) / c0, 12);
        Assert.Equal(0, pk.SingleDose(10, -0.1));
    }

    [Fact]
    public void AbsorptionGivesTheBatemanPeakAndTerminalHalfLife()
    {
        var o = new PharmacokineticsOptions { HalfLifeH = 2, VolumeLPerKg = 1, AbsorptionHalfLifeH = 0.2 };
        var pk = new Pharmacokinetics(o);
        double ka = Math.Log(2) / 0.2, ke = Math.Log(2) / 2;
        double tMax = Math.Log(ka / ke) / (ka - ke);
        double peak = pk.PeakConcentration(1);
        Assert.Equal(peak, pk.SingleDose(1, tMax), 12);
        Assert.True(pk.SingleDose(1, tMax - 0.01) < peak && pk.SingleDose(1, tMax + 0.01) < peak);
        // late decay: halves every half-life once absorption is over
        Assert.Equal(0.5, pk.SingleDose(1, 22) / pk.SingleDose(1, 20), 6);
    }

    [Fact]
    public void HillOccupancyIsHalfAtEc50AndFollowsTheExponent()
    {
        var h = new HillOptions { Ec50MgPerL = 0.4, N = 2 };
        Assert.Equal(0.5, HillOccupancy.Of(0.4, h), 12);
        Assert.Equal(0.8, HillOccupancy.Of(0.8, h), 12); // 4/(4+1)
        Assert.Equal(0, HillOccupancy.Of(0, h));
    }

    [Fact]
    public void RepeatedDosesSuperposeAndMechanismsRespectDelayAndDuration()
    {
        var o = new RegimeOptions
        {
            Drug = "x", ReferenceDay = 1, RepeatEveryH = 24, RepeatCount = 3,
            Doses = { new DoseOptions { TimeH = 0, MgPerKg = 1 } },
            Pk = new PharmacokineticsOptions { HalfLifeH = 12, VolumeLPerKg = 1 },
            Hill = new HillOptions { Ec50MgPerL = 1, N = 1 },
        };
        o.Mechanisms.Formation.Add(new MechanismOptions { Gain = 2, DelayH = 6, DurationH = 10 });
        var r = new DrugRegime(o);
        double single = r.Pk.SingleDose(1, 30);
        Assert.Equal(single + r.Pk.SingleDose(1, 6), r.ConcentrationMgPerL(24 + 30), 12);
        double occPeak = HillOccupancy.Of(1, o.Hill);
        Assert.Equal(0, r.Drive(o.Mechanisms.Formation[0], 24 + 5.9));
        Assert.Equal(occPeak, r.Drive(o.Mechanisms.Formation[0], 24 + 6.1), 12);
        Assert.Equal(0, r.Drive(o.Mechanisms.Formation[0], 24 + 16.1));
        var env = r.At(24 + 8, Arm.Drug);
        Assert.Equal(1 + 2 * occPeak, env.FormationMultiplier, 12);
        Assert.Equal("drug:x", env.FormationCause);
        var veh = r.At(24 + 8, Arm.Vehicle);
        Assert.Equal(1, veh.FormationMultiplier);
        Assert.Equal(0, veh.ConcentrationMgPerL);
    }

    [Fact]
    public void StressActsOnBothArmsAndRelaxesAfterwards()
    {
        var o = new RegimeOptions { ReferenceDay = 10 };
        o.Stress = new StressOptions { Enabled = true, StartDay = -5, EndDay = 0, TransientEliminationGain = 1, OffTauDays = 2 };
        var r = new DrugRegime(o);
        Assert.Equal(2, r.At(10 * 24 - 48, Arm.Vehicle).TransientEliminationMultiplier, 12);
        Assert.Equal(1, r.At(4 * 24, Arm.Vehicle).TransientEliminationMultiplier);
        Assert.Equal(1 + Math.Exp(-(2 * 24 + 0.5) / 48.0), r.At(12 * 24, Arm.Drug).TransientEliminationMultiplier, 9);
        Assert.Equal(StructuralEvent.Stress, r.At(10 * 24 - 48, Arm.Vehicle).EliminationCause);
    }
}
