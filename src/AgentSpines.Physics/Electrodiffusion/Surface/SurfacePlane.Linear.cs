using System.Runtime.Intrinsics;

namespace AgentSpines.Physics.Electrodiffusion.Surface;

/// <summary>
/// How the plane's table is made from a surface: the surface interpolates the logarithms of the quantities bilinearly
/// in the logarithms of head volume and neck length; the table holds that interpolation's values (exponentiated) on a
/// finer grid, linear in head volume, and a cell is kept when, at 25 points inside it, it stays within
/// <see cref="DeviationLimit"/> of the surface's own interpolation. Grids are tried from the smallest table up (volume
/// nodes per factor of two 16-128, each neck interval split in 1-8) and the first that keeps all but at most 1 % of its
/// cells is taken. Where the surface bends too sharply (a threshold, e.g. the NMDA spike at a strong current) the cells
/// that stray are deferred: their corners have no values, so their queries go to the general interpolation
/// (EpisodeResponseSurface.TryInterpolate), slower and as accurate. When every grid would defer more there is no plane
/// and the general interpolation answers everything.
/// </summary>
internal sealed partial class SurfacePlane
{
    /// <summary>
    /// Largest relative difference allowed between the table and the surface's interpolation (a tenth of the surface's
    /// own build tolerance by default, so the answers stay within the 1 % the surface is verified to).
    /// </summary>
    internal const double DeviationLimit = 1e-3;

    /// <summary>Largest table tried (nodes; 32 bytes each): 2^20, 32 MB.</summary>
    private const long MaxTableNodes = 1 << 20;

    /// <summary>A table that defers more of its cells than this fraction to the general interpolation is not used.</summary>
    private const double MaxDeferredFraction = 0.01;

    private static readonly (int Bits, int Split)[] Grids = MakeGrids();

    private static (int, int)[] MakeGrids()
    {
        var grids = new List<(int, int)>();
        for (int bits = 4; bits <= 7; bits++)
            foreach (int split in new[] { 1, 2, 4, 8 }) grids.Add((bits, split));
        return grids.OrderBy(g => (1 << g.Item1) * g.Item2).ThenBy(g => g.Item2).ToArray(); // the smallest table first
    }

    /// <summary>The plane of a surface, or null when other axes than head volume and neck length vary (or no grid is close enough).</summary>
    internal static SurfacePlane? For(double[][] nodes, double[] values, int[] lookupFine, double[] fixedValue)
    {
        if (nodes[0].Length < 2 || nodes[1].Length < 2) return null;
        for (int a = 2; a < nodes.Length; a++) if (nodes[a].Length != 1) return null;
        var surface = new LogPlane(nodes[0], nodes[1], values, lookupFine[0], lookupFine[1]);
        foreach (var (bits, split) in Grids)
        {
            var plane = Make(surface, bits, split, lookupFine[1], fixedValue);
            if (plane != null) return plane;
        }
        return null;
    }

    /// <summary>
    /// The table on one grid, its cells that stray from the surface by more than the limit deferred; null when the grid
    /// is too large or would defer more than <see cref="MaxDeferredFraction"/> of its cells.
    /// </summary>
    private static SurfacePlane? Make(LogPlane surface, int bits, int split, int neckFine, double[] fixedValue)
    {
        // the neck nodes: each surface interval in `split` equal parts of the logarithm (the fine cells split as often,
        // so that every node stays on a fine cell's edge)
        var ln = surface.Neck.LogNodes;
        var neckNodes = new double[(ln.Length - 1) * split + 1];
        for (int i = 0; i < ln.Length - 1; i++)
            for (int k = 0; k < split; k++) neckNodes[i * split + k] = ln[i] + (ln[i + 1] - ln[i]) * k / split;
        neckNodes[^1] = ln[^1];
        var neck = MakeAxis(neckNodes, neckFine * split, Lanes);
        var volume = MakeVolumeAxis(surface.Volume.Lo, surface.Volume.Hi, bits, neckNodes.Length * Lanes);
        int nv = volume.Count + 1, nl = neckNodes.Length, stride = nl * Lanes;
        if ((long)nv * nl > MaxTableNodes) return null;
        int giveUpAt = (int)(MaxDeferredFraction * volume.Count * (nl - 1)) + 1;
        var table = GC.AllocateArray<double>(nv * nl * Lanes, pinned: true); // pinned: the four-lane query reads it by address
        for (int i = 0; i < nv; i++)
        {
            double lv = i == 0 ? surface.Volume.Lo : i == nv - 1 ? surface.Volume.Hi : Math.Log(volume.Nodes[i]); // the ends: the surface's own
            for (int j = 0; j < nl; j++)
            {
                var q = surface.At(lv, neckNodes[j]);
                for (int k = 0; k < Lanes; k++) table[i * stride + j * Lanes + k] = q[k];
            }
        }
        // every cell compared with the surface inside it; a cell where the surface has no value somewhere (a cell of the
        // surface without values overlaps it) gets none either, its corners' values removed (never guess), and so does a
        // cell that strays by more than the limit (deferred: the general interpolation answers there)
        double worst = 0;
        int deferred = 0;
        var poison = new List<int>();
        double[] ts = [0.125, 0.375, 0.5, 0.625, 0.875];
        for (int i = 0; i < volume.Count; i++)
        {
            double v0 = volume.Nodes[i], v1 = i + 1 < volume.Count ? volume.Nodes[i + 1] : Math.Exp(surface.Volume.Hi);
            for (int j = 0; j < nl - 1; j++)
            {
                int o = i * stride + j * Lanes;
                bool cornersKnown = !double.IsNaN(table[o] + table[o + Lanes] + table[o + stride] + table[o + stride + Lanes]);
                bool surfaceKnown = true;
                double cellWorst = 0;
                foreach (double tv in ts)
                {
                    double lv = Math.Log(v0 + tv * (v1 - v0));
                    foreach (double tn in ts)
                    {
                        var exact = surface.At(lv, neckNodes[j] + tn * (neckNodes[j + 1] - neckNodes[j]));
                        if (double.IsNaN(exact[0] + exact[1] + exact[2])) { surfaceKnown = false; continue; }
                        if (!cornersKnown) continue;
                        double w00 = (1 - tv) * (1 - tn), w01 = (1 - tv) * tn, w10 = tv * (1 - tn), w11 = tv * tn;
                        for (int q = 0; q < EpisodeResponse.QuantityCount; q++)
                        {
                            double lin = w00 * table[o + q] + w01 * table[o + Lanes + q] + w10 * table[o + stride + q] + w11 * table[o + stride + Lanes + q];
                            cellWorst = Math.Max(cellWorst, Math.Abs(lin / exact[q] - 1));
                        }
                    }
                }
                if (cellWorst > DeviationLimit)
                {
                    if (++deferred >= giveUpAt) return null;
                    poison.Add(o);
                    continue;
                }
                worst = Math.Max(worst, cellWorst);
                if (!surfaceKnown && cornersKnown) poison.Add(o);
            }
        }
        foreach (int o in poison)
            foreach (int c in new[] { o, o + Lanes, o + stride, o + stride + Lanes })
                for (int q = 0; q < EpisodeResponse.QuantityCount; q++) table[c + q] = double.NaN;
        return new SurfacePlane(volume, neck, table, stride, fixedValue[2], fixedValue[3], fixedValue[4], worst, (1 << bits, split), deferred);
    }

