using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace AgentSpines.Physics.Electrodiffusion.Surface;

/// <summary>
/// The gathered query eight at a time with 512-bit arithmetic (where accelerated): the cell lookup and the weights of
/// eight queries in one pass instead of two (each lane's numbers are the four-lane query's operations in its order),
/// the tables' entries and the corners gathered four lanes at a time (the processor's widest gathers here).
/// The same numbers, bit for bit, and false in the same cases as two four-lane queries (tested).
/// </summary>
internal sealed partial class SurfacePlane
{
    /// <summary>Whether the eight-lane query runs here.</summary>
    public static bool GathersEight => Gathers && ManagedMath.EightLanes;

    /// <summary>
    /// <see cref="TryInterpolate4At(Vector256{double}, Vector256{long}, Vector256{double}, out Vector256{double}, out Vector256{double}, out Vector256{double})"/>
    /// for eight located queries: false (nothing meaningful in the answers) when any of them is not interpolated.
    /// Needs <see cref="GathersEight"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public unsafe bool TryInterpolate8At(Vector512<double> volume, Vector512<long> offN, Vector512<double> tn,
        out Vector512<double> peak, out Vector512<double> boost, out Vector512<double> charge)
    {
        peak = boost = charge = default;
        if (!Vector512.GreaterThanOrEqualAll(volume, Vector512.Create(_volume.Min)) || !Vector512.LessThanOrEqualAll(volume, Vector512.Create(_volume.Max)))
            return false; // also NaN
        LocateVolumes8(_volume, volume, out var offV, out var tv);
        var one = Vector512.Create(1.0);
        var w00 = (one - tv) * (one - tn);
        var w01 = (one - tv) * tn;
        var w10 = tv * (one - tn);
        var w11 = tv * tn;
        var o00 = offV + offN;
        var o01 = o00 + Vector512.Create((long)Lanes);
        var o10 = o00 + Vector512.Create((long)_volumeStride);
        var o11 = o10 + Vector512.Create((long)Lanes);
        // never: a cell starts one node before the end of its axis
        if (Vector512.LessThanAny(o00, Vector512<long>.Zero) || Vector512.GreaterThanAny(o11 + Vector512.Create((long)Lanes), Vector512.Create((long)_values.Length)))
            throw new IndexOutOfRangeException();
        Vector512<double> q0, q1, q2;
        fixed (double* v = _values)
        {
            // quantity q of corner c of the eight queries: values[o_c + q]
            q0 = w00 * Gather(v, o00) + w01 * Gather(v, o01) + w10 * Gather(v, o10) + w11 * Gather(v, o11);
            q1 = w00 * Gather(v + 1, o00) + w01 * Gather(v + 1, o01) + w10 * Gather(v + 1, o10) + w11 * Gather(v + 1, o11);
            q2 = w00 * Gather(v + 2, o00) + w01 * Gather(v + 2, o01) + w10 * Gather(v + 2, o10) + w11 * Gather(v + 2, o11);
        }
        var sum = q0 + q1 + q2;
        if (!Vector512.EqualsAll(sum, sum)) return false; // a corner without a value (NaN): never guess
        (peak, boost, charge) = (q0, q1, q2);
        return true;
    }

    /// <summary>Eight doubles at base[index] (two four-lane gathers).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe Vector512<double> Gather(double* at, Vector512<long> index)
        => Vector512.Create(Avx2.GatherVector256(at, index.GetLower(), 8), Avx2.GatherVector256(at, index.GetUpper(), 8));

    /// <summary>The cells (table offsets) and fractions of eight volumes inside the axis, as <see cref="LocateVolume"/> finds them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void LocateVolumes8(VolumeAxis axis, Vector512<double> volume, out Vector512<long> offset, out Vector512<double> t)
    {
        var c = Vector512.ShiftRightLogical(volume.AsInt64(), axis.Shift) - Vector512.Create(axis.FirstBucket);
        c = Vector512.Min(Vector512.Max(c, Vector512<long>.Zero), Vector512.Create((long)axis.Count - 1));
        Vector512<double> node, invWidth;
        fixed (double* n = axis.Nodes, w = axis.InvWidths)
        fixed (long* o = axis.Offsets)
        {
            node = Gather(n, c);
            invWidth = Gather(w, c);
            offset = Vector512.Create(Avx2.GatherVector256(o, c.GetLower(), 8), Avx2.GatherVector256(o, c.GetUpper(), 8));
        }
        var f = (volume - node) * invWidth;
        var zero = Vector512<double>.Zero;
        var one = Vector512.Create(1.0);
        t = Vector512.ConditionalSelect(Vector512.LessThan(f, zero), zero, Vector512.ConditionalSelect(Vector512.GreaterThan(f, one), one, f));
    }
}
