using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace AgentSpines.Physics.Electrodiffusion.Surface;

/// <summary>
/// The query of a surface whose only axes with more than one node are head volume and neck length (a population
/// run: neck diameter, current and dendrite radius are constants of the run), laid out for that case: the three log
/// quantities of a node padded to four doubles (one 256-bit load per corner), one table entry per fine cell holding
/// the interval's node, inverse width and offset (one load instead of three dependent ones), the corners weighted
/// and the three exponentials taken lane-wise. Every operation is the one <see cref="EpisodeResponseSurface"/>'s
/// general interpolation performs, in the same order, so the answers are bit for bit the same (tested).
/// </summary>
internal sealed partial class SurfacePlane
{
    private const int Lanes = 4;
    /// <summary>The smallest normal double: the four-lane logarithm takes coordinates from here to infinity (exclusive).</summary>
    private const double SmallestNormal = 2.2250738585072014e-308;
    private readonly Axis _volume, _neck;
    private readonly double[] _values;   // (i_volume * neckNodes + i_neck) * 4: log quantities 0..2, then 0
    private readonly int _volumeStride;  // doubles between volume nodes
    private readonly double _d, _current, _radius; // the fixed axes' values (natural units)

    /// <summary>One interval of an axis, as a fine cell finds it.</summary>
    private readonly record struct Cell(double Node, double InvWidth, int Offset);

    private sealed class Axis
    {
        public required double Lo, Hi, FineInv;
        public required int Fine;
        public required Cell[] Cells;
        /// <summary>The cells' nodes, inverse widths and offsets as arrays of their own (what the eight-lane query gathers).</summary>
        public required double[] Nodes, InvWidths;
        public required long[] Offsets;
        /// <summary>
        /// The cells' (node, inverse width) side by side at 2c and their offsets (pinned, read by address): the four-lane
        /// lookup loads a cell's node and width in one 128-bit load and its offset as a scalar, without bounds checks.
        /// </summary>
        public required double[] Pairs;
        public required int[] Offsets32;
    }

    private SurfacePlane(Axis volume, Axis neck, double[] values, int volumeStride, double d, double current, double radius)
    {
        (_volume, _neck, _values, _volumeStride, _d, _current, _radius) = (volume, neck, values, volumeStride, d, current, radius);
    }

    /// <summary>The plane of a surface, or null when other axes than head volume and neck length vary.</summary>
    internal static SurfacePlane? For(double[][] nodes, double[] values, int[] lookupFine, double[] fixedValue)
    {
        if (nodes[0].Length < 2 || nodes[1].Length < 2) return null;
        for (int a = 2; a < nodes.Length; a++) if (nodes[a].Length != 1) return null;
        int nv = nodes[0].Length, nl = nodes[1].Length;
        var padded = GC.AllocateArray<double>(nv * nl * Lanes, pinned: true); // pinned: the four-lane query reads it by address
        for (int node = 0; node < nv * nl; node++)
            for (int q = 0; q < EpisodeResponse.QuantityCount; q++) padded[node * Lanes + q] = values[node * EpisodeResponse.QuantityCount + q];
        return new SurfacePlane(MakeAxis(nodes[0], lookupFine[0], nl * Lanes), MakeAxis(nodes[1], lookupFine[1], Lanes), padded, nl * Lanes,
            fixedValue[2], fixedValue[3], fixedValue[4]);
    }

    /// <summary>The general query's lookup (fine cell -> interval), node and inverse width, computed the same way.</summary>
    private static Axis MakeAxis(double[] n, int fine, int stride)
    {
        double lo = n[0], hi = n[^1], fineInv = fine / (hi - lo);
        var cells = new Cell[fine];
        int iv = 0;
        for (int c = 0; c < fine; c++)
        {
            double mid = lo + (c + 0.5) / fineInv;
            while (iv < n.Length - 2 && mid >= n[iv + 1]) iv++;
            cells[c] = new Cell(n[iv], 1.0 / (n[iv + 1] - n[iv]), iv * stride);
        }
        return new Axis
        {
            Lo = lo, Hi = hi, FineInv = fineInv, Fine = fine, Cells = cells,
            Nodes = cells.Select(c => c.Node).ToArray(), InvWidths = cells.Select(c => c.InvWidth).ToArray(), Offsets = cells.Select(c => (long)c.Offset).ToArray(),
            Pairs = Pinned(cells.SelectMany(c => new[] { c.Node, c.InvWidth }).ToArray()), Offsets32 = Pinned(cells.Select(c => c.Offset).ToArray()),
        };
    }

