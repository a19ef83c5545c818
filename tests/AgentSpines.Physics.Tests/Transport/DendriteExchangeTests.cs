using AgentSpines.Core.Random;
using AgentSpines.Physics.Transport;
using Xunit.Abstractions;

namespace AgentSpines.Physics.Tests.Transport;

/// <summary>
/// Issue 3 item 6: a species exchanged with the spines of a population (uneven positions, spines that come and
/// go), checked against the steady state of the two-state model with production and reaction in spines.
/// </summary>
public class DendriteExchangeTests(ITestOutputHelper output)
{
    private const double MsPerH = 3_600_000.0;

    /// <summary>Markovian kinetics: lambda1' = 0.1 um/ms at 1 spine/um, dwell 20 ms, reaction 0.02 /ms, production P per um per ms.</summary>
    private static ExchangeSpeciesOptions Species(double productionPerUmPerMs, double diffusion = 1.0, InitialPlacement source = InitialPlacement.Uniform) => new()
    {
        Name = "prp", DiffusionUm2PerMs = diffusion, ReactionRatePerMs = 0.02,
        Capture = new CaptureOptions { Kernel = CaptureKernel.Exponential, RateUmPerMs = 0.1 },
        Dwell = new DwellOptions { Kernel = DwellKernel.Exponential, TauMs = 20 },
        ProductionPerUmPerH = productionPerUmPerMs * MsPerH, ProductionPlacement = source, ProductionPositionUm = 0,
    };

    private static (ulong[] Ids, double[] Positions) RandomSpines(int n, double lengthUm, ulong seed)
    {
        var rng = new RandomStream(seed, 1, StreamId.FirstFree);
        var pos = new double[n];
        for (int i = 0; i < n; i++) pos[i] = lengthUm * rng.NextDouble();
        Array.Sort(pos);
        return (Enumerable.Range(0, n).Select(i => 1000UL + (ulong)i).ToArray(), pos);
    }

    [Fact]
    public void UniformProductionGivesTheSteadyOccupancyPOverThetaRhoAndFollowsEachSpinesCatchmentWidth()
    {
        const double L = 200, P = 0.1, theta = 0.02;
        var (ids, pos) = RandomSpines(200, L, 7);
        var ex = new DendriteExchange(Species(P), 0, L, EndCondition.Reflecting, 42);
        ex.SetSpines(ids, pos, 0);
        var sum = new double[ids.Length];
        int measured = 0;
        for (int k = 0; k < 80; k++)
        {
            ex.Advance(k * 100.0, (k + 1) * 100.0);
            if (k < 30) continue; // lifetime ~85 ms: equilibrated long before
            for (int i = 0; i < sum.Length; i++) sum[i] += ex.Occupancy.StepMeanOccupancy[i];
            measured++;
        }
        double rho = ids.Length / L, expected = P / (theta * rho);
        double mean = sum.Average() / measured;
        output.WriteLine($"mean occupancy {mean:F3} per spine, theory P/(theta rho) = {expected:F3}");
        Assert.True(Math.Abs(mean / expected - 1) < 0.03, $"mean occupancy {mean:F3} vs {expected:F3}");

        // each spine catches what lands in its Voronoi cell: occupancy = (P/theta) x cell width
        var width = new double[pos.Length];
        for (int i = 0; i < pos.Length; i++)
        {
            double lo = i == 0 ? 0 : 0.5 * (pos[i - 1] + pos[i]), hi = i == pos.Length - 1 ? L : 0.5 * (pos[i] + pos[i + 1]);
            width[i] = hi - lo;
        }
        var occ = sum.Select(s => s / measured).ToArray();
        double slope = occ.Zip(width, (o, w) => o * w).Sum() / width.Sum(w => w * w);
        output.WriteLine($"occupancy per um of catchment {slope:F3}, theory P/theta = {P / theta:F3}");
        Assert.True(Math.Abs(slope / (P / theta) - 1) < 0.05, $"slope {slope:F3} vs {P / theta:F3}");
    }

