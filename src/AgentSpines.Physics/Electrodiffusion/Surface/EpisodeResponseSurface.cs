using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using AgentSpines.Core;

namespace AgentSpines.Physics.Electrodiffusion.Surface;

/// <summary>
/// An episode response surface: the logarithm of every <see cref="EpisodeResponse"/> quantity on a tensor grid in
/// the logarithms of the coordinates (<see cref="SurfaceAxis"/>), refined where the surface bends
/// (<see cref="EpisodeSurfaceBuilder"/>). A query inside the grid is multilinear interpolation in log-log space,
/// so power laws such as V ~ l_neck / d_neck^2 are exact; it does not allocate and takes tens of nanoseconds.
/// A query outside the grid's range, or in a cell with a corner the solver could not run, is computed exactly with
/// the fast solver and counted (<see cref="ExactFallbacks"/>): the surface never extrapolates. Immutable and
/// thread-safe.
/// </summary>
public sealed class EpisodeResponseSurface
{
    private const int Q = EpisodeResponse.QuantityCount;
    private const int Axes = EpisodeSurfaceSpec.AxisCount;
    internal const double RangeSlack = 1e-12;

    private readonly double[][] _nodes;      // per axis, log coordinate of each node (one node: a fixed axis)
    private readonly double[] _values;       // log quantities, C order over the axes, Q per node; NaN = no value
    private readonly int[] _active;          // axes with more than one node
    private readonly int[] _stride;          // node stride of each axis in _values / Q
    private readonly int[][] _lookup;        // per axis: fine cell -> interval index
    private readonly double[][] _invWidth;   // per axis: 1 / interval width (log)
    private readonly double[] _fineInv;      // per axis: fine cells per log unit
    private readonly int[] _fineCount;
    private readonly double[] _fixedValue;  // natural value of each fixed axis
    private readonly FastEpisodeModel _exact;
    private readonly SurfacePlane? _plane;   // the layout for head volume x neck length (a population run), else null
    private readonly long[] _counters = new long[CounterSlots * SlotWidth];
    private const int CounterSlots = 16, SlotWidth = 8; // one cache line per slot: threads do not share a counter line

    public EpisodeSurfaceSpec Spec { get; }
    public string Key { get; }
    /// <summary>Largest relative error against the fast solver at the verification points (measured at build).</summary>
    public double VerifiedMaxRelError { get; }
    public int VerifiedPoints { get; }
    /// <summary>Wall time the build took in this process (s); 0 for a surface loaded from a file.</summary>
    public double BuildSeconds { get; }

    internal EpisodeResponseSurface(EpisodeSurfaceSpec spec, string key, double[][] nodes, double[] values, double verifiedMaxRelError,
        int verifiedPoints, double buildSeconds)
    {
        Spec = spec;
        Key = key;
        _nodes = nodes;
        _values = values;
        VerifiedMaxRelError = verifiedMaxRelError;
        VerifiedPoints = verifiedPoints;
        BuildSeconds = buildSeconds;
        _exact = new FastEpisodeModel(spec.Parameters, spec.Solver, spec.Nmda);
        _stride = new int[Axes];
        int s = 1;
        for (int a = Axes - 1; a >= 0; a--) { _stride[a] = s; s *= nodes[a].Length; }
        if ((long)s * Q != values.Length) throw new InvalidDataException($"episode surface: {values.Length} values for {s} nodes");
        _active = Enumerable.Range(0, Axes).Where(a => nodes[a].Length > 1).ToArray();
        _lookup = new int[Axes][];
        _invWidth = new double[Axes][];
        _fineInv = new double[Axes];
        _fineCount = new int[Axes];
        _fixedValue = new double[Axes];
        for (int a = 0; a < Axes; a++) _fixedValue[a] = spec.Range(a).Min;
        int fine = (spec.InitialNodes - 1) << spec.MaxRefinements;
        foreach (int a in _active)
        {
            var n = nodes[a];
            double lo = n[0], hi = n[^1];
            _fineCount[a] = fine;
            _fineInv[a] = fine / (hi - lo);
            _invWidth[a] = new double[n.Length - 1];
            for (int i = 0; i < n.Length - 1; i++) _invWidth[a][i] = 1.0 / (n[i + 1] - n[i]);
            var lk = new int[fine];
            int iv = 0;
            for (int c = 0; c < fine; c++)
            {
                double mid = lo + (c + 0.5) / _fineInv[a];
                while (iv < n.Length - 2 && mid >= n[iv + 1]) iv++;
                lk[c] = iv;
            }
            _lookup[a] = lk;
        }
        _plane = SurfacePlane.For(nodes, values, _fineCount, _fixedValue);
    }