    /// <summary>A copy of an array on the pinned heap.</summary>
    private static T[] Pinned<T>(T[] a) where T : unmanaged
    {
        var p = GC.AllocateArray<T>(a.Length, pinned: true);
        a.CopyTo(p, 0);
        return p;
    }

    /// <summary>Interpolated response; false outside the grid, off a fixed axis's value, or in a cell without values.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryInterpolate(double volume, double neck, double d, double current, double radius, out EpisodeResponse response)
    {
        response = default;
        if (!(Math.Abs(d - _d) <= 1e-9 * _d) || !(Math.Abs(current - _current) <= 1e-9 * _current) || !(Math.Abs(radius - _radius) <= 1e-9 * _radius))
            return false;
        if (!Locate(_neck, neck, out var cn, out double tn)) return false;
        return TryInterpolateAt(volume, cn.Offset, tn, out response);
    }

    /// <summary>
    /// Where a neck length lies on the neck axis: its cell's offset plus 1 and the fraction t within it (what
    /// <see cref="TryInterpolate"/> and <see cref="TryInterpolate4"/> compute for this neck, bit for bit), or -1 when no
    /// query with this neck can be interpolated (outside the axis, NaN, or a value the four-lane path refuses).
    /// </summary>
    public int LocateNeck(double neck, out double t)
    {
        t = 0;
        if (!(neck >= SmallestNormal && neck < double.PositiveInfinity) || !Locate(_neck, neck, out var cell, out double f)) return -1;
        t = f;
        return cell.Offset + 1;
    }

    /// <summary>
    /// <see cref="TryInterpolate"/> on the fixed axes with the neck located (its cell's offset and fraction, as
    /// <see cref="LocateNeck"/> gives them): the same numbers, bit for bit.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryInterpolateAt(double volume, int neckOffset, double tn, out EpisodeResponse response)
    {
        response = default;
        if (!Locate(_volume, volume, out var cv, out double tv)) return false;
        double w00 = (1 - tv) * (1 - tn), w01 = (1 - tv) * tn, w10 = tv * (1 - tn), w11 = tv * tn;
        ref double v = ref MemoryMarshal.GetArrayDataReference(_values);
        nuint o = (nuint)(cv.Offset + neckOffset), dv = (nuint)_volumeStride;
        if (neckOffset < 0 || o + dv + 2 * Lanes > (nuint)_values.Length) throw new IndexOutOfRangeException(); // never: the last cell starts one node before the end
        var s = Vector256.Create(w00) * Vector256.LoadUnsafe(ref v, o) + Vector256.Create(w01) * Vector256.LoadUnsafe(ref v, o + Lanes)
                + Vector256.Create(w10) * Vector256.LoadUnsafe(ref v, o + dv) + Vector256.Create(w11) * Vector256.LoadUnsafe(ref v, o + dv + Lanes);
        double s0 = s.GetElement(0), s1 = s.GetElement(1), s2 = s.GetElement(2);
        if (double.IsNaN(s0 + s1 + s2)) return false; // a corner without a value: never guess
        if (!(Math.Abs(s0) < 700 && Math.Abs(s1) < 700 && Math.Abs(s2) < 700))
        {
            response = new EpisodeResponse(ManagedMath.Exp(s0), ManagedMath.Exp(s1), ManagedMath.Exp(s2));
            return true;
        }
        var e = ManagedMath.Exp(s);
        response = new EpisodeResponse(e.GetElement(0), e.GetElement(1), e.GetElement(2));
        return true;
    }