    /// <summary>
    /// The volume axis from e^lo to e^hi with 2^bits nodes per factor of two: the doubles whose low 52 - bits bits are
    /// zero, and the two ends (each cell's table offset a multiple of stride).
    /// </summary>
    private static VolumeAxis MakeVolumeAxis(double lo, double hi, int bits, int stride)
    {
        double min = Math.Exp(lo), max = Math.Exp(hi);
        int shift = 52 - bits;
        long first = BitConverter.DoubleToInt64Bits(min) >> shift;
        // the cell of the largest double below max is the last (max itself on a cell's edge ends the one before)
        long last = BitConverter.DoubleToInt64Bits(Math.BitDecrement(max)) >> shift;
        int count = checked((int)(last - first + 1));
        var nodes = new double[count];
        var inv = new double[count];
        var offsets = new long[count];
        for (int c = 0; c < count; c++)
        {
            nodes[c] = c == 0 ? min : BitConverter.Int64BitsToDouble((first + c) << shift);
            double next = c == count - 1 ? max : BitConverter.Int64BitsToDouble((first + c + 1) << shift);
            inv[c] = 1.0 / (next - nodes[c]);
            offsets[c] = (long)c * stride;
        }
        return new VolumeAxis
        {
            Shift = shift, Count = count, FirstBucket = first,
            // the surface's slack on its logarithmic range, here on the volume itself
            Min = Math.Exp(lo - EpisodeResponseSurface.RangeSlack), Max = Math.Exp(hi + EpisodeResponseSurface.RangeSlack),
            Nodes = nodes, InvWidths = inv, Offsets = offsets,
            Pairs = Pinned(nodes.Zip(inv).SelectMany(p => new[] { p.First, p.Second }).ToArray()),
            Offsets32 = Pinned(offsets.Select(o => (int)o).ToArray()),
        };
    }

    /// <summary>
    /// The surface's own interpolation on the (log volume, log neck) plane: the log quantities bilinear in the log
    /// coordinates, exponentiated (NaN for all three where a corner has no value or the point is off the grid).
    /// </summary>
    private sealed class LogPlane(double[] volumeNodes, double[] neckNodes, double[] values, int volumeFine, int neckFine)
    {
        public Axis Volume { get; } = MakeAxis(volumeNodes, volumeFine, neckNodes.Length * EpisodeResponse.QuantityCount);
        public Axis Neck { get; } = MakeAxis(neckNodes, neckFine, EpisodeResponse.QuantityCount);

        public double[] At(double lv, double ln)
        {
            var none = new[] { double.NaN, double.NaN, double.NaN, 0 };
            if (!LocateLog(Volume, Math.Clamp(lv, Volume.Lo, Volume.Hi), out var cv, out double tv) || !LocateLog(Neck, Math.Clamp(ln, Neck.Lo, Neck.Hi), out var cn, out double tn))
                return none;
            int o = cv.Offset + cn.Offset, dv = neckNodes.Length * EpisodeResponse.QuantityCount, dn = EpisodeResponse.QuantityCount;
            var r = new double[Lanes];
            for (int q = 0; q < EpisodeResponse.QuantityCount; q++)
            {
                double s = (1 - tv) * (1 - tn) * values[o + q] + (1 - tv) * tn * values[o + dn + q] + tv * (1 - tn) * values[o + dv + q] + tv * tn * values[o + dv + dn + q];
                if (double.IsNaN(s) || !(Math.Abs(s) < 700)) return none;
                r[q] = Math.Exp(s);
            }
            return r;
        }
    }
}
