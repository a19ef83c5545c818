using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace AgentSpines.Physics.Electrodiffusion.Surface;

/// <summary>
/// The four-lane query with the quantities as lanes: each query's corners loaded and transposed into one vector per
/// quantity and corner (the four queries as lanes), weighted lane by lane, so that the weights need no broadcasting
/// per query, and the answers stay in three vectors (peak, boost, charge) for the caller's arithmetic. (Until the tenth
/// pass the corners were AVX2 gathers; on an AMD EPYC without AVX-512 the loads and unpacks took about a fifth less
/// of the query's time: docs/electrodiffusion.md.) The same operations in the same order as
/// <see cref="TryInterpolate4At(Vector256{double}, Vector256{long}, Vector256{double}, Span{EpisodeResponse})"/>,
/// so the same numbers, bit for bit, and false in the same cases (tested).
/// </summary>
internal sealed partial class SurfacePlane
{
    /// <summary>Whether the quantities-as-lanes query runs here (AVX2; else the four-lane query answers, with a transpose per query).</summary>
    public static bool Gathers => Avx2.IsSupported;

    /// <summary>
    /// TryInterpolate4At with the answers as lanes: peak depolarisation, NMDA boost and NMDA charge of the four queries.
    /// Needs <see cref="Gathers"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public unsafe bool TryInterpolate4At(Vector256<double> volume, Vector256<long> offN, Vector256<double> tn,
        out Vector256<double> peak, out Vector256<double> boost, out Vector256<double> charge)
    {
        peak = boost = charge = default;
        if (!TryCellWeights4(volume, tn, out var offV, out var w00, out var w01, out var w10, out var w11)) return false;
        var o00 = offV + offN;
        var o01 = o00 + Vector256.Create((long)Lanes);
        var o10 = o00 + Vector256.Create((long)_volumeStride);
        var o11 = o10 + Vector256.Create((long)Lanes);
        // never: a cell starts one node before the end of its axis
        if (Vector256.LessThanAny(o00, Vector256<long>.Zero) || Vector256.GreaterThanAny(o11 + Vector256.Create((long)Lanes), Vector256.Create((long)_values.Length)))
            throw new IndexOutOfRangeException();
        // each query's corner c: its three values at o_c (the values lie on the pinned heap), loaded and transposed
        // into quantities as lanes (an AVX2 gather per quantity and corner cost more than these loads here)
        double* v = Address(_values);
        double* p0 = v + o00.GetElement(0), p1 = v + o00.GetElement(1), p2 = v + o00.GetElement(2), p3 = v + o00.GetElement(3);
        nint dv = _volumeStride;
        Corner(p0, p1, p2, p3, out var c00q0, out var c00q1, out var c00q2);
        Corner(p0 + Lanes, p1 + Lanes, p2 + Lanes, p3 + Lanes, out var c01q0, out var c01q1, out var c01q2);
        Corner(p0 + dv, p1 + dv, p2 + dv, p3 + dv, out var c10q0, out var c10q1, out var c10q2);
        Corner(p0 + dv + Lanes, p1 + dv + Lanes, p2 + dv + Lanes, p3 + dv + Lanes, out var c11q0, out var c11q1, out var c11q2);
        var q0 = w00 * c00q0 + w01 * c01q0 + w10 * c10q0 + w11 * c11q0;
        var q1 = w00 * c00q1 + w01 * c01q1 + w10 * c10q1 + w11 * c11q1;
        var q2 = w00 * c00q2 + w01 * c01q2 + w10 * c10q2 + w11 * c11q2;
        var sum = q0 + q1 + q2;
        if (!Vector256.EqualsAll(sum, sum)) return false; // a corner without a value (NaN): never guess
        var limit = Vector256.Create(700.0);
        if (!Vector256.LessThanAll(Vector256.Abs(q0), limit) || !Vector256.LessThanAll(Vector256.Abs(q1), limit) || !Vector256.LessThanAll(Vector256.Abs(q2), limit))
            return false;
        peak = ManagedMath.Exp(q0);
        boost = ManagedMath.Exp(q1);
        charge = ManagedMath.Exp(q2);
        return true;
    }

    /// <summary>
    /// The three values of a corner of four queries (at p0..p3, each padded to four doubles) as three vectors, one per
    /// quantity with the queries as lanes: two 128-bit loads per query and three unpacks.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Corner(double* p0, double* p1, double* p2, double* p3, out Vector256<double> q0, out Vector256<double> q1, out Vector256<double> q2)
    {
        var a = Vector256.Create(Vector128.Load(p0), Vector128.Load(p2)); // q0 q1 of queries 0 and 2
        var b = Vector256.Create(Vector128.Load(p1), Vector128.Load(p3)); // of queries 1 and 3
        q0 = Avx.UnpackLow(a, b);
        q1 = Avx.UnpackHigh(a, b);
        q2 = Avx.UnpackLow(Vector256.Create(Vector128.Load(p0 + 2), Vector128.Load(p2 + 2)), Vector256.Create(Vector128.Load(p1 + 2), Vector128.Load(p3 + 2)));
    }

    /// <summary>
    /// The located queries from i on, four at a time, while every group of four is interpolated: each group's answers
    /// (those of <see cref="TryInterpolate4At(Vector256{double}, Vector256{long}, Vector256{double}, out Vector256{double}, out Vector256{double}, out Vector256{double})"/>)
    /// stored as lanes and its flags set; returns the first query of the group that was not (a neck not located, cell
    /// &lt;= 0, or a query the four-lane form refuses: the caller takes it lane by lane) or of the last, partial group.
    /// One optimised loop instead of a call per group (the calls were not inlined and went through the JIT's tiers).
    /// Needs <see cref="Gathers"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int TryInterpolateRun4(ReadOnlySpan<double> volume, ReadOnlySpan<int> neckCell, ReadOnlySpan<double> neckT,
        Span<double> peak, Span<double> boost, Span<double> charge, Span<bool> ok, int i)
    {
        int n = volume.Length;
        if (neckCell.Length < n || neckT.Length < n || peak.Length < n || boost.Length < n || charge.Length < n || ok.Length < n)
            throw new ArgumentException($"{n} queries need as many neck cells, fractions, answers and flags");
        var one = Vector128<int>.One;
        ref double v0 = ref MemoryMarshal.GetReference(volume);
        ref int c0 = ref MemoryMarshal.GetReference(neckCell);
        ref double t0 = ref MemoryMarshal.GetReference(neckT);
        ref double p0 = ref MemoryMarshal.GetReference(peak);
        ref double b0 = ref MemoryMarshal.GetReference(boost);
        ref double q0 = ref MemoryMarshal.GetReference(charge);
        ref bool ok0 = ref MemoryMarshal.GetReference(ok);
        for (; i >= 0 && i + 4 <= n; i += 4) // every span holds n entries (checked above): read and written unchecked
        {
            var cells = Vector128.LoadUnsafe(ref c0, (nuint)i);
            if (!Vector128.GreaterThanOrEqualAll(cells, one)
                || !TryInterpolate4At(Vector256.LoadUnsafe(ref v0, (nuint)i), Vector256.WidenLower(Vector256.Create(cells - one, default)),
                    Vector256.LoadUnsafe(ref t0, (nuint)i), out var p, out var b, out var c))
                break;
            p.StoreUnsafe(ref p0, (nuint)i);
            b.StoreUnsafe(ref b0, (nuint)i);
            c.StoreUnsafe(ref q0, (nuint)i);
            Unsafe.WriteUnaligned(ref Unsafe.As<bool, byte>(ref Unsafe.Add(ref ok0, i)), 0x01010101u); // four times true
        }
        return i;
    }
}