    public IReadOnlyList<double> NodesOf(SurfaceAxis axis) => Array.ConvertAll(_nodes[(int)axis], Math.Exp);
    internal double[][] LogNodes => _nodes;
    /// <summary>Log of each quantity at each node (C order over the axes, quantities innermost).</summary>
    public IReadOnlyList<double> LogValues => _values;
    public int NodeCount => _values.Length / Q;

    /// <summary>Queries answered (interpolated or exact).</summary>
    public long Queries => Sum(0);
    /// <summary>Queries outside the grid (or in a cell without values) computed exactly with the fast solver.</summary>
    public long ExactFallbacks => Sum(1);
    /// <summary>Queries whose shape the solver does not take (e.g. a neck wider than the head): no response.</summary>
    public long InvalidShapes => Sum(2);

    /// <summary>
    /// Response of a spine with the surface's fixed current and dendrite radius. False when the shape is not a
    /// valid spine (neck wider than the head, lengths out of the solver's bounds): no episode.
    /// </summary>
    public bool TryQuery(double headVolumeUm3, double neckLengthNm, double neckDiameterNm, out EpisodeResponse response)
    {
        Count(0);
        if (TryInterpolate(headVolumeUm3, neckLengthNm, neckDiameterNm, _fixedValue[3], _fixedValue[4], out response)) return true;
        return Fallback([headVolumeUm3, neckLengthNm, neckDiameterNm, _fixedValue[3], _fixedValue[4]], out response);
    }

    /// <summary>
    /// <see cref="TryQuery(double, double, double, out EpisodeResponse)"/> without counting the query: a caller that
    /// answers many queries counts them once with <see cref="AddQueries"/> (one atomic add per batch, not per query;
    /// an atomic add also stops the processor from overlapping the next spine's work with this one).
    /// </summary>
    public bool TryQueryUncounted(double headVolumeUm3, double neckLengthNm, double neckDiameterNm, out EpisodeResponse response)
    {
        if (TryInterpolate(headVolumeUm3, neckLengthNm, neckDiameterNm, _fixedValue[3], _fixedValue[4], out response)) return true;
        return Fallback([headVolumeUm3, neckLengthNm, neckDiameterNm, _fixedValue[3], _fixedValue[4]], out response);
    }

    /// <summary>
    /// Many queries (head volume, neck length, neck diameter of query i), uncounted like <see cref="TryQueryUncounted"/>
    /// and with its answers: ok[i] false means no episode. Four at a time through <see cref="SurfacePlane.TryInterpolate4"/>
    /// where the surface has that layout and all four are on its fixed axes, one by one otherwise.
    /// </summary>
    public void TryQueryManyUncounted(ReadOnlySpan<double> headVolumeUm3, ReadOnlySpan<double> neckLengthNm, ReadOnlySpan<double> neckDiameterNm,
        Span<EpisodeResponse> responses, Span<bool> ok)
    {
        int n = headVolumeUm3.Length;
        if (neckLengthNm.Length != n || neckDiameterNm.Length != n || responses.Length < n || ok.Length < n)
            throw new ArgumentException($"{n} queries need as many neck lengths, diameters, responses and flags");
        int i = 0;
        if (_plane is { } plane)
        {
            double current = _fixedValue[3], radius = _fixedValue[4];
            // the current and the dendrite radius are the surface's own fixed values: on its axes or not for all queries
            bool fixedOk = plane.OnFixedCurrentAndRadius(current, radius);
            for (; i + 4 <= n; i += 4)
            {
                if (fixedOk && plane.OnFixedDiameters(Vector256.Create(neckDiameterNm.Slice(i, 4)))
                    && plane.TryInterpolate4(Vector256.Create(headVolumeUm3.Slice(i, 4)), Vector256.Create(neckLengthNm.Slice(i, 4)), responses.Slice(i, 4)))
                {
                    ok[i] = ok[i + 1] = ok[i + 2] = ok[i + 3] = true;
                    continue;
                }
                for (int j = i; j < i + 4; j++) ok[j] = TryQueryUncounted(headVolumeUm3[j], neckLengthNm[j], neckDiameterNm[j], out responses[j]);
            }
            int rest = n - i;
            if (rest > 0)
            {
                // the last one to three: their lanes, the spare lanes repeating the last query (answers dropped)
                Span<double> v = stackalloc double[4], l = stackalloc double[4];
                Span<EpisodeResponse> r = stackalloc EpisodeResponse[4];
                bool onAxes = true;
                for (int j = 0; j < 4; j++)
                {
                    int k = i + Math.Min(j, rest - 1);
                    (v[j], l[j]) = (headVolumeUm3[k], neckLengthNm[k]);
                    onAxes &= plane.OnFixedAxes(neckDiameterNm[k], current, radius);
                }
                if (onAxes && plane.TryInterpolate4(Vector256.Create(v), Vector256.Create(l), r))
                {
                    for (int j = 0; j < rest; j++) (responses[i + j], ok[i + j]) = (r[j], true);
                    return;
                }
            }
        }
        for (; i < n; i++) ok[i] = TryQueryUncounted(headVolumeUm3[i], neckLengthNm[i], neckDiameterNm[i], out responses[i]);
    }

