using AgentSpines.Plasticity.Options;
using AgentSpines.Plasticity.Regime;
using AgentSpines.Plasticity.State;

namespace AgentSpines.Plasticity.Tests.Pharmacology;

/// <summary>
/// The D1 -> CaMKII -> Delta-FosB loop of the shared cascade, driven by cocaine through PK -> DAT -> dopamine, in NAc
/// D1 and D2 medium spiny neurons (Regime:Neuron): accumulation over doses, bounds, slow decay stabilised by induced
/// CaMKII in D1 cells only (Robison 2013), and the silent-synapse cycle reading it rather than adding to it.
/// </summary>
public class DeltaFosBLoopTests
{
    private static readonly CascadeOptions O = new();

    private static DrugRegime Regime(string config, params string[] overrides)
    {
        var cfg = TestSupport.Load(config, overrides);
        return new DrugRegime(cfg.Regime, cfg.Spec.StepHours, cfg.Cascade);
    }

    /// <summary>Delta-FosB just before each daily dose (h = 24 d - 0.5) and then daily for the given days.</summary>
    private static double[] DailyFosB(DrugRegime r, int days, Arm arm = Arm.Drug)
    {
        var hours = Enumerable.Range(1, days).Select(d => 24.0 * d - 0.5).ToArray();
        return CascadeTrace.Run(r, arm, hours).Select(x => x.State.DeltaFosB).ToArray();
    }

    [Fact]
    public void AccumulatesOverRepeatedDosesAndSaturatesBelowOne()
    {
        var f = DailyFosB(Regime("cocaine_nac_d1.json", "--Regime:RepeatCount=80", "--Run:DurationDays=90"), 80);
        Assert.True(f[0] > 0.02 && f[0] < 0.2, $"one dose: {f[0]:F3}");
        Assert.True(f[4] > 2.5 * f[0], $"five doses {f[4]:F3} vs one {f[0]:F3}: accumulation");
        for (int d = 1; d < 10; d++) Assert.True(f[d] > f[d - 1], "rises dose after dose");
        Assert.True(f[^1] < 1, $"bounded: {f[^1]:F3}");
        Assert.True(f[^1] - f[^8] < 0.02, $"saturates: {f[^8]:F3} -> {f[^1]:F3} over the last week (a plateau, not unbounded build-up)");
    }

    [Fact]
    public void DecaysOverWeeksAndSlowerInD1CellsThroughCamKiiFeedback()
    {
        double[] HalfLifeAndShare(string config)
        {
            var r = Regime(config, "--Run:DurationDays=62");
            var rows = CascadeTrace.Run(r, Arm.Drug, [28 * 24 - 0.5, 58 * 24 - 0.5]);
            double f0 = rows[0].State.DeltaFosB, f30 = rows[1].State.DeltaFosB;
            return [30 / Math.Log2(f0 / f30), f30 / f0];
        }
        var d1 = HalfLifeAndShare("cocaine_nac_d1.json");
        var d2 = HalfLifeAndShare("cocaine_nac_d2.json");
        // D2 cells induce no CaMKIIa, so Delta-FosB decays with its own half-life (the last dose adds a little at the start)
        Assert.InRange(d2[0], 0.95 * O.DeltaFosBHalfLifeH / 24, 1.1 * O.DeltaFosBHalfLifeH / 24);
        // D1 cells: induced CaMKII stabilises Delta-FosB; still elevated 30 d after the last dose (Lee 2006), gone in D2
        Assert.True(d1[0] > 1.5 * d2[0], $"D1 half-life {d1[0]:F1} d vs D2 {d2[0]:F1} d");
        Assert.True(d1[1] > 0.1 && d2[1] < 0.03, $"30 d withdrawal: D1 {d1[1]:P0} of peak, D2 {d2[1]:P0}");
    }

    [Fact]
    public void FeedbackMakesTheRelativeDecayLevelDependent()
    {
        double RelativeDecayOver3Days(int doses)
        {
            var r = Regime("cocaine_nac_d1.json", $"--Regime:RepeatCount={doses}", "--Run:DurationDays=62");
            double t = 24.0 * doses - 0.5;
            var rows = CascadeTrace.Run(r, Arm.Drug, [t, t + 72]);
            return Math.Log(rows[0].State.DeltaFosB / rows[1].State.DeltaFosB);
        }
        double high = RelativeDecayOver3Days(40), low = RelativeDecayOver3Days(2);
        Assert.True(high < 0.75 * low, $"relative decay over 3 d: after 40 doses {high:F3} vs after 2 {low:F3}");
    }

    [Fact]
    public void NothingWithoutDrugAndNothingInTheVehicleArm()
    {
        var r = Regime("cocaine_nac_d1.json");
        Assert.All(DailyFosB(r, 30, Arm.Vehicle), f => Assert.Equal(0, f));
        var none = Regime("cocaine_nac_d1.json", "--Regime:RepeatCount=1", "--Regime:Doses:0:MgPerKg=0");
        Assert.All(DailyFosB(none, 5), f => Assert.Equal(0, f, 12));
    }

    [Fact]
    public void TheCycleReadsTheCascadeAndLeavesTurnoverRatesAlone()
    {
        // the loop exists once: switching the silent-synapse cycle off changes no rate the structural rules read
        var on = CascadeTrace.Run(Regime("cocaine_nac_d1.json"), Arm.Drug, [2, 24 * 10, 24 * 29, 24 * 57]);
        var off = CascadeTrace.Run(Regime("cocaine_nac_d1.json", "--Regime:Cycle:Enabled=false", "--Regime:Cycle:Cues=[]"), Arm.Drug, [2, 24 * 10, 24 * 29, 24 * 57]);
        for (int i = 0; i < on.Count; i++)
        {
            var a = on[i].Environment;
            var b = off[i].Environment;
            Assert.Equal(b with { Synapses = a.Synapses }, a);
            Assert.True(a.Synapses.Enabled && !b.Synapses.Enabled);
            Assert.Equal(1 + a.CamKiiLevel, a.Synapses.CamKii, 12);
        }
        Assert.True(on[2].Environment.DeltaFosB > 0.1, $"Delta-FosB at withdrawal day 2: {on[2].Environment.DeltaFosB:F3}");
    }

    [Fact]
    public void CellTypeDecidesWhichDopamineReceptorDrivesTheLoop()
    {
        var d1 = CascadeTrace.Run(Regime("cocaine_nac_d1.json"), Arm.Drug, [0.5, 24 * 28]);
        var d2 = CascadeTrace.Run(Regime("cocaine_nac_d2.json"), Arm.Drug, [0.5, 24 * 28]);
        Assert.True(d1[0].State.CamKii > 0.1, $"D1 cell CaMKII activation at 30 min: {d1[0].State.CamKii:F3}");
        Assert.Equal(0, d2[0].State.CamKii, 12);
        Assert.True(d2[1].State.DeltaFosB > 0.1, "D2 cells still accumulate Delta-FosB (Lee 2006: up at withdrawal day 2)");
        Assert.Equal(0, d2[1].State.CamKiiLevel, 12);
        Assert.True(d1[1].State.CamKiiLevel > 0.1, $"D1 cells induce CaMKIIa: {d1[1].State.CamKiiLevel:F3}");
        Assert.True(d1[0].Environment.Dopamine > 0.1 && d2[0].Environment.Dopamine == 0, "D1 gating reads the cell's D1 receptors");
    }
}
