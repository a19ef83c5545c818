using AgentSpines.Plasticity.State;
using Xunit.Abstractions;

namespace AgentSpines.Plasticity.Tests.Cycle;

/// <summary>
/// Seed 000 Fig. 1C against Wright et al. 2020 (Nat Neurosci 23:32, Fig. 1; rats, NAc, minimal-stimulation assay):
/// silent synapses 5.93 +/- 1.44 % (saline) vs 24.95 +/- 7.13 % (cocaine) on withdrawal day 1; on day 45 cocaine
/// 10.53 +/- 1.49 % vs saline 11.71 +/- 5.35 % (back to control), 28.37 +/- 4.68 % with CP-AMPARs blocked (naspm);
/// cue re-exposure on day 45 re-silences them and they re-mature ~6 h later; preventing re-maturation inside that
/// window keeps them silent. The schedule approximates Wright's self-administration by 10 daily 15 mg/kg injections
/// (day 0-9); withdrawal day 1 = day 10, day 45 = day 54 (cue). n = 6 per arm (Wright: 5-12 animals).
/// </summary>
public class CocaineCycleTests(ITestOutputHelper output)
{
    private const int Replicates = 6;
    private const double Wd1 = 10, Wd45 = 54;

    private static readonly string[] Schedule = ["--Regime:RepeatCount=10", "--Regime:Cycle:Cues:0:Day=54", "--Run:DurationDays=66"];
    private static readonly Lazy<CycleRun> Untreated = new(() => Run());
    private static readonly Lazy<CycleRun> InsideWindow = new(() => Run("ProteinSynthesisBlock", 1));
    private static readonly Lazy<CycleRun> AfterWindow = new(() => Run("ProteinSynthesisBlock", 8));
    private static readonly Lazy<CycleRun> Rac1Inside = new(() => Run("Rac1Inhibition", 1));

    private static CycleRun Run(string? kind = null, double hoursAfterCue = 0)
    {
        var o = Schedule.ToList();
        if (kind != null)
            o.AddRange(["--Regime:Cycle:Treatments:0:Day=54", $"--Regime:Cycle:Treatments:0:HoursAfterCue={hoursAfterCue}", $"--Regime:Cycle:Treatments:0:Kind={kind}"]);
        return new CycleRun("cocaine_nac_d1.json", Replicates, o);
    }

    private void Show(string what, double[] x, string published) => output.WriteLine($"{what}: {CycleRun.Fmt(x)} (published {published})");

    [Fact]
    public void SilentSynapsesRiseDuringExposureAndMatureOverWithdrawal()
    {
        var r = Untreated.Value;
        var drug1 = r.SilentPct(Arm.Drug, Wd1);
        var veh1 = r.SilentPct(Arm.Vehicle, Wd1);
        var drug45 = r.SilentPct(Arm.Drug, Wd45);
        var veh45 = r.SilentPct(Arm.Vehicle, Wd45);
        var naspm45 = r.SilentWithNaspmPct(Arm.Drug, Wd45);
        Show("withdrawal day 1, cocaine", drug1, "24.95 +/- 7.13");
        Show("withdrawal day 1, saline", veh1, "5.93 +/- 1.44");
        Show("withdrawal day 45, cocaine", drug45, "10.53 +/- 1.49");
        Show("withdrawal day 45, saline", veh45, "11.71 +/- 5.35");
        Show("withdrawal day 45, cocaine + naspm", naspm45, "28.37 +/- 4.68");
        // each arm within its published SEM
        Assert.InRange(CycleRun.Mean(drug1), 24.95 - 7.13, 24.95 + 7.13);
        Assert.InRange(CycleRun.Mean(veh1), 5.93 - 1.44, 5.93 + 1.44);
        Assert.InRange(CycleRun.Mean(naspm45), 28.37 - 4.68, 28.37 + 4.68);
        // day 45: back to control; Wright's two control groups differ (5.9 vs 11.7 %), so compare cocaine - saline:
        // published 10.53 - 11.71 = -1.2 +/- 5.6 pp
        double diff45 = CycleRun.Mean(drug45) - CycleRun.Mean(veh45);
        Assert.InRange(diff45, -1.2 - 5.6, -1.2 + 5.6);
        Assert.True(CycleRun.Mean(drug1) > CycleRun.Mean(drug45) + 8, "silent synapses mature over withdrawal");
        // the matured ones carry calcium-permeable AMPARs: hidden at day 45 unless naspm blocks them
        Assert.True(CycleRun.Mean(naspm45) - CycleRun.Mean(drug45) > 12);
    }