    /// <summary>
    /// Where a neck (length and diameter, nm) lies on the surface, for <see cref="TryQueryManyLocated"/>: a positive
    /// cell and its fraction t when the surface is a head volume x neck length plane and the neck is on it (a spine's
    /// neck does not change, so a population locates it once instead of at every query: a logarithm and a lookup
    /// less per query), else -1 (no plane, a diameter off the fixed one, a neck outside the grid): queries with such a
    /// neck take <see cref="TryQueryUncounted"/>, where they are solved exactly and counted.
    /// </summary>
    public int LocateNeck(double neckLengthNm, double neckDiameterNm, out double t)
    {
        t = 0;
        if (_plane is not { } plane || !plane.OnFixedAxes(neckDiameterNm, _fixedValue[3], _fixedValue[4])) return -1;
        return plane.LocateNeck(neckLengthNm, out t);
    }

    /// <summary>
    /// Queries with located necks (head volume, then the cell and fraction <see cref="LocateNeck"/> gave for the neck),
    /// uncounted, four at a time: ok[i] true and responses[i] the interpolated response, bit for bit that of
    /// <see cref="TryQueryUncounted"/> with the neck's length and diameter; ok[i] false when the query was not
    /// interpolated (neck cell -1, a head volume outside the grid, a cell without values): the caller then asks
    /// <see cref="TryQueryUncounted"/>, which solves it exactly or finds no episode.
    /// </summary>
    public void TryQueryManyLocated(ReadOnlySpan<double> headVolumeUm3, ReadOnlySpan<int> neckCell, ReadOnlySpan<double> neckT,
        Span<EpisodeResponse> responses, Span<bool> ok)
    {
        int n = headVolumeUm3.Length;
        if (neckCell.Length != n || neckT.Length != n || responses.Length < n || ok.Length < n)
            throw new ArgumentException($"{n} queries need as many neck cells, fractions, responses and flags");
        if (_plane is not { } plane)
        {
            ok[..n].Clear(); // no neck is located without a plane (LocateNeck gave -1)
            return;
        }
        int i = 0;
        var one = Vector128<int>.One;
        for (; i + 4 <= n; i += 4)
        {
            var cells = Vector128.Create(neckCell.Slice(i, 4));
            if (Vector128.GreaterThanOrEqualAll(cells, one)
                && plane.TryInterpolate4At(Vector256.Create(headVolumeUm3.Slice(i, 4)), Offsets(cells), Vector256.Create(neckT.Slice(i, 4)), responses.Slice(i, 4)))
            {
                ok[i] = ok[i + 1] = ok[i + 2] = ok[i + 3] = true;
                continue;
            }
            for (int j = i; j < i + 4; j++) ok[j] = neckCell[j] > 0 && plane.TryInterpolateAt(headVolumeUm3[j], neckCell[j] - 1, neckT[j], out responses[j]);
        }
        int rest = n - i;
        if (rest == 0) return;
        // the last one to three: their lanes, the spare lanes repeating the last query (answers dropped)
        Span<double> v = stackalloc double[4], t = stackalloc double[4];
        Span<int> c = stackalloc int[4];
        Span<EpisodeResponse> r = stackalloc EpisodeResponse[4];
        for (int j = 0; j < 4; j++)
        {
            int k = i + Math.Min(j, rest - 1);
            (v[j], c[j], t[j]) = (headVolumeUm3[k], neckCell[k], neckT[k]);
        }
        var last = Vector128.Create((ReadOnlySpan<int>)c);
        if (Vector128.GreaterThanOrEqualAll(last, one) && plane.TryInterpolate4At(Vector256.Create((ReadOnlySpan<double>)v), Offsets(last), Vector256.Create((ReadOnlySpan<double>)t), r))
        {
            for (int j = 0; j < rest; j++) (responses[i + j], ok[i + j]) = (r[j], true);
            return;
        }
        for (int j = i; j < n; j++) ok[j] = neckCell[j] > 0 && plane.TryInterpolateAt(headVolumeUm3[j], neckCell[j] - 1, neckT[j], out responses[j]);
    }

