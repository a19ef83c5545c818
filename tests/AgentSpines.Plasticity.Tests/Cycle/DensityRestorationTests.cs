using AgentSpines.Plasticity.Model;
using AgentSpines.Plasticity.Options;
using AgentSpines.Plasticity.Regime;
using AgentSpines.Plasticity.State;

namespace AgentSpines.Plasticity.Tests.Cycle;

/// <summary>
/// DensityRestoration against its definition: above the Delta-FosB-raised ceiling an extra hazard r (N / N_set - 1) per
/// spine, below the initial count r (N_0 - N) extra births per hour, nothing in between or when off; and the hazard adds it.
/// </summary>
public class DensityRestorationTests
{
    private const double RatePerDay = 0.5, LengthUm = 100, FormationPerUmPerH = 0.002;
    private static readonly StepEnvironment Neutral = StepEnvironment.Neutral(0, 1, Arm.Drug);

    [Fact]
    public void AboveTheCeilingEverySpineGetsTheProportionalHazard()
    {
        var r = new DensityRestoration(RatePerDay);
        var env = r.ForDendrite(Neutral with { DensitySetPointFactor = 1.2 }, 132, 100, LengthUm, FormationPerUmPerH);
        Assert.Equal(RatePerDay / 24 * (132 / 120.0 - 1), env.RestoringEliminationPerH, 15);
        Assert.Equal(1, env.FormationMultiplier);
    }

    [Fact]
    public void BelowTheInitialCountFormationMakesUpTheDeficit()
    {
        var r = new DensityRestoration(RatePerDay);
        var env = r.ForDendrite(Neutral, 90, 100, LengthUm, FormationPerUmPerH);
        // extra births per hour: (m - 1) F0 L = r (N0 - N)
        Assert.Equal(RatePerDay / 24 * 10, (env.FormationMultiplier - 1) * FormationPerUmPerH * LengthUm, 12);
        Assert.Equal(0, env.RestoringEliminationPerH);
    }

    [Theory]
    [InlineData(0.5, 1.3, 100, 125)]  // between the initial count and the raised ceiling: free
    [InlineData(0.5, 1.0, 100, 100)]  // at the set point
    [InlineData(0.0, 1.0, 100, 150)]  // off
    [InlineData(0.5, 1.0, 0, 10)]     // a dendrite that started empty has no set point
    public void NothingChangesWhereNothingIsToRestore(double ratePerDay, double factor, int initial, int now)
    {
        var env = Neutral with { DensitySetPointFactor = factor };
        Assert.Equal(env, new DensityRestoration(ratePerDay).ForDendrite(env, now, initial, LengthUm, FormationPerUmPerH));
    }

    [Fact]
    public void TheHazardAddsTheRestoringTerm()
    {
        var model = new PlasticityModel(new PlasticityOptions());
        var spine = new SpineState { Id = 1, HeadVolumeUm3 = 0.1, AgeH = 1000, Persistent = true, Stage = LifeStage.Mushroom };
        double plain = model.HazardPerH(spine, Neutral, out double intrinsic);
        double restored = model.HazardPerH(spine, Neutral with { RestoringEliminationPerH = 0.01 }, out double intrinsic2);
        Assert.Equal(plain + 0.01, restored, 15);
        Assert.Equal(intrinsic, intrinsic2); // the restoring share counts as the environment's, not intrinsic
    }

    [Fact]
    public void TheSetPointFollowsDeltaFosB()
    {
        var o = new CascadeOptions();
        var cascade = new SignallingCascade(o);
        Assert.Equal(0, cascade.DensitySetPointRaise(0));
        // half the raise at K, nearly all of it well above K
        Assert.Equal(o.DensitySetPointPerDeltaFosB / 2, cascade.DensitySetPointRaise(o.DensitySetPointHalfActivation), 12);
        Assert.True(cascade.DensitySetPointRaise(10 * o.DensitySetPointHalfActivation) > 0.99 * o.DensitySetPointPerDeltaFosB);
    }
}