    [Fact]
    public void PointSourceGivesTheExponentialProfileOfTheReactingTwoStateModel()
    {
        // steady state with a source at x = 0: D n'' = lambda1 theta/(lambda2 + theta) n, decay length
        // l = sqrt(D (lambda2 + theta) / (lambda1 theta))
        const double L = 250, D = 10, lambda1 = 0.1, lambda2 = 0.05, theta = 0.02;
        double ell = Math.Sqrt(D * (lambda2 + theta) / (lambda1 * theta));
        var ids = Enumerable.Range(0, 250).Select(i => 1UL + (ulong)i).ToArray();
        var pos = Enumerable.Range(0, 250).Select(i => i + 0.5).ToArray();
        var ex = new DendriteExchange(Species(0.1, D, InitialPlacement.Point), 0, L, EndCondition.Reflecting, 3);
        ex.SetSpines(ids, pos, 0);
        var sum = new double[ids.Length];
        for (int k = 0; k < 160; k++)
        {
            ex.Advance(k * 100.0, (k + 1) * 100.0);
            if (k >= 40) for (int i = 0; i < sum.Length; i++) sum[i] += ex.Occupancy.StepMeanOccupancy[i];
        }
        // least-squares slope of ln(occupancy) against x over 10-70 um (about 0.5 to 3.7 decay lengths)
        var xs = new List<double>();
        var ys = new List<double>();
        for (int i = 10; i < 70; i++) { xs.Add(pos[i]); ys.Add(Math.Log(sum[i])); }
        double mx = xs.Average(), my = ys.Average();
        double fitted = -xs.Select((x, i) => (x - mx) * (ys[i] - my)).Sum() / xs.Sum(x => (x - mx) * (x - mx));
        output.WriteLine($"decay length fitted {1 / fitted:F2} um, theory {ell:F2} um");
        Assert.True(Math.Abs(1 / fitted / ell - 1) < 0.08, $"decay length {1 / fitted:F2} vs {ell:F2}");
    }

    [Fact]
    public void ParticlesAreConservedAndTheSpinesOfRemovedSitesAreFreed()
    {
        const double L = 100;
        var (ids, pos) = RandomSpines(120, L, 11);
        var o = Species(0.05);
        o.ParticleCount = 500;
        o.Initial = new InitialOptions { Placement = InitialPlacement.Uniform, FractionTrapped = 0.5 };
        var ex = new DendriteExchange(o, 0, L, EndCondition.Reflecting, 5);
        ex.SetSpines(ids, pos, 0);
        Assert.Equal(250, ex.Census().Trapped);
        long gone = 0;
        for (int k = 0; k < 30; k++)
        {
            if (k % 5 == 4)
            {
                // every fifth step a third of the spines disappear and new ones appear
                var keep = Enumerable.Range(0, ids.Length).Where(i => (i + k) % 3 != 0).ToList();
                var (newIds, newPos) = RandomSpines(40, L, (ulong)k);
                var all = keep.Select(i => (ids[i], pos[i])).Concat(newIds.Select((id, j) => (id + 100_000UL * (ulong)k, newPos[j]))).OrderBy(p => p.Item2).ToList();
                ids = all.Select(p => p.Item1).ToArray();
                pos = all.Select(p => p.Item2).ToArray();
                var before = ex.Census();
                ex.SetSpines(ids, pos, k * 100.0);
                var after = ex.Census();
                // nobody is lost; those of removed spines are free now, the others stay in their (re-indexed) spine
                Assert.Equal(before.Free + before.Trapped, after.Free + after.Trapped);
                Assert.True(after.Trapped < before.Trapped, "a third of the spines went: some particles must be freed");
                Assert.Equal(after.Trapped, ex.Occupancy.Current.Sum());
            }
            var c = ex.Advance(k * 100.0, (k + 1) * 100.0);
            gone += c.Reactions + c.Absorptions;
            Assert.Equal(c.Captures, ex.Occupancy.StepArrivals.Sum());
            var (free, trapped) = ex.Census();
            Assert.Equal(500 + ex.Produced - gone, free + trapped);
            Assert.Equal(trapped, ex.Occupancy.Current.Sum());
        }
        output.WriteLine($"produced {ex.Produced}, reacted {ex.Totals.Reactions}, left {ex.Count}");
        Assert.True(ex.Totals.Reactions > 1000);
    }

    [Fact]
    public void SameSeedSameHistoryAndNoSpinesMeansNoCapture()
    {
        var (ids, pos) = RandomSpines(50, 60, 1);
        double[] Run()
        {
            var ex = new DendriteExchange(Species(0.05), 0, 60, EndCondition.Absorbing, 9);
            ex.SetSpines(ids, pos, 0);
            var trace = new List<double>();
            for (int k = 0; k < 20; k++) { ex.Advance(k * 50.0, (k + 1) * 50.0); trace.AddRange(ex.Occupancy.StepMeanOccupancy); }
            return trace.ToArray();
        }
        Assert.Equal(Run(), Run());

        var empty = new DendriteExchange(Species(0.05), 0, 60, EndCondition.Reflecting, 9);
        empty.SetSpines([], [], 0);
        for (int k = 0; k < 5; k++) Assert.Equal(0, empty.Advance(k * 50.0, (k + 1) * 50.0).Captures);
        Assert.Equal(empty.Produced, empty.Census().Free);
        // the first spine makes the waiting particles capturable again
        empty.SetSpines([1UL], [30.0], 250);
        long captures = 0;
        for (int k = 5; k < 10; k++) captures += empty.Advance(k * 50.0, (k + 1) * 50.0).Captures;
        Assert.True(captures > 0);
    }
}
