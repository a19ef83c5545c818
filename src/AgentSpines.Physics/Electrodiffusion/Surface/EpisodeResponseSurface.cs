using System.Runtime.CompilerServices;
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
    private const double RangeSlack = 1e-12;

    private readonly double[][] _nodes;      // per axis, log coordinate of each node (one node: a fixed axis)
    private readonly double[] _values;       // log quantities, C order over the axes, Q per node; NaN = no value
    private readonly int[] _active;          // axes with more than one node
    private readonly int[] _stride;          // node stride of each axis in _values / Q
    private readonly int[][] _lookup;        // per axis: fine cell -> interval index
    private readonly double[][] _invWidth;   // per axis: 1 / interval width (log)
    private readonly double[] _fineInv;      // per axis: fine cells per log unit
    private readonly int[] _fineCount;
    private readonly FastEpisodeModel _exact;
    private readonly long[] _counters = new long[CounterSlots * SlotWidth];
    private const int CounterSlots = 16, SlotWidth = 8; // one cache line per slot: threads do not share a counter line

    public EpisodeSurfaceSpec Spec { get; }
    public string Key { get; }
    /// <summary>Largest relative error against the fast solver at the verification points (measured at build).</summary>
    public double VerifiedMaxRelError { get; }
    public int VerifiedPoints { get; }
    /// <summary>CPU-independent wall time the build took (s); 0 for surfaces that were never built in this format.</summary>
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
    }

    public IReadOnlyList<double> NodesOf(SurfaceAxis axis) => Array.ConvertAll(_nodes[(int)axis], Math.Exp);
    internal double[][] LogNodes => _nodes;
    internal double[] LogValues => _values;
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
    public bool TryQuery(double headVolume_um3, double neckLength_nm, double neckDiameter_nm, out EpisodeResponse response)
    {
        Span<double> x = stackalloc double[Axes];
        x[0] = headVolume_um3; x[1] = neckLength_nm; x[2] = neckDiameter_nm;
        x[3] = Spec.Current_pA.Min; x[4] = Spec.DendriteRadius_nm.Min;
        return TryQuery(x, out response);
    }

    /// <summary>Response at a point given in natural units, <see cref="SurfaceAxis"/> order.</summary>
    public bool TryQuery(ReadOnlySpan<double> x, out EpisodeResponse response)
    {
        Count(0);
        if (TryInterpolate(x, out response)) return true;
        if (!IsValidShape(Spec, x)) { Count(2); response = default; return false; }
        Count(1);
        response = Exact(x);
        return true;
    }

    /// <summary>Interpolated response, or false if the point is outside the grid or in a cell without values.</summary>
    public bool TryInterpolate(ReadOnlySpan<double> x, out EpisodeResponse response)
    {
        response = default;
        Span<int> idx = stackalloc int[Axes];
        Span<double> t = stackalloc double[Axes];
        int baseNode = 0;
        for (int a = 0; a < Axes; a++)
        {
            var n = _nodes[a];
            double lx = Math.Log(x[a]);
            if (n.Length == 1)
            {
                if (!(Math.Abs(lx - n[0]) <= 1e-9)) return false;
                continue;
            }
            double lo = n[0], hi = n[^1];
            if (!(lx >= lo - RangeSlack && lx <= hi + RangeSlack)) return false; // also rejects NaN
            int c = (int)((lx - lo) * _fineInv[a]);
            if (c >= _fineCount[a]) c = _fineCount[a] - 1;
            else if (c < 0) c = 0;
            int i = _lookup[a][c];
            double f = (lx - n[i]) * _invWidth[a][i];
            idx[a] = i;
            t[a] = f < 0 ? 0 : f > 1 ? 1 : f;
            baseNode += i * _stride[a];
        }
        double s0 = 0, s1 = 0, s2 = 0;
        int A = _active.Length, corners = 1 << A;
        var v = _values;
        for (int m = 0; m < corners; m++)
        {
            double w = 1;
            int node = baseNode;
            for (int j = 0; j < A; j++)
            {
                int a = _active[j];
                if (((m >> j) & 1) != 0) { w *= t[a]; node += _stride[a]; }
                else w *= 1 - t[a];
            }
            int o = node * Q;
            s0 += w * v[o];
            s1 += w * v[o + 1];
            s2 += w * v[o + 2];
        }
        if (double.IsNaN(s0 + s1 + s2)) return false; // a corner without a value: never guess
        response = new EpisodeResponse(Math.Exp(s0), Math.Exp(s1), Math.Exp(s2));
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
        double headR = Math.Sqrt(v * 1e9 / (Math.PI * t.HeadLength_nm));
        if (!(headR >= 10 && headR <= 5000)) return false;
        if (!(neckD >= 5 && neckD <= 2000)) return false;
        if (!(neckL >= 10 && neckL <= 10000)) return false;
        if (!(dendR >= 20 && dendR <= 10000)) return false;
        if (!(current >= 0 && current <= 1000)) return false;
        if (!(neckD / 2 < headR) || !(neckD / 2 < dendR)) return false;
        double shortest = Math.Min(t.HeadLength_nm, Math.Min(neckL, t.DendriteLength_nm));
        if (t.CompartmentLength_nm > shortest * 2) return false;
        return (t.HeadLength_nm + neckL + t.DendriteLength_nm) / t.CompartmentLength_nm <= 2000;
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
