using System.Runtime.Intrinsics;
using AgentSpines.Physics.Electrodiffusion;
using AgentSpines.Physics.Electrodiffusion.Surface;

namespace AgentSpines.Physics.Tests.Electrodiffusion.Surface;

/// <summary>
/// The fast query paths of a population surface (SurfacePlane one, four and eight at a time, lane-wise log and exp)
/// must give each other's numbers bit for bit (a run's output may not depend on which path answered), and the
/// population table must stay within its limit of the surface's general interpolation.
/// </summary>
public class SurfacePlaneTests
{
    [Fact]
    public void ThePlaneStaysWithinItsLimitOfTheGeneralInterpolation()
    {
        // the population table (quantities linear in head volume on a finer grid) against the surface's own log-bilinear
        // interpolation: inside the grid both answer, and they differ by less than the table's limit (1e-3); outside
        // (or off the fixed neck diameter) neither does
        var s = PopulationSurface.Surface;
        Assert.True(s.HasPlane); // head volume and neck length vary, everything else is fixed
        var layout = s.PlaneLayout!.Value;
        Assert.InRange(layout.Deviation, 1e-6, 1e-3);
        var rng = new Random(17);
        int inside = 0;
        double worst = 0;
        for (int i = 0; i < 50_000; i++)
        {
            // log-uniform over and a little beyond the grid (0.004-2 um^3, 50-5000 nm), with the nodes themselves now and then
            double v = i % 97 == 0 ? s.NodesOf(SurfaceAxis.HeadVolumeUm3)[i % 26] : Math.Exp(Math.Log(0.003) + (Math.Log(2.5) - Math.Log(0.003)) * rng.NextDouble());
            double l = Math.Exp(Math.Log(40) + (Math.Log(6000) - Math.Log(40)) * rng.NextDouble());
            double d = i % 50 == 0 ? 99 : 100; // now and then off the fixed neck diameter
            bool a = s.TryInterpolate(v, l, d, 25, 400, out var fast);
            bool b = s.TryInterpolateGeneral(v, l, d, 25, 400, out var general);
            Assert.Equal(b, a);
            if (!a) continue;
            inside++;
            for (int q = 0; q < EpisodeResponse.QuantityCount; q++) worst = Math.Max(worst, Math.Abs(fast[q] / general[q] - 1));
        }
        Assert.True(inside > 35_000, $"{inside} points inside the grid");
        // random points find slightly larger differences than the table's 25 points per cell, not much larger
        Assert.True(worst <= 1.2e-3, $"table against the surface: {worst:G3} (sampled at build: {layout.Deviation:G3})");
        Assert.True(worst > 0.2 * layout.Deviation, $"table against the surface: {worst:G3}, suspiciously below its sampled {layout.Deviation:G3}");
    }