    /// <summary>
    /// <see cref="TryQueryManyLocated(ReadOnlySpan{double}, ReadOnlySpan{int}, ReadOnlySpan{double}, Span{EpisodeResponse}, Span{bool})"/>
    /// with the answers as three arrays (peak depolarisation, NMDA boost, NMDA charge of query i; not written where ok[i]
    /// is false): the same numbers, bit for bit. Four at a time with each quantity's corners gathered where the processor
    /// gathers (SurfacePlane.Gathers), and the four answers stored as lanes.
    /// </summary>
    /// <param name="wide">false: never eight at a time (tests compare both)</param>
    public void TryQueryManyLocated(ReadOnlySpan<double> headVolumeUm3, ReadOnlySpan<int> neckCell, ReadOnlySpan<double> neckT,
        Span<double> peak, Span<double> boost, Span<double> charge, Span<bool> ok, bool wide = true)
    {
        int n = headVolumeUm3.Length;
        if (neckCell.Length != n || neckT.Length != n || peak.Length < n || boost.Length < n || charge.Length < n || ok.Length < n)
            throw new ArgumentException($"{n} queries need as many neck cells, fractions, answers and flags");
        if (_plane is not { } plane)
        {
            ok[..n].Clear(); // no neck is located without a plane (LocateNeck gave -1)
            return;
        }
        int i = 0;
        var one = Vector128<int>.One;
        if (wide && SurfacePlane.GathersEight)
        {
            // eight at a time with 512-bit arithmetic; a group with a query not interpolated goes on four at a time
            var one8 = Vector256<int>.One;
            for (; i + 8 <= n; i += 8)
            {
                var cells = Vector256.Create(neckCell.Slice(i, 8));
                if (!Vector256.GreaterThanOrEqualAll(cells, one8)
                    || !plane.TryInterpolate8At(Vector512.Create(headVolumeUm3.Slice(i, 8)), Vector512.WidenLower(Vector512.Create(cells - one8, default)),
                        Vector512.Create(neckT.Slice(i, 8)), out var p, out var b, out var c))
                    break;
                p.CopyTo(peak.Slice(i, 8));
                b.CopyTo(boost.Slice(i, 8));
                c.CopyTo(charge.Slice(i, 8));
                ok.Slice(i, 8).Fill(true);
            }
        }
        if (SurfacePlane.Gathers)
        {
            // runs of groups of four that all interpolate in one loop; a group that does not, lane by lane
            while ((i = plane.TryInterpolateRun4(headVolumeUm3, neckCell, neckT, peak, boost, charge, ok, i)) + 4 <= n)
            {
                for (int j = i; j < i + 4; j++) ok[j] = TryLocatedOne(plane, headVolumeUm3[j], neckCell[j], neckT[j], peak, boost, charge, j);
                i += 4;
            }
            if (i < n) TailLanes(plane, headVolumeUm3, neckCell, neckT, peak, boost, charge, ok, i);
            return;
        }
        // the last ones (and all without gathers): the answers of the four-lane query
        Span<EpisodeResponse> r = stackalloc EpisodeResponse[4];
        Span<bool> rOk = stackalloc bool[4];
        for (; i < n; i += 4)
        {
            int m = Math.Min(4, n - i);
            TryQueryManyLocated(headVolumeUm3.Slice(i, m), neckCell.Slice(i, m), neckT.Slice(i, m), r, rOk);
            for (int j = 0; j < m; j++)
            {
                ok[i + j] = rOk[j];
                if (rOk[j]) (peak[i + j], boost[i + j], charge[i + j]) = (r[j].PeakHeadDepolarizationMV, r[j].NmdaCurrentBoostRatio, r[j].NmdaChargeFC);
            }
        }
    }

