using AgentSpines.Core.Configuration;
using AgentSpines.Plasticity.Options;
using AgentSpines.Plasticity.Population;
using AgentSpines.Plasticity.Regime;
using AgentSpines.Plasticity.State;

namespace AgentSpines.Plasticity.Tests.Pharmacology;

/// <summary>The shared cascade: accuracy of its integration and the timing that must emerge from its kinetics.</summary>
public class CascadeTests
{
    private static DrugRegime Regime(string config, IEnumerable<string>? overrides = null, CascadeOptions? cascade = null)
    {
        var cfg = TestSupport.Load(config, overrides);
        return new DrugRegime(cfg.Regime, cfg.Spec.StepHours, cascade ?? cfg.Cascade);
    }

    private static List<CascadeTrace.Row> Trace(DrugRegime r, double fromH, double toH, double everyH, double sensitivity = 1)
    {
        var hours = new List<double>();
        for (double h = fromH; h <= toH + 1e-9; h += everyH) hours.Add(h);
        return CascadeTrace.Run(r, Arm.Drug, hours, sensitivity);
    }

    [Theory]
    [InlineData("ketamine.json")]
    [InlineData("ketamine_anaesthetic.json")]
    [InlineData("psilocybin.json")]
    [InlineData("cocaine.json")]
    [InlineData("diazepam_5mgkg_1wk.json")]
    [InlineData("corticosterone_ketamine.json")]
    public void HalvingTheInternalStepChangesOutputsByLessThan1e3(string config)
    {
        var coarse = new CascadeOptions();
        var fine = new CascadeOptions { StepH = coarse.StepH / 2 };
        var a = Trace(Regime(config, cascade: coarse), -1, 240, 0.5);
        var b = Trace(Regime(config, cascade: fine), -1, 240, 0.5);
        double worst = 0;
        for (int i = 0; i < a.Count; i++)
        {
            var x = a[i].Environment;
            var y = b[i].Environment;
            worst = Math.Max(worst, Math.Abs(x.FormationMultiplier - y.FormationMultiplier));
            worst = Math.Max(worst, Math.Abs(x.TransientEliminationMultiplier - y.TransientEliminationMultiplier));
            worst = Math.Max(worst, Math.Abs(x.EnlargementLogPerH - y.EnlargementLogPerH) * 24);
            worst = Math.Max(worst, Math.Abs(x.FilopodiaPerUmPerH - y.FilopodiaPerUmPerH));
            worst = Math.Max(worst, Math.Abs(x.DeltaFosB - y.DeltaFosB));
        }
        Assert.True(worst < 1e-3, $"{config}: largest change {worst:E2}");
    }

    /// <summary>
    /// Psilocin's TrkB binding lasts hours; the consolidated share of the growth it drives (G) decays with tau_G (240 h), so
    /// enlargement continues for days after the drug is gone. 5-MeO-DMT, which acts at 5-HT2A without TrkB binding in its
    /// config, consolidates nothing (Jefferson 2023: no head-size change).
    /// </summary>
    /// <summary>
    /// A TrkB positive allosteric modulator acts on BDNF-bound receptors only (Moliner 2023): P = TrkB R / (R + K_R) with
    /// R = k_E max(E, 0). Without excitation (no released BDNF) it does nothing; at R = K_R it is half its binding; it never
    /// exceeds the binding. With 5-HT2A knocked out, psilocybin's TrkB binding is there but B, G and the enlargement stay 0.
    /// </summary>
    [Fact]
    public void TrkBPotentiationNeedsReleasedBdnf()
    {
        var o = new CascadeOptions();
        var cascade = new SignallingCascade(o);
        Assert.Equal(0, cascade.PotentiatedTrkB(0.3, 0));
        Assert.Equal(0, cascade.PotentiatedTrkB(0.3, -0.5));
        double excitationAtHalf = o.TrkBPotentiationHalfRelease / o.BdnfPerExcitation;
        Assert.Equal(0.15, cascade.PotentiatedTrkB(0.3, excitationAtHalf), 12);
        Assert.InRange(cascade.PotentiatedTrkB(0.3, 1e6), 0.2999, 0.3);

        var rows = Trace(Regime("psilocybin.json", ["--Regime:KnockedOutReceptors:0=Ht2a"]), 0, 48, 0.5);
        Assert.True(rows.Max(r => r.Signals[(int)ReceptorTarget.TrkB]) > 0.05, "psilocin still binds TrkB in the knockout");
        Assert.All(rows, r => Assert.Equal(0, r.Signals[(int)ReceptorTarget.Ht2a]));
        Assert.All(rows, r => Assert.True(r.State.Bdnf <= 0 && r.State.GrowthConsolidation == 0 && r.Environment.EnlargementLogPerH <= 0,
            $"h {r.HoursAfterDay0}: B {r.State.Bdnf}, G {r.State.GrowthConsolidation}, enlargement {r.Environment.EnlargementLogPerH}"));
    }