    [Fact]
    public void WhereTheTableCannotFollowTheSurfaceTheGeneralInterpolationAnswers()
    {
        // the population surface with a sharp peak: one interior node's NMDA charge raised e-fold (its file rewritten, its
        // checksum renewed). No linear table follows the cells around it within 1e-3, so they are deferred to the general
        // interpolation, which answers there (not the exact solver), bit for bit whichever path asked
        var original = PopulationSurface.Surface;
        var bytes = EpisodeSurfaceFile.Serialize(original);
        int count = original.LogValues.Count, necks = original.NodesOf(SurfaceAxis.NeckLengthNm).Count;
        int valuesAt = bytes.Length - 32 - 4 - 8 - 8 * count; // the log values, then the verification figures and the SHA-256
        int peakVolume = original.NodesOf(SurfaceAxis.HeadVolumeUm3).Count / 2, peakNeck = necks / 2;
        int at = valuesAt + 8 * ((peakVolume * necks + peakNeck) * EpisodeResponse.QuantityCount + 2);
        Assert.Equal(original.LogValues[(peakVolume * necks + peakNeck) * 3 + 2], BitConverter.ToDouble(bytes, at));
        BitConverter.TryWriteBytes(bytes.AsSpan(at, 8), BitConverter.ToDouble(bytes, at) + 1);
        System.Security.Cryptography.SHA256.HashData(bytes.AsSpan(0, bytes.Length - 32)).CopyTo(bytes, bytes.Length - 32);
        var s = EpisodeSurfaceFile.Deserialize(bytes, PopulationSurface.Spec)!;
        Assert.NotNull(s);
        Assert.True(s.HasPlane);
        var layout = s.PlaneLayout!.Value;
        Assert.True(layout.DeferredCells > 0 && layout.DeferredCells <= 0.01 * layout.Cells, $"{layout.DeferredCells} of {layout.Cells} cells deferred");

        var rng = new Random(23);
        const int n = 20_000;
        double vPeak = s.NodesOf(SurfaceAxis.HeadVolumeUm3)[peakVolume], lPeak = s.NodesOf(SurfaceAxis.NeckLengthNm)[peakNeck];
        var (v, l, cell, t) = (new double[n], new double[n], new int[n], new double[n]);
        for (int i = 0; i < n; i++)
        {
            // half of them near the peak, half anywhere in the grid
            v[i] = i % 2 == 0 ? vPeak * Math.Exp(0.6 * (rng.NextDouble() - 0.5)) : Math.Exp(Math.Log(0.004) + Math.Log(2 / 0.004) * rng.NextDouble());
            l[i] = i % 2 == 0 ? lPeak * Math.Exp(0.4 * (rng.NextDouble() - 0.5)) : Math.Exp(Math.Log(50) + Math.Log(100) * rng.NextDouble());
            cell[i] = s.LocateNeck(l[i], 100, out t[i]);
        }
        var (peak, boost, charge, ok) = (new double[n], new double[n], new double[n], new bool[n]);
        s.TryQueryManyLocated(v, cell, t, peak, boost, charge, ok);
        int deferredNear = 0, deferredAnywhere = 0;
        double worst = 0;
        for (int i = 0; i < n; i++)
        {
            Assert.True(s.TryQueryUncounted(v[i], l[i], 100, out var one));
            Assert.True(s.TryInterpolateGeneral(v[i], l[i], 100, 25, 400, out var general));
            if (ok[i]) Assert.Equal((Bits(one.PeakHeadDepolarizationMV), Bits(one.NmdaCurrentBoostRatio), Bits(one.NmdaChargeFC)), (Bits(peak[i]), Bits(boost[i]), Bits(charge[i])));
            else
            {
                if (i % 2 == 0) deferredNear++;
                else deferredAnywhere++;
                Assert.Equal(general, one); // what the table leaves, the general interpolation answers
            }
            for (int q = 0; q < EpisodeResponse.QuantityCount; q++) worst = Math.Max(worst, Math.Abs(one[q] / general[q] - 1));
        }
        Assert.Equal(0, s.ExactFallbacks); // every query was inside the grid: none went to the solver
        // deferred: most queries near the peak, few of those anywhere in the grid
        Assert.True(deferredNear > n / 4 && deferredAnywhere < n / 40, $"deferred: {deferredNear} near the peak, {deferredAnywhere} anywhere (of {n / 2} each)");
        Assert.True(worst <= 1.2e-3, $"answers against the general interpolation: {worst:G3}");
    }