    /// <summary>
    /// The last one to three located queries (from i) as one group of four lanes with the answers as lanes, the spare
    /// lanes repeating the last query (answers dropped); lane by lane if the group is not interpolated. Until the twelfth
    /// pass they went through the four-lane query with EpisodeResponse answers (a transpose per query and the calls of
    /// that path: about a tenth of the queries' time for a twentieth of the queries). The same numbers, bit for bit.
    /// </summary>
    private static void TailLanes(SurfacePlane plane, ReadOnlySpan<double> volume, ReadOnlySpan<int> neckCell, ReadOnlySpan<double> neckT,
        Span<double> peak, Span<double> boost, Span<double> charge, Span<bool> ok, int i)
    {
        int n = volume.Length, last = n - 1;
        var cells = Vector128.Create(neckCell[i], neckCell[Math.Min(i + 1, last)], neckCell[Math.Min(i + 2, last)], neckCell[last]);
        if (Vector128.GreaterThanOrEqualAll(cells, Vector128<int>.One)
            && plane.TryInterpolate4At(Vector256.Create(volume[i], volume[Math.Min(i + 1, last)], volume[Math.Min(i + 2, last)], volume[last]), Offsets(cells),
                Vector256.Create(neckT[i], neckT[Math.Min(i + 1, last)], neckT[Math.Min(i + 2, last)], neckT[last]), out var p, out var b, out var c))
        {
            for (int j = i; j < n; j++) (peak[j], boost[j], charge[j], ok[j]) = (p.GetElement(j - i), b.GetElement(j - i), c.GetElement(j - i), true);
            return;
        }
        for (int j = i; j < n; j++) ok[j] = TryLocatedOne(plane, volume[j], neckCell[j], neckT[j], peak, boost, charge, j);
    }

    /// <summary>One located query by the scalar path, its answer into the arrays at j.</summary>
    private static bool TryLocatedOne(SurfacePlane plane, double volume, int cell, double t, Span<double> peak, Span<double> boost, Span<double> charge, int j)
    {
        if (cell <= 0 || !plane.TryInterpolateAt(volume, cell - 1, t, out var e)) return false;
        (peak[j], boost[j], charge[j]) = (e.PeakHeadDepolarizationMV, e.NmdaCurrentBoostRatio, e.NmdaChargeFC);
        return true;
    }

    /// <summary>The values' offsets of four located neck cells (cell - 1), widened to the lanes of the volumes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<long> Offsets(Vector128<int> cells) => Vector256.WidenLower(Vector256.Create(cells - Vector128<int>.One, default));

    /// <summary>Counts queries answered by <see cref="TryQueryUncounted"/>.</summary>
    public void AddQueries(long n)
    {
        if (n > 0) Interlocked.Add(ref _counters[(Environment.CurrentManagedThreadId & (CounterSlots - 1)) * SlotWidth], n);
    }

    /// <summary>Response at a point given in natural units, <see cref="SurfaceAxis"/> order.</summary>
    public bool TryQuery(ReadOnlySpan<double> x, out EpisodeResponse response)
    {
        Count(0);
        if (TryInterpolate(x, out response)) return true;
        return Fallback(x, out response);
    }

    private bool Fallback(ReadOnlySpan<double> x, out EpisodeResponse response)
    {
        if (!IsValidShape(Spec, x)) { Count(2); response = default; return false; }
        Count(1);
        try
        {
            response = Exact(x);
            return true;
        }
        catch (AgentSpinesInputException)
        {
            Count(2); // the solver refused the shape (e.g. not stable): no episode, as for an invalid shape
            response = default;
            return false;
        }
    }

    /// <summary>Interpolated response, or false if the point is outside the grid or in a cell without values.</summary>
    public bool TryInterpolate(ReadOnlySpan<double> x, out EpisodeResponse response) => TryInterpolate(x[0], x[1], x[2], x[3], x[4], out response);

