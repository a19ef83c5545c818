using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace AgentSpines.Physics.Electrodiffusion.Surface;

/// <summary>
/// The query of a surface whose only axes with more than one node are head volume and neck length (a population
/// run: neck diameter, current and dendrite radius are constants of the run), laid out for that case as a table of
/// the quantities themselves (not their logarithms) on a finer grid, interpolated bilinearly in head volume and in
/// the neck's logarithm: no logarithm and no exponential per query (they were a quarter of what activity added to a
/// population run, docs/electrodiffusion.md, fifteenth pass). The volume nodes are the doubles whose bit patterns
/// are multiples of 2^(52 - b) (2^b nodes per factor of two), so a volume's cell is its bit pattern shifted, with no
/// search; the neck nodes are the surface's, each interval split in equal parts of its logarithm (a neck is located
/// once per spine). The values at the nodes are the surface's log-bilinear interpolation, exponentiated; the finest
/// grid is chosen (SurfacePlane.Linear.cs) on which the plane stays within <see cref="DeviationLimit"/> of that
/// interpolation everywhere it was sampled (or, where the surface bends too sharply, fewest cells are deferred to it),
/// and a cell next to one without values has none either (never guess).
/// Every query path (one, four, eight at a time) performs the same operations in the same order: the same numbers,
/// bit for bit (tested).
/// </summary>
internal sealed partial class SurfacePlane
{
    private const int Lanes = 4;
    /// <summary>The smallest normal double: the four-lane logarithm (the necks') takes coordinates from here to infinity (exclusive).</summary>
    private const double SmallestNormal = 2.2250738585072014e-308;
    private readonly VolumeAxis _volume;
    private readonly Axis _neck;
    private readonly double[] _values;   // (i_volume * neckNodes + i_neck) * 4: quantities 0..2 (natural units), then 0; NaN: no value
    private readonly int _volumeStride;  // doubles between volume nodes
    private readonly double _d, _current, _radius; // the fixed axes' values (natural units)

    /// <summary>Largest relative difference between this plane and the surface's log-bilinear interpolation at the sampled points.</summary>
    public double Deviation { get; }
    /// <summary>Volume nodes per factor of two, and the parts each neck interval of the surface was split into.</summary>
    public (int VolumePerOctave, int NeckSplit) Resolution { get; }
    /// <summary>Nodes of the table (volume x neck).</summary>
    public int TableNodes => _values.Length / Lanes;
    /// <summary>Cells of the table (volume x neck intervals).</summary>
    public int Cells => _volume.Count * (_volumeStride / Lanes - 1);
    /// <summary>Cells left to the general interpolation (the table strayed from it there by more than the limit).</summary>
    public int DeferredCells { get; }

    /// <summary>One interval of an axis, as a fine cell finds it.</summary>
    private readonly record struct Cell(double Node, double InvWidth, int Offset);

    /// <summary>A logarithmic axis (the neck's): a uniform grid of fine cells in the logarithm, each naming its interval.</summary>
    private sealed class Axis
    {
        public required double Lo, Hi, FineInv;
        public required int Fine;
        public required Cell[] Cells;
        /// <summary>The nodes (log), for building the table.</summary>
        public required double[] LogNodes;
    }

    /// <summary>
    /// The volume axis: interval c runs from Nodes[c] to Nodes[c + 1] (natural units); a volume v in [Min, Max] lies in
    /// interval (bits(v) >> Shift) - FirstBucket, limited to [0, Count - 1] (the first and last intervals end at the
    /// surface's range, the others at doubles whose low Shift bits are zero).
    /// </summary>
    private sealed class VolumeAxis
    {
        public required int Shift, Count;
        public required long FirstBucket;
        public required double Min, Max;
        /// <summary>Each interval's first node, inverse width and table offset as arrays of their own (the eight-lane query gathers them).</summary>
        public required double[] Nodes, InvWidths;
        public required long[] Offsets;
        /// <summary>(node, inverse width) side by side at 2c and the offsets as ints (pinned, read by address by the four-lane query).</summary>
        public required double[] Pairs;
        public required int[] Offsets32;
    }

    private SurfacePlane(VolumeAxis volume, Axis neck, double[] values, int volumeStride, double d, double current, double radius,
        double deviation, (int, int) resolution, int deferredCells)
    {
        (_volume, _neck, _values, _volumeStride, _d, _current, _radius) = (volume, neck, values, volumeStride, d, current, radius);
        (Deviation, Resolution, DeferredCells) = (deviation, resolution, deferredCells);
    }