    [Fact]
    public void WhereTheSurfaceHasNoValuesTheTableHasNoneEither()
    {
        // heads from 0.0003 um^3 (83 nm across) to 0.05 under a 100 nm neck: the solver refuses the smallest heads, so the
        // surface has cells without values; the table must not answer there (a query falls back to the exact solver)
        var s = EpisodeSurfaceBuilder.Build(new EpisodeSurfaceSpec
        {
            Input = new SynapticInput { CurrentPA = 25, DurationMs = 10, TailMs = 0.1 },
            HeadVolumeUm3 = new SurfaceRange(0.0003, 0.05),
            NeckLengthNm = new SurfaceRange(100, 1000),
            NeckDiameterNm = SurfaceRange.Fixed(100),
            InitialNodes = 5,
            MaxRefinements = 1,
            VerificationPoints = 3,
        });
        Assert.True(s.HasPlane);
        var rng = new Random(5);
        int both = 0, neither = 0, generalOnly = 0;
        double worst = 0;
        const int n = 20_000;
        var (v, l, cell, t) = (new double[n], new double[n], new int[n], new double[n]);
        for (int i = 0; i < n; i++)
        {
            v[i] = Math.Exp(Math.Log(0.0003) + (Math.Log(0.05) - Math.Log(0.0003)) * rng.NextDouble());
            l[i] = Math.Exp(Math.Log(100) + (Math.Log(1000) - Math.Log(100)) * rng.NextDouble());
            cell[i] = s.LocateNeck(l[i], 100, out t[i]);
        }
        // the table alone (the located path answers from it only, ok false where it has no value)
        var (peak, boost, charge, ok) = (new double[n], new double[n], new double[n], new bool[n]);
        s.TryQueryManyLocated(v, cell, t, peak, boost, charge, ok);
        for (int i = 0; i < n; i++)
        {
            bool b = s.TryInterpolateGeneral(v[i], l[i], 100, 25, 400, out var general);
            Assert.False(ok[i] && !b, $"the table answered at {v[i]} um^3, {l[i]} nm where the surface has no value");
            Assert.Equal(b, s.TryInterpolate(v[i], l[i], 100, 25, 400, out _)); // and the surface's own query: the general interpolation's cells
            if (ok[i])
            {
                both++;
                double[] fast = [peak[i], boost[i], charge[i]];
                for (int q = 0; q < EpisodeResponse.QuantityCount; q++) worst = Math.Max(worst, Math.Abs(fast[q] / general[q] - 1));
            }
            else if (b) generalOnly++; // a table cell overlapping a surface cell without values: given up, not guessed
            else neither++;
        }
        var counts = $"{both} answered by both, {neither} by neither, {generalOnly} by the surface only";
        Assert.True(neither > 5_000 && both > 4_000, counts);
        // what the table gives up is its cells on the border of the surface's cells without values: a thin strip
        Assert.True(generalOnly < both / 20, counts);
        Assert.True(worst <= 1.2e-3, $"table against the surface: {worst:G3}");
    }

    [Fact]
    public void FourAtATimeGivesTheOneByOneAnswers()
    {
        var s = PopulationSurface.Surface;
        var rng = new Random(23);
        const int n = 4_003; // not a multiple of four: the remainder goes one by one
        var v = new double[n];
        var l = new double[n];
        var d = new double[n];
        for (int i = 0; i < n; i++)
        {
            v[i] = Math.Exp(Math.Log(0.0035) + (Math.Log(2.2) - Math.Log(0.0035)) * rng.NextDouble()); // a few outside: exact solves
            l[i] = Math.Exp(Math.Log(50) + (Math.Log(5000) - Math.Log(50)) * rng.NextDouble());
            d[i] = i % 500 == 7 ? 90 : 100;
        }
        v[10] = 0.0004; // neck wider than the head: no episode
        v[11] = double.NaN;
        var batch = new EpisodeResponse[n];
        var ok = new bool[n];
        long fallbacks = s.ExactFallbacks;
        s.TryQueryManyUncounted(v, l, d, batch, ok);
        long batchFallbacks = s.ExactFallbacks - fallbacks;
        Assert.True(batchFallbacks > 0, "some queries outside the grid were solved exactly");
        for (int i = 0; i < n; i++)
        {
            bool one = s.TryQueryUncounted(v[i], l[i], d[i], out var r);
            Assert.Equal(one, ok[i]);
            if (one) Assert.Equal(r, batch[i]);
        }
        Assert.False(ok[10]);
        Assert.False(ok[11]);
    }