    /// <summary>Whether a query at this neck diameter, current and dendrite radius is on the plane's fixed axes.</summary>
    public bool OnFixedAxes(double d, double current, double radius)
        => Math.Abs(d - _d) <= 1e-9 * _d && Math.Abs(current - _current) <= 1e-9 * _current && Math.Abs(radius - _radius) <= 1e-9 * _radius;

    /// <summary>Whether a current and dendrite radius are the plane's (a run's queries all share them: asked once).</summary>
    public bool OnFixedCurrentAndRadius(double current, double radius)
        => Math.Abs(current - _current) <= 1e-9 * _current && Math.Abs(radius - _radius) <= 1e-9 * _radius;

    /// <summary>Whether four neck diameters are all the plane's (the comparison of <see cref="OnFixedAxes"/>, lane-wise).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool OnFixedDiameters(Vector256<double> d)
        => Vector256.LessThanOrEqualAll(Vector256.Abs(d - Vector256.Create(_d)), Vector256.Create(1e-9 * _d)); // NaN: false, as the scalar test

    /// <summary>
    /// Four queries on the fixed axes at once, one per lane: the logarithms, the cells and the exponentials are
    /// taken lane-wise, each lane's corners as in <see cref="TryInterpolate"/>; the numbers are the same bit for bit.
    /// False (nothing written) when any lane is outside the grid, in a cell without values or needs the scalar
    /// exponential's range handling: the caller then asks lane by lane.
    /// </summary>
    public bool TryInterpolate4(Vector256<double> volume, Vector256<double> neck, Span<EpisodeResponse> responses)
    {
        if (!Vector256.GreaterThanOrEqualAll(neck, Vector256.Create(SmallestNormal)) || !Vector256.LessThanAll(neck, Vector256.Create(double.PositiveInfinity)))
            return false; // also NaN
        if (!Locate4(_neck, ManagedMath.Log(neck), out var offN, out var tn)) return false;
        return TryInterpolate4At(volume, offN, tn, responses);
    }

    /// <summary>
    /// <see cref="TryInterpolate4"/> with the four necks located (their cells' offsets and fractions, as
    /// <see cref="LocateNeck"/> gives them): the same numbers, bit for bit, and false in the same cases.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // the last queries of every batch: optimised at once (at tier 0 its exponentials were calls)
    public bool TryInterpolate4At(Vector256<double> volume, Vector256<long> offN, Vector256<double> tn, Span<EpisodeResponse> responses)
    {
        if (!TryCellWeights4(volume, tn, out var offV, out var w00, out var w01, out var w10, out var w11)) return false;
        var o = offV + offN;
        var s0 = Corners(o.GetElement(0), w00.GetElement(0), w01.GetElement(0), w10.GetElement(0), w11.GetElement(0));
        var s1 = Corners(o.GetElement(1), w00.GetElement(1), w01.GetElement(1), w10.GetElement(1), w11.GetElement(1));
        var s2 = Corners(o.GetElement(2), w00.GetElement(2), w01.GetElement(2), w10.GetElement(2), w11.GetElement(2));
        var s3 = Corners(o.GetElement(3), w00.GetElement(3), w01.GetElement(3), w10.GetElement(3), w11.GetElement(3));
        // quantity q of the four lanes (a transpose), each through one lane-wise exponential
        var q0 = Vector256.Create(s0.GetElement(0), s1.GetElement(0), s2.GetElement(0), s3.GetElement(0));
        var q1 = Vector256.Create(s0.GetElement(1), s1.GetElement(1), s2.GetElement(1), s3.GetElement(1));
        var q2 = Vector256.Create(s0.GetElement(2), s1.GetElement(2), s2.GetElement(2), s3.GetElement(2));
        var sum = q0 + q1 + q2;
        if (!Vector256.EqualsAll(sum, sum)) return false; // a corner without a value (NaN): never guess
        var limit = Vector256.Create(700.0);
        if (!Vector256.LessThanAll(Vector256.Abs(q0), limit) || !Vector256.LessThanAll(Vector256.Abs(q1), limit) || !Vector256.LessThanAll(Vector256.Abs(q2), limit))
            return false;
        var e0 = ManagedMath.Exp(q0);
        var e1 = ManagedMath.Exp(q1);
        var e2 = ManagedMath.Exp(q2);
        responses[0] = new EpisodeResponse(e0.GetElement(0), e1.GetElement(0), e2.GetElement(0));
        responses[1] = new EpisodeResponse(e0.GetElement(1), e1.GetElement(1), e2.GetElement(1));
        responses[2] = new EpisodeResponse(e0.GetElement(2), e1.GetElement(2), e2.GetElement(2));
        responses[3] = new EpisodeResponse(e0.GetElement(3), e1.GetElement(3), e2.GetElement(3));
        return true;
    }

