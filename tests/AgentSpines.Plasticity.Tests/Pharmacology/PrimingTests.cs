using AgentSpines.Plasticity.Population;
using AgentSpines.Plasticity.Regime;
using AgentSpines.Plasticity.State;

namespace AgentSpines.Plasticity.Tests.Pharmacology;

/// <summary>
/// Why ketamine's formation lasts two weeks and a psychedelic's a few days, from the shared cascade: new synaptic proteins
/// give every drug a few days of synaptogenesis; only NMDA-receptor block at rest (eEF2) lets them prime the slow
/// homeostatic state, whose structural expression (upscaling) lags it by days.
/// </summary>
public class PrimingTests
{
    private static List<CascadeTrace.Row> Trace(string config, double toH, double everyH, IEnumerable<string>? overrides = null)
    {
        var cfg = TestSupport.Load(config, overrides);
        var regime = new DrugRegime(cfg.Regime, cfg.Spec.StepHours, cfg.Cascade);
        var hours = new List<double>();
        for (double h = 0; h <= toH + 1e-9; h += everyH) hours.Add(h);
        return CascadeTrace.Run(regime, Arm.Drug, hours);
    }

    private static double Max(List<CascadeTrace.Row> rows, Func<CascadeState, double> f) => rows.Max(r => f(r.State));

    [Fact]
    public void OnlyTheNmdaBlockerPrimesThoughEveryDrugMakesProteins()
    {
        var ketamine = Trace("ketamine.json", 240, 1);
        var psilocybin = Trace("psilocybin.json", 240, 1);
        var dmt = Trace("5meodmt.json", 240, 1);
        // comparable protein synthesis: the difference is not how much mTORC1 each drug drives
        double pk = Max(ketamine, s => s.Protein), pp = Max(psilocybin, s => s.Protein);
        Assert.InRange(pp / pk, 0.5, 2);
        Assert.True(Max(ketamine, s => s.Eef2) > 0.05, $"ketamine eEF2 {Max(ketamine, s => s.Eef2):F3}");
        Assert.True(Max(ketamine, s => s.Priming) > 0.1, $"ketamine priming {Max(ketamine, s => s.Priming):F3}");
        foreach (var (name, rows) in new[] { ("psilocybin", psilocybin), ("5-MeO-DMT", dmt) })
        {
            Assert.Equal(0, Max(rows, s => s.Eef2)); // no NMDA block, no eEF2 arm
            Assert.Equal(0, Max(rows, s => s.Priming));
            Assert.True(Max(rows, s => s.Synaptogenesis) > 0.02, $"{name} synaptogenesis {Max(rows, s => s.Synaptogenesis):F3}");
        }
    }

    [Fact]
    public void APsychedelicsFormationDriveIsMostlyGoneByDay7AndKetaminesIsNot()
    {
        static double Excess(List<CascadeTrace.Row> rows, double h) => rows.First(r => Math.Abs(r.HoursAfterDay0 - h) < 1e-6).Environment.FormationMultiplier - 1;
        var psilocybin = Trace("psilocybin.json", 240, 1);
        var ketamine = Trace("ketamine.json", 240, 1);
        double peakP = psilocybin.Max(r => r.Environment.FormationMultiplier - 1);
        // what is left at day 7 is the slow 5-HT2A transcription window, a small fraction of the day-1 drive
        Assert.True(Excess(psilocybin, 168) < 0.4 * peakP, $"psilocybin excess formation x{Excess(psilocybin, 168):F2} at d7, peak x{peakP:F2}");
        Assert.True(Excess(ketamine, 168) > 0.8 * Excess(ketamine, 24), $"ketamine excess formation x{Excess(ketamine, 168):F2} at d7 vs x{Excess(ketamine, 24):F2} at d1");
    }

    [Fact]
    public void UpscalingLagsPrimingByDays()
    {
        var rows = Trace("ketamine.json", 360, 1);
        double tW = rows.MaxBy(r => r.State.Priming)!.HoursAfterDay0, tZ = rows.MaxBy(r => r.State.Upscaling)!.HoursAfterDay0;
        Assert.True(tZ - tW > 48, $"priming peaks at {tW} h, upscaling at {tZ} h");
        Assert.True(tZ < 10 * 24, $"upscaling peaks at {tZ} h");
    }

    [Fact]
    public void AnaestheticKetamineBlocksNmdaMoreButPrimesNothing()
    {
        var anaesthetic = Trace("ketamine_anaesthetic.json", 240, 1);
        var ketamine = Trace("ketamine.json", 240, 1);
        Assert.True(Max(anaesthetic, s => s.Eef2) > Max(ketamine, s => s.Eef2), "more block, more eEF2 dephosphorylation");
        // without the glutamate burst (xylazine, full block) there is no protein synthesis to prime with
        Assert.True(Max(anaesthetic, s => s.Priming) < 0.05 * Max(ketamine, s => s.Priming),
            $"priming {Max(anaesthetic, s => s.Priming):F4} vs {Max(ketamine, s => s.Priming):F4}");
    }
}