    /// <summary>The fine-cell lookup of a logarithmic axis (fine cell -> interval), node and inverse width, as the general query computes them.</summary>
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
        return new Axis { Lo = lo, Hi = hi, FineInv = fineInv, Fine = fine, Cells = cells, LogNodes = n };
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
        if (!LocateVolume(_volume, volume, out int offset, out double tv)) return false;
        double w00 = (1 - tv) * (1 - tn), w01 = (1 - tv) * tn, w10 = tv * (1 - tn), w11 = tv * tn;
        ref double v = ref MemoryMarshal.GetArrayDataReference(_values);
        nuint o = (nuint)(offset + neckOffset), dv = (nuint)_volumeStride;
        if (neckOffset < 0 || o + dv + 2 * Lanes > (nuint)_values.Length) throw new IndexOutOfRangeException(); // never: the last cell starts one node before the end
        var s = Vector256.Create(w00) * Vector256.LoadUnsafe(ref v, o) + Vector256.Create(w01) * Vector256.LoadUnsafe(ref v, o + Lanes)
                + Vector256.Create(w10) * Vector256.LoadUnsafe(ref v, o + dv) + Vector256.Create(w11) * Vector256.LoadUnsafe(ref v, o + dv + Lanes);
        double s0 = s.GetElement(0), s1 = s.GetElement(1), s2 = s.GetElement(2);
        if (double.IsNaN(s0 + s1 + s2)) return false; // a corner without a value: never guess
        response = new EpisodeResponse(s0, s1, s2);
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
    /// Four queries on the fixed axes at once, one per lane: the necks' logarithms and cells and the volumes' cells taken
    /// lane-wise, each lane's corners as in <see cref="TryInterpolate"/>; the numbers are the same bit for bit. False
    /// (nothing written) when any lane is outside the grid or in a cell without values: the caller then asks lane by lane.
    /// </summary>
    public bool TryInterpolate4(Vector256<double> volume, Vector256<double> neck, Span<EpisodeResponse> responses)
    {
        if (!Vector256.GreaterThanOrEqualAll(neck, Vector256.Create(SmallestNormal)) || !Vector256.LessThanAll(neck, Vector256.Create(double.PositiveInfinity)))
            return false; // also NaN
        if (!LocateNecks4(_neck, ManagedMath.Log(neck), out var offN, out var tn)) return false;
        return TryInterpolate4At(volume, offN, tn, responses);
    }

    /// <summary>
    /// <see cref="TryInterpolate4"/> with the four necks located (their cells' offsets and fractions, as
    /// <see cref="LocateNeck"/> gives them): the same numbers, bit for bit, and false in the same cases.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // the last queries of every batch: optimised at once
    public bool TryInterpolate4At(Vector256<double> volume, Vector256<long> offN, Vector256<double> tn, Span<EpisodeResponse> responses)
    {
        if (!TryCellWeights4(volume, tn, out var offV, out var w00, out var w01, out var w10, out var w11)) return false;
        var o = offV + offN;
        var s0 = Corners(o.GetElement(0), w00.GetElement(0), w01.GetElement(0), w10.GetElement(0), w11.GetElement(0));
        var s1 = Corners(o.GetElement(1), w00.GetElement(1), w01.GetElement(1), w10.GetElement(1), w11.GetElement(1));
        var s2 = Corners(o.GetElement(2), w00.GetElement(2), w01.GetElement(2), w10.GetElement(2), w11.GetElement(2));
        var s3 = Corners(o.GetElement(3), w00.GetElement(3), w01.GetElement(3), w10.GetElement(3), w11.GetElement(3));
        var sum = s0 + s1 + s2 + s3; // (lane 3 of each is the padding, 0 times the weights)
        if (!Vector256.EqualsAll(sum, sum)) return false; // a corner without a value (NaN): never guess
        responses[0] = new EpisodeResponse(s0.GetElement(0), s0.GetElement(1), s0.GetElement(2));
        responses[1] = new EpisodeResponse(s1.GetElement(0), s1.GetElement(1), s1.GetElement(2));
        responses[2] = new EpisodeResponse(s2.GetElement(0), s2.GetElement(1), s2.GetElement(2));
        responses[3] = new EpisodeResponse(s3.GetElement(0), s3.GetElement(1), s3.GetElement(2));
        return true;
    }