    [Fact]
    public void CueReSilencesAndReconsolidationRestoresWithinAboutSixHours()
    {
        var r = Untreated.Value;
        double before = CycleRun.Mean(r.SilentPct(Arm.Drug, Wd45));
        double naspm = CycleRun.Mean(r.SilentWithNaspmPct(Arm.Drug, Wd45));
        var at1 = r.SilentPct(Arm.Drug, Wd45, 1);
        var at6 = r.SilentPct(Arm.Drug, Wd45, 6);
        var veh1 = r.SilentPct(Arm.Vehicle, Wd45, 1);
        foreach (int h in new[] { 0, 1, 2, 3, 4, 6, 8, 24 }) Show($"cue + {h} h, cocaine", r.SilentPct(Arm.Drug, Wd45, h), h == 6 ? "re-matured ~6 h" : "");
        Show("cue + 1 h, saline", veh1, "7.74 +/- 1.89 (no change)");
        // re-silenced: the matured (CP-AMPAR) synapses lose their AMPARs on retrieval (about the naspm level)
        Assert.True(CycleRun.Mean(at1) > 0.8 * naspm && CycleRun.Mean(at1) > before + 15, $"+1 h {CycleRun.Mean(at1):F1} % vs naspm {naspm:F1} %");
        // saline-trained: no labile synapses, no change
        Assert.InRange(CycleRun.Mean(veh1) - CycleRun.Mean(r.SilentPct(Arm.Vehicle, Wd45)), -1.5, 1.5);
        // still open at 3 h, closed by ~6 h: within 2.5 pp of the pre-cue level
        Assert.True(CycleRun.Mean(r.SilentPct(Arm.Drug, Wd45, 3)) > before + 4, "window still open at 3 h");
        Assert.InRange(CycleRun.Mean(at6) - before, -1, 2.5);
        // nothing lost without a treatment: the CP-AMPAR pool a day later is what it was before the cue
        Assert.InRange(CycleRun.Mean(r.SilentWithNaspmPct(Arm.Drug, Wd45, 24)) - naspm, -2, 1);
    }

    [Fact]
    public void TreatmentInsideTheWindowPreventsReMaturationAndOutsideDoesNot()
    {
        var none = Untreated.Value;
        double pool = CycleRun.Mean(none.SilentWithNaspmPct(Arm.Drug, Wd45)) - CycleRun.Mean(none.SilentPct(Arm.Drug, Wd45));
        foreach (var (name, run) in new[] { ("none", none), ("anisomycin +1 h", InsideWindow.Value), ("anisomycin +8 h", AfterWindow.Value), ("Rac1 inhibitor +1 h", Rac1Inside.Value) })
            output.WriteLine($"{name}: silent +6 h {CycleRun.Fmt(run.SilentPct(Arm.Drug, Wd45, 6))}, +24 h {CycleRun.Fmt(run.SilentPct(Arm.Drug, Wd45, 24))}; " +
                $"CP-AMPAR pool +24 h {CycleRun.Mean(run.SilentWithNaspmPct(Arm.Drug, Wd45, 24)) - CycleRun.Mean(run.SilentPct(Arm.Drug, Wd45, 24)):F1} % (before {pool:F1} %); " +
                $"density +8 d {CycleRun.Fmt(run.DensityChangePct(Wd45 + 8))} % vs before {CycleRun.Fmt(run.DensityChangePct(Wd45))} %");

        foreach (var inside in new[] { InsideWindow.Value, Rac1Inside.Value })
        {
            // re-maturation prevented: still silent when the untreated ones have re-matured, and the matured pool is gone
            Assert.True(CycleRun.Mean(inside.SilentPct(Arm.Drug, Wd45, 6)) > CycleRun.Mean(none.SilentPct(Arm.Drug, Wd45, 6)) + 0.6 * pool);
            double poolAfter = CycleRun.Mean(inside.SilentWithNaspmPct(Arm.Drug, Wd45, 24)) - CycleRun.Mean(inside.SilentPct(Arm.Drug, Wd45, 24));
            Assert.True(poolAfter < 0.3 * pool, $"CP-AMPAR pool after {poolAfter:F1} % vs {pool:F1} %");
            // the silent, destabilised spines are then lost: density falls relative to the untreated run
            Assert.True(CycleRun.Mean(inside.DensityChangePct(Wd45 + 8)) < CycleRun.Mean(none.DensityChangePct(Wd45 + 8)) - 3);
            // the vehicle (saline-trained) arm has nothing to destabilise: the treatment leaves it alone
            Assert.InRange(CycleRun.Mean(inside.SilentPct(Arm.Vehicle, Wd45, 6)) - CycleRun.Mean(none.SilentPct(Arm.Vehicle, Wd45, 6)), -1, 1);
        }
        // after the window closed (re-matured by ~6 h), the same treatment changes nothing
        var after = AfterWindow.Value;
        Assert.InRange(CycleRun.Mean(after.SilentPct(Arm.Drug, Wd45, 24)) - CycleRun.Mean(none.SilentPct(Arm.Drug, Wd45, 24)), -1, 1);
        Assert.InRange(CycleRun.Mean(after.SilentWithNaspmPct(Arm.Drug, Wd45, 24)) - CycleRun.Mean(none.SilentWithNaspmPct(Arm.Drug, Wd45, 24)), -1.5, 1.5);
    }
}
