using AgentSpines.Plasticity.State;
using Xunit.Abstractions;

namespace AgentSpines.Plasticity.Tests.Cycle;

/// <summary>
/// Lee et al. 2006 (PNAS 103:3399), Drd1-EGFP / Drd2-EGFP mice, NAc, 28 daily cocaine injections: spine density up in
/// both D1 and D2 MSNs after 2 d of withdrawal; after 30 d still up in D1 MSNs only; ΔFosB likewise (both at 2 d, D1
/// only at 30 d). The percentages were not available to us (docs/cocaine-cycle.md): the tolerances below encode the
/// reported pattern with magnitudes typical of NAc cocaine studies (+15..45 %), and are marked as such.
/// Anderson and Self 2017 (Curr Opin Behav Sci 13:117): no NAc cocaine spine increase persists 90 days of withdrawal.
/// Days relative to the first injection: withdrawal day 2 = day 29, day 30 = day 57, day 90 = day 117.
/// </summary>
public class NacDensityTests(ITestOutputHelper output)
{
    private const int Replicates = 6;
    private static readonly Lazy<CycleRun> D1 = new(() => new CycleRun("cocaine_nac_d1.json", Replicates, ["--Run:DurationDays=122"]));
    private static readonly Lazy<CycleRun> D2 = new(() => new CycleRun("cocaine_nac_d2.json", Replicates, ["--Run:DurationDays=122"]));

    [Fact]
    public void D1DensityRisesAndPersists()
    {
        var wd2 = D1.Value.DensityChangePct(29);
        var wd30 = D1.Value.DensityChangePct(57);
        output.WriteLine($"D1 MSN density vs saline: WD2 {CycleRun.Fmt(wd2)} %, WD30 {CycleRun.Fmt(wd30)} % (Lee 2006: up, maintained)");
        Assert.InRange(CycleRun.Mean(wd2), 15, 45);
        Assert.True(CycleRun.Mean(wd30) > 10 && CycleRun.Mean(wd30) > 0.5 * CycleRun.Mean(wd2), "D1: maintained at 30 d");
    }

    /// <summary>
    /// The D2 return needs the MSNs' density restoration (PlasticityOptions.DensityRestoringRatePerDay): without it the spines
    /// Delta-FosB added in D2 cells are stabilised at the baseline rate and stay (+4.8 % at day 30, until 2026-12-02).
    /// </summary>
    [Fact]
    public void D2DensityRisesAndReturns()
    {
        var wd2 = D2.Value.DensityChangePct(29);
        var wd30 = D2.Value.DensityChangePct(57);
        output.WriteLine($"D2 MSN density vs saline: WD2 {CycleRun.Fmt(wd2)} %, WD30 {CycleRun.Fmt(wd30)} % (Lee 2006: up, back to control)");
        Assert.InRange(CycleRun.Mean(wd2), 8, 45);
        Assert.InRange(CycleRun.Mean(wd30), -5, 5);
        Assert.True(CycleRun.Mean(wd30) < 0.35 * CycleRun.Mean(wd2), "D2: transient");
    }

    [Fact]
    public void NoIncreaseLastsNinetyDays()
    {
        var d1 = D1.Value.DensityChangePct(117);
        var d2 = D2.Value.DensityChangePct(117);
        output.WriteLine($"density vs saline at withdrawal day 90: D1 {CycleRun.Fmt(d1)} %, D2 {CycleRun.Fmt(d2)} % (Anderson and Self 2017: none persists)");
        Assert.InRange(CycleRun.Mean(d1), -5, 5);
        Assert.InRange(CycleRun.Mean(d2), -5, 5);
    }

    [Fact]
    public void WithoutRestorationTheD2IncreaseStays()
    {
        // the mechanism, not a fit elsewhere, makes the return: the same config with the restoration off keeps its D2 spines
        var off = new CycleRun("cocaine_nac_d2.json", Replicates, ["--Run:DurationDays=62", "--Plasticity:DensityRestoringRatePerDay=0"]);
        var wd30 = off.DensityChangePct(57);
        output.WriteLine($"D2 without restoration: WD30 {CycleRun.Fmt(wd30)} %");
        Assert.True(CycleRun.Mean(wd30) > 3, "without restoration the D2 increase must outlast withdrawal day 30");
    }

    [Fact]
    public void DeltaFosBFollowsTheSamePattern()
    {
        double Fos(CycleRun r, double day) => r.DrugEnvironment(day).DeltaFosB;
        double d1Peak = Fos(D1.Value, 27), d2Peak = Fos(D2.Value, 27);
        output.WriteLine($"ΔFosB D1: end {d1Peak:F3}, WD2 {Fos(D1.Value, 29):F3}, WD30 {Fos(D1.Value, 57):F3}; D2: end {d2Peak:F3}, WD2 {Fos(D2.Value, 29):F3}, WD30 {Fos(D2.Value, 57):F3}");
        Assert.True(Fos(D1.Value, 29) > 0.8 * d1Peak && Fos(D2.Value, 29) > 0.7 * d2Peak, "up in both at 2 d");
        Assert.True(Fos(D1.Value, 57) > 0.1 * d1Peak, "D1: still up at 30 d");
        Assert.True(Fos(D2.Value, 57) < 0.05 * d2Peak, "D2: gone at 30 d");
        Assert.Equal(0, D1.Value.Regime.ForAnimal(Arm.Vehicle).At((D1.Value.ReferenceDay + 29) * 24).DeltaFosB);
    }
}