    /// <summary>
    /// A population locates each spine's neck once (LocateNeck) and queries with it (TryQueryManyLocated): the answers
    /// must be those of a query with the neck's length and diameter, bit for bit, at the nodes (cell edges), just inside
    /// and outside the neck axis's ends, off the fixed diameter; what the located path does not interpolate it leaves
    /// to TryQueryUncounted (ok false), which solves it exactly and counts it, as for any query outside the grid.
    /// </summary>
    [Fact]
    public void LocatedNecksGiveTheAnswersOfAFreshLookupAndLeaveTheRestToTheExactPath()
    {
        var s = PopulationSurface.Surface;
        var necks = s.NodesOf(SurfaceAxis.NeckLengthNm);
        var rng = new Random(31);
        const int n = 6_001;
        var v = new double[n];
        var l = new double[n];
        var d = new double[n];
        for (int i = 0; i < n; i++)
        {
            v[i] = i % 89 == 0 ? s.NodesOf(SurfaceAxis.HeadVolumeUm3)[i % 26] : Math.Exp(Math.Log(0.0035) + (Math.Log(2.2) - Math.Log(0.0035)) * rng.NextDouble());
            l[i] = (i % 7) switch
            {
                0 => necks[i % necks.Count],                                        // a node: the edge between two cells
                1 => necks[0] * (1 - 1e-9), 2 => necks[^1] * (1 + 1e-9),            // just outside the axis: never interpolated
                3 => necks[^1] * (1 - 1e-12),                                       // just inside its end
                _ => Math.Exp(Math.Log(45) + (Math.Log(5500) - Math.Log(45)) * rng.NextDouble()),
            };
            d[i] = i % 401 == 9 ? 95 : 100;
        }
        var cell = new int[n];
        var t = new double[n];
        for (int i = 0; i < n; i++) cell[i] = s.LocateNeck(l[i], d[i], out t[i]);
        var located = new EpisodeResponse[n];
        var ok = new bool[n];
        long fallbacks = s.ExactFallbacks;
        s.TryQueryManyLocated(v, cell, t, located, ok);
        Assert.Equal(fallbacks, s.ExactFallbacks); // the located path never solves: it leaves that to the exact path
        // the answers as arrays (corners gathered per quantity where the processor gathers): the same, bit for bit
        var (peak, boost, charge, okArrays) = (new double[n], new double[n], new double[n], new bool[n]);
        s.TryQueryManyLocated(v, cell, t, peak, boost, charge, okArrays);
        Assert.Equal(ok, okArrays);
        for (int i = 0; i < n; i++)
            if (ok[i])
                Assert.Equal((Bits(located[i].PeakHeadDepolarizationMV), Bits(located[i].NmdaCurrentBoostRatio), Bits(located[i].NmdaChargeFC)),
                    (Bits(peak[i]), Bits(boost[i]), Bits(charge[i])));
        // eight at a time (512-bit arithmetic where accelerated) and four at a time: the same, bit for bit
        var (peak4, boost4, charge4, ok4) = (new double[n], new double[n], new double[n], new bool[n]);
        s.TryQueryManyLocated(v, cell, t, peak4, boost4, charge4, ok4, wide: false);
        Assert.Equal(ok4, okArrays);
        for (int i = 0; i < n; i++)
            if (ok4[i]) Assert.Equal((Bits(peak4[i]), Bits(boost4[i]), Bits(charge4[i])), (Bits(peak[i]), Bits(boost[i]), Bits(charge[i])));
        // and in runs of eight that all interpolate (the input above breaks most groups): every eighth query of the located ones
        var inside = Enumerable.Range(0, n).Where(i => ok[i]).ToArray();
        var (vi, ci, ti) = (inside.Select(i => v[i]).ToArray(), inside.Select(i => cell[i]).ToArray(), inside.Select(i => t[i]).ToArray());
        var (pw, bw, cw, ow) = (new double[inside.Length], new double[inside.Length], new double[inside.Length], new bool[inside.Length]);
        s.TryQueryManyLocated(vi, ci, ti, pw, bw, cw, ow, wide: true);
        for (int k = 0; k < inside.Length; k++)
        {
            Assert.True(ow[k]);
            Assert.Equal((Bits(peak4[inside[k]]), Bits(boost4[inside[k]]), Bits(charge4[inside[k]])), (Bits(pw[k]), Bits(bw[k]), Bits(cw[k])));
        }
        Assert.Equal(fallbacks, s.ExactFallbacks);
        int interpolated = 0, left = 0;
        for (int i = 0; i < n; i++)
        {
            bool fresh = s.TryInterpolate(v[i], l[i], d[i], 25, 400, out var expected);
            Assert.True(cell[i] > 0 || cell[i] == -1);
            if (cell[i] == -1) Assert.False(ok[i]);
            Assert.Equal(fresh, ok[i]); // interpolated exactly where a fresh lookup interpolates
            if (ok[i])
            {
                Assert.Equal(expected, located[i]);
                interpolated++;
                continue;
            }
            // the rest: the caller's exact path, counted as a fallback when the shape is valid
            long before = s.ExactFallbacks;
            if (s.TryQueryUncounted(v[i], l[i], d[i], out _)) Assert.Equal(before + 1, s.ExactFallbacks);
            left++;
        }
        Assert.True(interpolated > 3_000 && left > 1_000, $"{interpolated} interpolated, {left} left to the exact path");
        Assert.Equal(-1, s.LocateNeck(necks[0] * (1 - 1e-9), 100, out _));
        Assert.Equal(-1, s.LocateNeck(double.NaN, 100, out _));
        Assert.Equal(-1, s.LocateNeck(500, 95, out _));
        Assert.True(s.LocateNeck(necks[^1], 100, out double tEnd) > 0 && tEnd == 1); // the last node: the last cell's far edge
    }

