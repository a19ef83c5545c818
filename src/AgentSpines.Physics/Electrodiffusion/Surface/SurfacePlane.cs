using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace AgentSpines.Physics.Electrodiffusion.Surface;

/// <summary>
/// The query of a surface whose only axes with more than one node are head volume and neck length (a population
/// run: neck diameter, current and dendrite radius are constants of the run), laid out for that case: the three log
/// quantities of a node padded to four doubles (one 256-bit load per corner), one table entry per fine cell holding
/// the interval's node, inverse width and offset (one load instead of three dependent ones), the corners weighted
/// and the three exponentials taken lane-wise. Every operation is the one <see cref="EpisodeResponseSurface"/>'s
/// general interpolation performs, in the same order, so the answers are bit for bit the same (tested).
/// </summary>
internal sealed class SurfacePlane
{
    private const int Lanes = 4;
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
        var padded = new double[nv * nl * Lanes];
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
        return new Axis { Lo = lo, Hi = hi, FineInv = fineInv, Fine = fine, Cells = cells };
    }

    /// <summary>Interpolated response; false outside the grid, off a fixed axis's value, or in a cell without values.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryInterpolate(double volume, double neck, double d, double current, double radius, out EpisodeResponse response)
    {
        response = default;
        if (!(Math.Abs(d - _d) <= 1e-9 * _d) || !(Math.Abs(current - _current) <= 1e-9 * _current) || !(Math.Abs(radius - _radius) <= 1e-9 * _radius))
            return false;
        if (!Locate(_volume, volume, out var cv, out double tv) || !Locate(_neck, neck, out var cn, out double tn)) return false;
        double w00 = (1 - tv) * (1 - tn), w01 = (1 - tv) * tn, w10 = tv * (1 - tn), w11 = tv * tn;
        ref double v = ref MemoryMarshal.GetArrayDataReference(_values);
        nuint o = (nuint)(cv.Offset + cn.Offset), dv = (nuint)_volumeStride;
        if (o + dv + 2 * Lanes > (nuint)_values.Length) throw new IndexOutOfRangeException(); // never: the last cell starts one node before the end
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
