using AgentSpines.Plasticity.Model;
using AgentSpines.Plasticity.Regime;

namespace AgentSpines.Plasticity.Tests.Cycle;

/// <summary>The D1 -> CaMKII -> ΔFosB loop: accumulation over doses, slow decay, positive feedback, bounds.</summary>
public class DeltaFosBLoopTests
{
    private static readonly SynapseMaturationParameters P = SynapseMaturationParameters.Default;

    /// <summary>One day with a cocaine-like dopamine pulse (full for the first hour), then 23 h without.</summary>
    private static void Day(DeltaFosBLoop loop, double dopamine = 1)
    {
        loop.Step(1, dopamine, dopamine);
        loop.Step(23, 0, 0);
    }

    [Fact]
    public void AccumulatesOverRepeatedDosesAndSaturatesBelowOne()
    {
        var loop = new DeltaFosBLoop(P, d1Type: true);
        var after = new List<double>();
        for (int d = 0; d < 60; d++) { Day(loop); after.Add(loop.FosB); }
        Assert.True(after[0] > 0.05 && after[0] < 0.2, $"one dose: {after[0]:F3}");
        Assert.True(after[4] > 2.5 * after[0], $"five doses {after[4]:F3} vs one {after[0]:F3}: accumulation");
        for (int d = 1; d < 10; d++) Assert.True(after[d] > after[d - 1], "rises dose after dose");
        Assert.True(after[^1] < 1 && loop.CamKii < 1 + P.CamKiiInductionByFosB, $"bounded: F {after[^1]:F3}, K {loop.CamKii:F3}");
        Assert.True(after[^1] - after[^8] < 0.02, "saturates (a plateau, not unbounded build-up)");
    }

    [Fact]
    public void DecaysOverWeeksAndSlowerInD1CellsThroughCamKiiFeedback()
    {
        var d1 = new DeltaFosBLoop(P, d1Type: true);
        var d2 = new DeltaFosBLoop(P, d1Type: false);
        for (int d = 0; d < 28; d++) { Day(d1); Day(d2); }
        double f1 = d1.FosB, f2 = d2.FosB;
        d1.Step(30 * 24, 0, 0);
        d2.Step(30 * 24, 0, 0);
        double halfLife1 = 30 / Math.Log2(f1 / d1.FosB), halfLife2 = 30 / Math.Log2(f2 / d2.FosB);
        // D2 cells: no CaMKII induction, so the unstabilised half-life exactly
        Assert.InRange(halfLife2, 0.97 * P.FosBHalfLifeH / 24, 1.03 * P.FosBHalfLifeH / 24);
        // D1 cells: CaMKII stabilises ΔFosB (Robison 2013), weeks rather than days; still elevated at 30 d (Lee 2006)
        Assert.True(halfLife1 > 1.5 * halfLife2, $"D1 half-life {halfLife1:F1} d vs D2 {halfLife2:F1} d");
        Assert.True(d1.FosB > 0.1 * f1 && d2.FosB < 0.03 * f2, $"30 d withdrawal: D1 {d1.FosB / f1:P0} of peak, D2 {d2.FosB / f2:P0}");
    }

    [Fact]
    public void FeedbackMakesDecayLevelDependent()
    {
        // bistable-ish: the relative decay rate is lower when ΔFosB (and so CaMKII) is high
        var high = new DeltaFosBLoop(P, d1Type: true);
        for (int d = 0; d < 40; d++) Day(high);
        var low = new DeltaFosBLoop(P, d1Type: true);
        for (int d = 0; d < 2; d++) Day(low);
        double fh = high.FosB, fl = low.FosB;
        high.Step(72, 0, 0);
        low.Step(72, 0, 0);
        double rateHigh = Math.Log(fh / high.FosB), rateLow = Math.Log(fl / low.FosB);
        Assert.True(rateHigh < 0.75 * rateLow, $"relative decay over 3 d: high {rateHigh:F3} vs low {rateLow:F3}");
    }

    [Fact]
    public void NothingHappensWithoutDopamine()
    {
        var loop = new DeltaFosBLoop(P, d1Type: true);
        loop.Step(1000, 0, 0);
        Assert.Equal(0, loop.FosB);
        Assert.Equal(1, loop.CamKii);
    }
}