    /// <summary>
    /// The interpolation itself, on scalars (no spans, no stackalloc). When only head volume and neck length vary,
    /// <see cref="SurfacePlane"/> answers: a finer table, linear in head volume, within <see cref="PlaneLayout"/>'s
    /// deviation of the general interpolation (checked when the table is built); where it has no value (its cells
    /// deferred to the general interpolation, or next to a surface cell without values) the general interpolation
    /// answers, or finds none. Every batched path asks this one for the queries it did not interpolate.
    /// </summary>
    public bool TryInterpolate(double x0, double x1, double x2, double x3, double x4, out EpisodeResponse response)
        => _plane is { } plane
            ? plane.TryInterpolate(x0, x1, x2, x3, x4, out response) || TryInterpolateGeneral(x0, x1, x2, x3, x4, out response)
            : TryInterpolateGeneral(x0, x1, x2, x3, x4, out response);

    /// <summary>Whether queries go through <see cref="SurfacePlane"/>.</summary>
    public bool HasPlane => _plane != null;

    /// <summary>
    /// The population table queries go through (null without one): its largest relative difference from this surface's
    /// log-bilinear interpolation where it was compared, its nodes, volume nodes per factor of two, neck split, cells
    /// and the cells it defers to the general interpolation (where it strayed by more than its limit).
    /// </summary>
    public (double Deviation, int Nodes, int VolumePerOctave, int NeckSplit, int Cells, int DeferredCells)? PlaneLayout
        => _plane is { } p ? (p.Deviation, p.TableNodes, p.Resolution.VolumePerOctave, p.Resolution.NeckSplit, p.Cells, p.DeferredCells) : null;