    [Fact]
    public void TrkBDrivenGrowthIsConsolidatedForDaysOnlyWhereTheDrugBindsTrkB()
    {
        var o = new CascadeOptions();
        var rows = Trace(Regime("psilocybin.json"), 0, 24 * 8, 1);
        double binding = rows.Max(r => r.Signals[(int)ReceptorTarget.TrkB]);
        var day1 = rows.Single(r => r.HoursAfterDay0 == 24);
        var day7 = rows.Single(r => r.HoursAfterDay0 == 24 * 7);
        Assert.True(binding > 0.05, $"psilocin binds TrkB: {binding:F3}");
        Assert.True(rows.Where(r => r.HoursAfterDay0 >= 12).All(r => r.Signals[(int)ReceptorTarget.TrkB] < 1e-3), "binding is over within 12 h");
        Assert.True(day1.State.GrowthConsolidation > 0.05, $"G at day 1: {day1.State.GrowthConsolidation:F3}");
        // after the binding is over, G relaxes with its own time constant: exp(-144 h / tau_G) between day 1 and day 7
        double expected = day1.State.GrowthConsolidation * Math.Exp(-144 / o.GrowthConsolidationTauH);
        Assert.InRange(day7.State.GrowthConsolidation, 0.98 * expected, 1.02 * expected);
        Assert.InRange(day7.Environment.EnlargementLogPerH * 24, 0.9 * o.EnlargementLogPerDayPerGrowthConsolidation * expected, 1.1 * o.EnlargementLogPerDayPerGrowthConsolidation * expected + 1e-4);
        var dmt = Trace(Regime("5meodmt.json"), 0, 24 * 8, 1);
        Assert.All(dmt, r => Assert.Equal(0, r.State.GrowthConsolidation));
    }

    [Fact]
    public void Ketamine10RaisesFormationAt12To24HoursNotAt3To6()
    {
        var rows = Trace(Regime("ketamine.json"), 0, 24, 0.5);
        double early = rows.Where(r => r.HoursAfterDay0 >= 3 && r.HoursAfterDay0 <= 6).Max(r => r.Environment.FormationMultiplier);
        double late = rows.Where(r => r.HoursAfterDay0 >= 12 && r.HoursAfterDay0 <= 24).Min(r => r.Environment.FormationMultiplier);
        Assert.True(late > 1.3, $"formation x{late:F3} at 12-24 h");
        Assert.True(early - 1 < 0.3 * (late - 1), $"formation x{early:F3} at 3-6 h vs x{late:F3} at 12-24 h");
    }

    [Fact]
    public void ATenfoldKetamineHalfLifeChangesTheOutcome()
    {
        static double ExcessFormationDays(DrugRegime r) => Trace(r, 0, 15 * 24, 1).Sum(x => x.Environment.FormationMultiplier - 1) / 24;
        double normal = ExcessFormationDays(Regime("ketamine.json"));
        double slow = ExcessFormationDays(Regime("ketamine.json", ["--Regime:Species:0:HalfLifeH=2.2"]));
        Assert.True(normal > 1, $"excess formation {normal:F2} day-equivalents");
        Assert.True(Math.Abs(slow - normal) > 0.3 * normal, $"t1/2 x10: excess formation {slow:F2} vs {normal:F2} day-equivalents");
    }

    [Fact]
    public void AnaestheticKetamineGivesFilopodiaForHoursAndNoFormationDrive()
    {
        var rows = Trace(Regime("ketamine_anaesthetic.json"), 0, 72, 0.25);
        Assert.All(rows, r => Assert.True(r.Environment.FormationMultiplier < 1.03, $"formation x{r.Environment.FormationMultiplier:F3} at {r.HoursAfterDay0} h"));
        double during = rows.Where(r => r.HoursAfterDay0 >= 1 && r.HoursAfterDay0 <= 3).Min(r => r.Environment.FilopodiaPerUmPerH);
        double dayLater = rows.Where(r => r.HoursAfterDay0 >= 24).Max(r => r.Environment.FilopodiaPerUmPerH);
        Assert.True(during > 0.01, $"filopodia {during:F4} /um/h during 1-3 h");
        Assert.True(dayLater < 1e-4, $"filopodia {dayLater:E2} /um/h after a day");
        // the same ketamine parameters at 10 mg/kg, without xylazine, do drive formation
        var sub = Trace(Regime("ketamine_anaesthetic.json", ["--Regime:Doses:0:MgPerKg=10", "--Regime:Doses:1:MgPerKg=0"]), 0, 48, 1);
        Assert.True(sub.Max(r => r.Environment.FormationMultiplier) > 1.3);
    }