    /// <summary>
    /// The four-lane located query of a run (TryQueryManyLocated into arrays: the corners loaded and transposed, the cells
    /// found by a 32-bit truncation where AVX is there) against the scalar query, one by one: a dense sweep of head volumes
    /// over the whole grid and just beyond it (every fine cell's edges are crossed many times), the neighbours of every
    /// node, each with necks at random places: the same flags and the same bits.
    /// </summary>
    [Fact]
    public void TheFourLaneLocatedQueryIsTheScalarOneBitForBit()
    {
        var s = PopulationSurface.Surface;
        var heads = s.NodesOf(SurfaceAxis.HeadVolumeUm3);
        var rng = new Random(43);
        var v = new List<double>();
        double lo = Math.Log(heads[0] * 0.999), hi = Math.Log(heads[^1] * 1.001);
        for (int i = 0; i < 40_000; i++) v.Add(Math.Exp(lo + (hi - lo) * i / 39_999.0));
        foreach (double h in heads) v.AddRange([h, Math.BitDecrement(h), Math.BitIncrement(h)]);
        int n = v.Count;
        var cell = new int[n];
        var t = new double[n];
        var l = new double[n];
        for (int i = 0; i < n; i++)
        {
            l[i] = Math.Exp(Math.Log(50) + (Math.Log(5000) - Math.Log(50)) * rng.NextDouble());
            cell[i] = s.LocateNeck(l[i], 100, out t[i]);
        }
        var (peak, boost, charge, ok) = (new double[n], new double[n], new double[n], new bool[n]);
        s.TryQueryManyLocated(v.ToArray(), cell, t, peak, boost, charge, ok, wide: false);
        int answered = 0;
        for (int i = 0; i < n; i++)
        {
            bool one = s.TryInterpolate(v[i], l[i], 100, 25, 400, out var e);
            Assert.Equal(one, ok[i]);
            if (!one) continue;
            answered++;
            Assert.Equal((Bits(e.PeakHeadDepolarizationMV), Bits(e.NmdaCurrentBoostRatio), Bits(e.NmdaChargeFC)), (Bits(peak[i]), Bits(boost[i]), Bits(charge[i])));
        }
        Assert.True(answered > 39_000, $"{answered} of {n} answered");
    }

    /// <summary>
    /// Batches of one to eleven located queries (a dendrite's last one to three queries are a group of their own, the spare
    /// lanes repeating the last query), with heads inside, at and beyond the grid's ends and necks off the plane among them:
    /// every answer and flag the scalar query's, bit for bit, and the spare lanes write nothing.
    /// </summary>
    [Fact]
    public void TheLastOneToThreeLocatedQueriesAreTheScalarOnesBitForBit()
    {
        var s = PopulationSurface.Surface;
        var heads = s.NodesOf(SurfaceAxis.HeadVolumeUm3);
        var rng = new Random(47);
        const int n = 4_000;
        var (v, l, cell, t) = (new double[n], new double[n], new int[n], new double[n]);
        for (int i = 0; i < n; i++)
        {
            v[i] = (i % 13) switch
            {
                0 => heads[0] * 0.999, 1 => heads[^1] * 1.001, 2 => heads[i % heads.Count], // beyond the ends, a node
                _ => Math.Exp(Math.Log(heads[0]) + (Math.Log(heads[^1]) - Math.Log(heads[0])) * rng.NextDouble()),
            };
            l[i] = Math.Exp(Math.Log(50) + (Math.Log(5000) - Math.Log(50)) * rng.NextDouble());
            cell[i] = i % 17 == 3 ? -1 : s.LocateNeck(l[i], 100, out t[i]); // -1: a neck off the plane
        }
        int answered = 0, refused = 0;
        for (int at = 0, len = 1; at + len <= n; at += len, len = len % 11 + 1)
        {
            var (peak, boost, charge, ok) = (new double[len + 4], new double[len + 4], new double[len + 4], new bool[len + 4]);
            s.TryQueryManyLocated(v.AsSpan(at, len), cell.AsSpan(at, len), t.AsSpan(at, len), peak, boost, charge, ok, wide: false);
            for (int k = 0; k < len; k++)
            {
                int i = at + k;
                bool one = s.TryInterpolate(v[i], l[i], 100, 25, 400, out var e) && cell[i] > 0;
                Assert.Equal(one, ok[k]);
                if (!one) { refused++; continue; }
                answered++;
                Assert.Equal((Bits(e.PeakHeadDepolarizationMV), Bits(e.NmdaCurrentBoostRatio), Bits(e.NmdaChargeFC)), (Bits(peak[k]), Bits(boost[k]), Bits(charge[k])));
            }
            for (int k = len; k < len + 4; k++) Assert.Equal((0.0, 0.0, 0.0, false), (peak[k], boost[k], charge[k], ok[k]));
        }
        Assert.True(answered > 2_500 && refused > 400, $"{answered} answered, {refused} refused");
    }