    /// <summary>
    /// Any number of varying axes: locate the point on each axis, then sum the 2^A corners of its cell (A = axes
    /// that are not fixed), written out for A = 1, 2, 3.
    /// </summary>
    public bool TryInterpolateGeneral(double x0, double x1, double x2, double x3, double x4, out EpisodeResponse response)
    {
        response = default;
        int i0 = 0, i1 = 0, i2 = 0, i3 = 0, i4 = 0;
        double t0 = 0, t1 = 0, t2 = 0, t3 = 0, t4 = 0;
        if (!Locate(0, x0, ref i0, ref t0) || !Locate(1, x1, ref i1, ref t1) || !Locate(2, x2, ref i2, ref t2)
            || !Locate(3, x3, ref i3, ref t3) || !Locate(4, x4, ref i4, ref t4)) return false;
        var st = _stride;
        int node = i0 * st[0] + i1 * st[1] + i2 * st[2] + i3 * st[3] + i4 * st[4];
        double s0, s1, s2;
        var v = _values;
        var act = _active;
        switch (act.Length)
        {
            case 0:
            {
                int o = node * Q;
                s0 = v[o]; s1 = v[o + 1]; s2 = v[o + 2];
                break;
            }
            case 1:
            {
                double ta = T(act[0], t0, t1, t2, t3, t4);
                int o = node * Q, da = st[act[0]] * Q;
                s0 = (1 - ta) * v[o] + ta * v[o + da];
                s1 = (1 - ta) * v[o + 1] + ta * v[o + da + 1];
                s2 = (1 - ta) * v[o + 2] + ta * v[o + da + 2];
                break;
            }
            case 2:
            {
                double ta = T(act[0], t0, t1, t2, t3, t4), tb = T(act[1], t0, t1, t2, t3, t4);
                int o = node * Q, da = st[act[0]] * Q, db = st[act[1]] * Q;
                double w00 = (1 - ta) * (1 - tb), w01 = (1 - ta) * tb, w10 = ta * (1 - tb), w11 = ta * tb;
                s0 = w00 * v[o] + w01 * v[o + db] + w10 * v[o + da] + w11 * v[o + da + db];
                s1 = w00 * v[o + 1] + w01 * v[o + db + 1] + w10 * v[o + da + 1] + w11 * v[o + da + db + 1];
                s2 = w00 * v[o + 2] + w01 * v[o + db + 2] + w10 * v[o + da + 2] + w11 * v[o + da + db + 2];
                break;
            }
            case 3:
            {
                double ta = T(act[0], t0, t1, t2, t3, t4), tb = T(act[1], t0, t1, t2, t3, t4), tc = T(act[2], t0, t1, t2, t3, t4);
                int o = node * Q, da = st[act[0]] * Q, db = st[act[1]] * Q, dc = st[act[2]] * Q;
                s0 = s1 = s2 = 0;
                for (int m = 0; m < 8; m++)
                {
                    bool ba = (m & 4) != 0, bb = (m & 2) != 0, bc = (m & 1) != 0;
                    double w = (ba ? ta : 1 - ta) * (bb ? tb : 1 - tb) * (bc ? tc : 1 - tc);
                    int k = o + (ba ? da : 0) + (bb ? db : 0) + (bc ? dc : 0);
                    s0 += w * v[k]; s1 += w * v[k + 1]; s2 += w * v[k + 2];
                }
                break;
            }
            default:
            {
                s0 = s1 = s2 = 0;
                int A = act.Length;
                for (int m = 0; m < 1 << A; m++)
                {
                    double w = 1;
                    int k = node * Q;
                    for (int j = 0; j < A; j++)
                    {
                        double t = T(act[j], t0, t1, t2, t3, t4);
                        if (((m >> j) & 1) != 0) { w *= t; k += st[act[j]] * Q; }
                        else w *= 1 - t;
                    }
                    s0 += w * v[k]; s1 += w * v[k + 1]; s2 += w * v[k + 2];
                }
                break;
            }
        }
        if (double.IsNaN(s0 + s1 + s2)) return false; // a corner without a value: never guess
        response = new EpisodeResponse(ManagedMath.Exp(s0), ManagedMath.Exp(s1), ManagedMath.Exp(s2));
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double T(int a, double t0, double t1, double t2, double t3, double t4)
        => a switch { 0 => t0, 1 => t1, 2 => t2, 3 => t3, _ => t4 };

    /// <summary>Interval and fraction of coordinate x on axis a; false outside the grid (or, on a fixed axis, off its value).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Locate(int a, double x, ref int i, ref double t)
    {
        var n = _nodes[a];
        if (n.Length == 1)
        {
            double fixedValue = _fixedValue[a];
            return Math.Abs(x - fixedValue) <= 1e-9 * fixedValue;
        }
        double lx = ManagedMath.Log(x);
        double lo = n[0];
        if (!(lx >= lo - RangeSlack && lx <= n[^1] + RangeSlack)) return false; // also rejects NaN
        int c = (int)((lx - lo) * _fineInv[a]);
        int fine = _fineCount[a];
        if (c >= fine) c = fine - 1;
        else if (c < 0) c = 0;
        int k = _lookup[a][c];
        double f = (lx - n[k]) * _invWidth[a][k];
        i = k;
        t = f < 0 ? 0 : f > 1 ? 1 : f;
        return true;
    }

    /// <summary>The fast solver at a point (natural units). Throws AgentSpinesInputException for an invalid shape.</summary>
    public EpisodeResponse Exact(ReadOnlySpan<double> x)
    {
        var (g, input) = Spec.At(x);
        return EpisodeResponse.From(_exact.Run(g, input));
    }

    /// <summary>
    /// Whether the solver takes this shape (the rules of <see cref="SpineGeometry.Validate"/> on numbers, without
    /// building a geometry or throwing): the cheap test for spines whose shape has no episode.
    /// </summary>
    public static bool IsValidShape(EpisodeSurfaceSpec spec, ReadOnlySpan<double> x)
    {
        var t = spec.Template;
        double v = x[0], neckL = x[1], neckD = x[2], current = x[3], dendR = x[4];
        if (!(v > 0) || !double.IsFinite(v)) return false;
        double headR = Math.Sqrt(v * 1e9 / (Math.PI * t.HeadLengthNm));
        if (!(headR >= 10 && headR <= 5000)) return false;
        if (!(neckD >= 5 && neckD <= 2000)) return false;
        if (!(neckL >= 10 && neckL <= 10000)) return false;
        if (!(dendR >= 20 && dendR <= 10000)) return false;
        if (!(current >= 0 && current <= 1000)) return false;
        if (!(neckD / 2 < headR) || !(neckD / 2 < dendR)) return false;
        double shortest = Math.Min(t.HeadLengthNm, Math.Min(neckL, t.DendriteLengthNm));
        if (t.CompartmentLengthNm > shortest * 2) return false;
        return (t.HeadLengthNm + neckL + t.DendriteLengthNm) / t.CompartmentLengthNm <= 2000;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Count(int which)
        => Interlocked.Increment(ref _counters[(Environment.CurrentManagedThreadId & (CounterSlots - 1)) * SlotWidth + which]);

    private long Sum(int which)
    {
        long s = 0;
        for (int k = 0; k < CounterSlots; k++) s += Interlocked.Read(ref _counters[k * SlotWidth + which]);
        return s;
    }
}