    [Fact]
    public void FiveDailyKetamineDosesDoNotBuildUpWithoutBound()
    {
        var one = Trace(Regime("ketamine.json"), 0, 24 * 6, 1);
        var five = Trace(Regime("ketamine.json", ["--Regime:RepeatCount=5"]), 0, 24 * 6, 1);
        double peak1 = one.Max(r => r.Environment.FormationMultiplier), peak5 = five.Max(r => r.Environment.FormationMultiplier);
        Assert.True(peak5 > peak1, $"repeated doses add: {peak5:F2} vs {peak1:F2}");
        Assert.True(peak5 < 1 + 0.8 * (peak1 - 1) * 5, $"sub-additive: five doses x{peak5:F2}, one dose x{peak1:F2}");
        // the increment of the priming state shrinks dose after dose (bounded in [0, 1])
        double[] w = Enumerable.Range(0, 6).Select(d => five.First(r => r.HoursAfterDay0 >= 24 * d).State.Priming).ToArray();
        Assert.True(w[5] - w[4] < w[1] - w[0], $"priming after doses: {string.Join(", ", w.Select(x => x.ToString("F3")))}");
        Assert.True(w.Max() < 1);
    }

    [Fact]
    public void RepeatedPsilocybinShowsTachyphylaxis()
    {
        var rows = Trace(Regime("psilocybin.json", ["--Regime:RepeatCount=2"]), 0, 48, 0.05);
        double first = rows.Where(r => r.HoursAfterDay0 < 24).Sum(r => r.Signals[(int)ReceptorTarget.Ht2a] * (1 - r.State.Ht2aDesensitised));
        double second = rows.Where(r => r.HoursAfterDay0 >= 24).Sum(r => r.Signals[(int)ReceptorTarget.Ht2a] * (1 - r.State.Ht2aDesensitised));
        Assert.True(second < 0.85 * first, $"effective 5-HT2A signalling of the second dose {second:F1} vs first {first:F1}");
    }

    [Fact]
    public void RepeatedCocaineAccumulatesDeltaFosBAndActivatesD1()
    {
        var rows = Trace(Regime("cocaine.json"), -1, 24 * 7, 0.25);
        double basal = rows[0].Environment.D1Activation;
        double peak = rows.Where(r => r.HoursAfterDay0 is > 0 and < 1).Max(r => r.Environment.D1Activation);
        Assert.True(peak > basal + 0.2, $"D1 activation {peak:F2} vs basal {basal:F2}");
        double[] fosb = Enumerable.Range(1, 5).Select(d => rows.First(r => r.HoursAfterDay0 >= 24 * d - 0.01).Environment.DeltaFosB).ToArray();
        for (int i = 1; i < fosb.Length; i++) Assert.True(fosb[i] > fosb[i - 1], $"Delta-FosB before each dose: {string.Join(", ", fosb.Select(x => x.ToString("F3")))}");
        Assert.Equal(0, rows[0].Environment.DeltaFosB);
    }

    [Fact]
    public void SensitivityScalesReceptorInputsAndZeroMeansNoEffect()
    {
        var r = Regime("ketamine.json");
        var none = Trace(r, 0, 48, 1, sensitivity: 0);
        Assert.All(none, x => Assert.Equal(1, x.Environment.FormationMultiplier, 12));
        double half = Trace(r, 0, 48, 1, 0.5).Max(x => x.Environment.FormationMultiplier);
        double full = Trace(r, 0, 48, 1, 1).Max(x => x.Environment.FormationMultiplier);
        Assert.True(half < full);
    }

    [Fact]
    public void ZolpidemLacksTheMicroglialRouteDiazepamHas()
    {
        var dz = Trace(Regime("diazepam_5mgkg_1wk.json"), 0, 24 * 7, 1);
        var zp = Trace(Regime("zolpidem.json"), 0, 24 * 7, 1);
        Assert.True(dz.Max(x => x.Environment.TransientEliminationMultiplier) > 2);
        Assert.True(zp.Max(x => x.Environment.TransientEliminationMultiplier) < 1.001);
    }

    [Theory]
    [InlineData("--Regime:Mechanisms:Formation:0:DelayH=6", "Regime:Mechanisms")]
    [InlineData("--Regime:Species:0:DelayH=6", "Regime:Species:0:DelayH")]
    [InlineData("--Regime:Species:0:DurationH=6", "Regime:Species:0:DurationH")]
    [InlineData("--Regime:Receptors:0:OffTauH=6", "Regime:Receptors:0:OffTauH")]
    [InlineData("--Regime:Receptors:0:FormationGain=2", "Regime:Receptors:0:FormationGain")]
    public void TheSchemaRefusesEffectTimingAndGainsNamingTheKey(string overrideArg, string key)
    {
        var e = Assert.Throws<ConfigException>(() => TestSupport.Load("ketamine.json", [overrideArg]));
        Assert.Equal(key, e.Key);
        Assert.Contains(key, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void NoReadyConfigHoldsEffectTimingOrItsOwnCascade()
    {
        var refused = new[] { "DelayH", "DurationH", "OffTauH", "Gain\"", "Mechanisms", "\"Cascade\"" };
        foreach (var f in Directory.GetFiles(Path.Combine(TestSupport.RepoRoot, "configs"), "*.json", SearchOption.AllDirectories))
        {
            string text = File.ReadAllText(f);
            foreach (var k in refused) Assert.False(text.Contains(k, StringComparison.Ordinal), $"{Path.GetFileName(f)} holds {k}");
        }
    }
}