    [Fact]
    public void LaneWiseLogAndExpAreTheScalarOnesBitForBit()
    {
        var rng = new Random(29);
        for (int i = 0; i < 50_000; i++)
        {
            var x = Vector256.Create(Pick(rng), Pick(rng), Pick(rng), Pick(rng));
            var lx = ManagedMath.Log(x);
            var y = Vector256.Create(-699 + 1398 * rng.NextDouble(), -5 + 10 * rng.NextDouble(), rng.NextDouble() - 0.5, 1e-3 * rng.NextDouble());
            if (i % 100 == 0) y = Vector256.Create(-699.9999 - 0.9e-4 * rng.NextDouble(), 699.9999 + 0.9e-4 * rng.NextDouble(), -1e-300, -0.0); // near the range's ends (k = -/+32316), tiny
            var ey = ManagedMath.Exp(y);
            for (int j = 0; j < 4; j++)
            {
                Assert.Equal(BitConverter.DoubleToInt64Bits(ManagedMath.Log(x.GetElement(j))), BitConverter.DoubleToInt64Bits(lx.GetElement(j)));
                Assert.Equal(BitConverter.DoubleToInt64Bits(ManagedMath.Exp(y.GetElement(j))), BitConverter.DoubleToInt64Bits(ey.GetElement(j)));
            }
        }
    }

    [Fact]
    public void EightLaneLogAndExpAreTheScalarOnesBitForBit()
    {
        // (without AVX-512 the eight-lane forms are emulated and never used by a query; they must still agree)
        var rng = new Random(30);
        var x = new double[8];
        var y = new double[8];
        for (int i = 0; i < 50_000; i++)
        {
            for (int j = 0; j < 8; j++) (x[j], y[j]) = (Pick(rng), (j % 4) switch { 0 => -699 + 1398 * rng.NextDouble(), 1 => -5 + 10 * rng.NextDouble(), 2 => rng.NextDouble() - 0.5, _ => 1e-3 * rng.NextDouble() });
            var lx = ManagedMath.Log(Vector512.Create(x));
            var ey = ManagedMath.Exp(Vector512.Create(y));
            for (int j = 0; j < 8; j++)
            {
                Assert.Equal(Bits(ManagedMath.Log(x[j])), Bits(lx.GetElement(j)));
                Assert.Equal(Bits(ManagedMath.Exp(y[j])), Bits(ey.GetElement(j)));
            }
        }
    }

    /// <summary>Positive normal numbers over the whole exponent range, and values next to 1 (the log's hardest).</summary>
    private static double Pick(Random rng) => rng.Next(3) switch
    {
        0 => Math.Exp(-700 + 1400 * rng.NextDouble()),
        1 => 1 + 1e-6 * (rng.NextDouble() - 0.5),
        _ => 1e-3 + 10 * rng.NextDouble(),
    };

    private static long Bits(double x) => BitConverter.DoubleToInt64Bits(x);
}