    /// <summary>The weighted corners of one cell (the three quantities and the padding), as in <see cref="TryInterpolate"/>.</summary>
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
    /// false for a volume off the grid (also NaN). Shared by both four-lane queries of EpisodeResponse.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TryCellWeights4(Vector256<double> volume, Vector256<double> tn, out Vector256<long> offV,
        out Vector256<double> w00, out Vector256<double> w01, out Vector256<double> w10, out Vector256<double> w11)
    {
        w00 = w01 = w10 = w11 = default;
        offV = default;
        Vector256<double> tv;
        if (Avx2.IsSupported)
        {
            if (!TryVolumeCells4(_volume, volume, out var cells)) return false;
            int c0 = cells.ToScalar(), c1 = cells.GetElement(1), c2 = cells.GetElement(2), c3 = cells.GetElement(3);
            tv = VolumeFractions4(_volume, volume, c0, c1, c2, c3);
            var offsets = _volume.Offsets32;
            offV = Vector256.Create((long)offsets[c0], offsets[c1], offsets[c2], offsets[c3]);
        }
        else
        {
            if (!LocateVolume(_volume, volume.GetElement(0), out int o0, out double t0) || !LocateVolume(_volume, volume.GetElement(1), out int o1, out double t1)
                || !LocateVolume(_volume, volume.GetElement(2), out int o2, out double t2) || !LocateVolume(_volume, volume.GetElement(3), out int o3, out double t3))
                return false;
            tv = Vector256.Create(t0, t1, t2, t3);
            offV = Vector256.Create((long)o0, o1, o2, o3);
        }
        var one = Vector256.Create(1.0);
        w00 = (one - tv) * (one - tn);
        w01 = (one - tv) * tn;
        w10 = tv * (one - tn);
        w11 = tv * tn;
        return true;
    }

    /// <summary>
    /// The volume cells of four volumes (AVX2), false if any is outside the axis: the bit patterns shifted, less the first
    /// bucket (inside the axis they differ from 0..Count - 1 by at most one, so their low 32 bits are the cell), limited to
    /// the axis's cells (so inside its pinned tables).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryVolumeCells4(VolumeAxis axis, Vector256<double> volume, out Vector128<int> cells)
    {
        cells = default;
        if ((Vector256.GreaterThanOrEqual(volume, Vector256.Create(axis.Min)) & Vector256.LessThanOrEqual(volume, Vector256.Create(axis.Max)))
            .ExtractMostSignificantBits() != 0xF) return false; // also NaN
        var b = Vector256.ShiftRightLogical(volume.AsInt64(), axis.Shift) - Vector256.Create(axis.FirstBucket);
        var low = Avx2.PermuteVar8x32(b.AsInt32(), Vector256.Create(0, 2, 4, 6, 0, 2, 4, 6)).GetLower();
        cells = Vector128.Min(Vector128.Max(low, Vector128<int>.Zero), Vector128.Create(axis.Count - 1));
        return true;
    }

    /// <summary>
    /// The fractions t of four volumes within their cells c0..c3 (inside the axis): each cell's node and inverse width one
    /// 128-bit load from the pinned pairs, transposed by two unpacks (the same numbers as <see cref="LocateVolume"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe Vector256<double> VolumeFractions4(VolumeAxis axis, Vector256<double> volume, int c0, int c1, int c2, int c3)
    {
        double* pairs = Address(axis.Pairs);
        var ac = Vector256.Create(Vector128.Load(pairs + 2 * c0), Vector128.Load(pairs + 2 * c2)); // node, inverse width of cells 0 and 2
        var bd = Vector256.Create(Vector128.Load(pairs + 2 * c1), Vector128.Load(pairs + 2 * c3));
        return Clamp01((volume - Avx.UnpackLow(ac, bd)) * Avx.UnpackHigh(ac, bd));
    }

    /// <summary>A volume's cell (its table offset) and fraction; false outside the axis (also NaN).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool LocateVolume(VolumeAxis axis, double volume, out int offset, out double t)
    {
        offset = 0;
        t = 0;
        if (!(volume >= axis.Min && volume <= axis.Max)) return false;
        long b = (long)((ulong)BitConverter.DoubleToInt64Bits(volume) >> axis.Shift) - axis.FirstBucket;
        int c = b < 0 ? 0 : b >= axis.Count ? axis.Count - 1 : (int)b;
        double f = (volume - axis.Nodes[c]) * axis.InvWidths[c];
        t = f < 0 ? 0 : f > 1 ? 1 : f;
        offset = axis.Offsets32[c];
        return true;
    }

    /// <summary><see cref="Locate"/> for four log neck lengths: false if any is outside the axis.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool LocateNecks4(Axis axis, Vector256<double> lx, out Vector256<long> offset, out Vector256<double> t)
    {
        offset = default;
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

    /// <summary>A neck length's cell and fraction on the (logarithmic) neck axis; false outside it (also NaN).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Locate(Axis axis, double x, out Cell cell, out double t) => LocateLog(axis, ManagedMath.Log(x), out cell, out t);

    /// <summary><see cref="Locate"/> of a logarithm.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool LocateLog(Axis axis, double lx, out Cell cell, out double t)
    {
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