    /// <summary>The weighted corners of one cell (the three log quantities and the padding), as in <see cref="TryInterpolate"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Vector256<double> Corners(long offset, double w00, double w01, double w10, double w11)
    {
        ref double v = ref MemoryMarshal.GetArrayDataReference(_values);
        nuint o = (nuint)offset, dv = (nuint)_volumeStride;
        if (offset < 0 || o + dv + 2 * Lanes > (nuint)_values.Length) throw new IndexOutOfRangeException(); // never: cells start one node before the end
        return Vector256.Create(w00) * Vector256.LoadUnsafe(ref v, o) + Vector256.Create(w01) * Vector256.LoadUnsafe(ref v, o + Lanes)
               + Vector256.Create(w10) * Vector256.LoadUnsafe(ref v, o + dv) + Vector256.Create(w11) * Vector256.LoadUnsafe(ref v, o + dv + Lanes);
    }

    /// <summary>
    /// The volume cells of four queries (offsets) and the bilinear weights of their corners with the neck fractions tn;
    /// false for a volume off the grid, below the smallest normal, infinite or NaN. Shared by both four-lane queries.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TryCellWeights4(Vector256<double> volume, Vector256<double> tn, out Vector256<long> offV,
        out Vector256<double> w00, out Vector256<double> w01, out Vector256<double> w10, out Vector256<double> w11)
    {
        w00 = w01 = w10 = w11 = default;
        if (!Vector256.GreaterThanOrEqualAll(volume, Vector256.Create(SmallestNormal)) || !Vector256.LessThanAll(volume, Vector256.Create(double.PositiveInfinity)))
        {
            offV = default;
            return false; // also NaN
        }
        if (!Locate4(_volume, ManagedMath.Log(volume), out offV, out var tv)) return false;
        var one = Vector256.Create(1.0);
        w00 = (one - tv) * (one - tn);
        w01 = (one - tv) * tn;
        w10 = tv * (one - tn);
        w11 = tv * tn;
        return true;
    }

    /// <summary><see cref="Locate"/> for four log coordinates: false if any is outside the axis.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Locate4(Axis axis, Vector256<double> lx, out Vector256<long> offset, out Vector256<double> t)
    {
        offset = default;
        if (Avx.IsSupported)
        {
            t = default;
            if (!TryFineCells4(axis, lx, out var ci)) return false;
            int c0 = ci.ToScalar(), c1 = ci.GetElement(1), c2 = ci.GetElement(2), c3 = ci.GetElement(3);
            t = Fractions4(axis, lx, c0, c1, c2, c3);
            var offsets = axis.Offsets32;
            offset = Vector256.Create((long)offsets[c0], offsets[c1], offsets[c2], offsets[c3]);
            return true;
        }
        t = default;
        double lo = axis.Lo;
        if (!Vector256.GreaterThanOrEqualAll(lx, Vector256.Create(lo - EpisodeResponseSurface.RangeSlack))
            || !Vector256.LessThanOrEqualAll(lx, Vector256.Create(axis.Hi + EpisodeResponseSurface.RangeSlack))) return false;
        var x = (lx - Vector256.Create(lo)) * Vector256.Create(axis.FineInv);
        var cells = axis.Cells;
        var c = Vector256.ConvertToInt64(x);
        c = Vector256.Min(Vector256.Max(c, Vector256<long>.Zero), Vector256.Create((long)axis.Fine - 1));
        var (a, b, cc, d) = (cells[(int)c.GetElement(0)], cells[(int)c.GetElement(1)], cells[(int)c.GetElement(2)], cells[(int)c.GetElement(3)]);
        var f = (lx - Vector256.Create(a.Node, b.Node, cc.Node, d.Node)) * Vector256.Create(a.InvWidth, b.InvWidth, cc.InvWidth, d.InvWidth);
        t = Clamp01(f);
        offset = Vector256.Create((long)a.Offset, b.Offset, cc.Offset, d.Offset);
        return true;
    }

    /// <summary>
    /// The fine cells of four log coordinates (AVX), false if any is outside the axis: truncated to 32-bit integers as
    /// the scalar (int) cast does (x lies within the axis's fine cells, checked first; AVX2 has no conversion to 64-bit
    /// integers, which the JIT emulated through the stack: a store-forwarding stall that took a fifth of the query's
    /// time), limited to the axis's cells (so inside its pinned tables).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryFineCells4(Axis axis, Vector256<double> lx, out Vector128<int> cells)
    {
        cells = default;
        double lo = axis.Lo;
        if ((Vector256.GreaterThanOrEqual(lx, Vector256.Create(lo - EpisodeResponseSurface.RangeSlack))
             & Vector256.LessThanOrEqual(lx, Vector256.Create(axis.Hi + EpisodeResponseSurface.RangeSlack))).ExtractMostSignificantBits() != 0xF) return false;
        var ci = Avx.ConvertToVector128Int32WithTruncation((lx - Vector256.Create(lo)) * Vector256.Create(axis.FineInv));
        cells = Vector128.Min(Vector128.Max(ci, Vector128<int>.Zero), Vector128.Create(axis.Fine - 1));
        return true;
    }

    /// <summary>
    /// The fractions t of four log coordinates within their cells c0..c3 (inside the axis): each cell's node and inverse
    /// width one 128-bit load from the pinned pairs, transposed by two unpacks (the same numbers as the cells' fields).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe Vector256<double> Fractions4(Axis axis, Vector256<double> lx, int c0, int c1, int c2, int c3)
    {
        double* pairs = Address(axis.Pairs);
        var ac = Vector256.Create(Vector128.Load(pairs + 2 * c0), Vector128.Load(pairs + 2 * c2)); // node, inverse width of cells 0 and 2
        var bd = Vector256.Create(Vector128.Load(pairs + 2 * c1), Vector128.Load(pairs + 2 * c3));
        return Clamp01((lx - Avx.UnpackLow(ac, bd)) * Avx.UnpackHigh(ac, bd));
    }

    /// <summary>f limited to [0, 1] lane-wise (as the scalar lookup: below 0 gives 0, above 1 gives 1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Clamp01(Vector256<double> f)
    {
        var zero = Vector256<double>.Zero;
        var one = Vector256.Create(1.0);
        return Vector256.ConditionalSelect(Vector256.LessThan(f, zero), zero, Vector256.ConditionalSelect(Vector256.GreaterThan(f, one), one, f));
    }

    /// <summary>The first element's address of an array on the pinned heap.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe T* Address<T>(T[] pinned) where T : unmanaged => (T*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(pinned));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Locate(Axis axis, double x, out Cell cell, out double t)
    {
        double lx = ManagedMath.Log(x);
        double lo = axis.Lo;
        if (!(lx >= lo - EpisodeResponseSurface.RangeSlack && lx <= axis.Hi + EpisodeResponseSurface.RangeSlack)) // also rejects NaN
        {
            cell = default;
            t = 0;
            return false;
        }
        int c = (int)((lx - lo) * axis.FineInv);
        int fine = axis.Fine;
        if (c >= fine) c = fine - 1;
        else if (c < 0) c = 0;
        cell = axis.Cells[c];
        double f = (lx - cell.Node) * cell.InvWidth;
        t = f < 0 ? 0 : f > 1 ? 1 : f;
        return true;
    }
}
