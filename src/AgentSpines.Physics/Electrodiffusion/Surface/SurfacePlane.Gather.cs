using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace AgentSpines.Physics.Electrodiffusion.Surface;

/// <summary>
/// The four-lane query with the quantities as lanes: each query's corners loaded and transposed into one vector per
/// quantity and corner (the four queries as lanes), weighted lane by lane, so that the weights need no broadcasting
/// per query, and the answers stay in three vectors (peak, boost, charge) for the caller's arithmetic (no exponential:
/// the table holds the quantities themselves). (Until the tenth
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
    public bool TryInterpolate4At(Vector256<double> volume, Vector256<long> offN, Vector256<double> tn,
        out Vector256<double> peak, out Vector256<double> boost, out Vector256<double> charge)
        => TryInterpolate4At(volume, (nint)offN.GetElement(0), (nint)offN.GetElement(1), (nint)offN.GetElement(2), (nint)offN.GetElement(3), tn,
            out peak, out boost, out charge);

    /// <summary>
    /// The same with the four necks' offsets as scalars: each query's corner address is its volume cell's offset plus its
    /// neck's, added in general registers (until the thirteenth pass both were lanes of a vector, put together from
    /// scalars and taken apart again for the addresses).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private unsafe bool TryInterpolate4At(Vector256<double> volume, nint n0, nint n1, nint n2, nint n3, Vector256<double> tn,
        out Vector256<double> peak, out Vector256<double> boost, out Vector256<double> charge)
    {
        peak = boost = charge = default;
        if (!TryVolumeCells4(_volume, volume, out var cells)) return false; // also NaN
        int c0 = cells.ToScalar(), c1 = cells.GetElement(1), c2 = cells.GetElement(2), c3 = cells.GetElement(3);
        var tv = VolumeFractions4(_volume, volume, c0, c1, c2, c3);
        var one = Vector256.Create(1.0);
        var w00 = (one - tv) * (one - tn);
        var w01 = (one - tv) * tn;
        var w10 = tv * (one - tn);
        var w11 = tv * tn;
        int* offsets = Address(_volume.Offsets32);
        nint o0 = offsets[c0] + n0, o1 = offsets[c1] + n1, o2 = offsets[c2] + n2, o3 = offsets[c3] + n3;
        // never: a cell starts one node before the end of its axis (o < 0 or o + dv + 2 Lanes > length: the last corner's end)
        nuint limit = (nuint)(_values.Length - _volumeStride - 2 * Lanes);
        if ((nuint)o0 > limit || (nuint)o1 > limit || (nuint)o2 > limit || (nuint)o3 > limit) throw new IndexOutOfRangeException();
        double* v = Address(_values);
        Weighted4(v + o0, v + o1, v + o2, v + o3, _volumeStride, w00, w01, w10, w11, out peak, out boost, out charge);
        var sum = peak + boost + charge;
        return Vector256.EqualsAll(sum, sum); // false: a corner without a value (NaN): never guess
    }

    /// <summary>
    /// The three quantities of four queries (their cells' first corners at p0..p3, the next volume node dv further) as
    /// lanes: each corner's values loaded and transposed into quantities as lanes (an AVX2 gather per quantity and
    /// corner cost more than these loads here), weighted and summed in the scalar query's order.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Weighted4(double* p0, double* p1, double* p2, double* p3, nint dv,
        Vector256<double> w00, Vector256<double> w01, Vector256<double> w10, Vector256<double> w11,
        out Vector256<double> q0, out Vector256<double> q1, out Vector256<double> q2)
    {
        // (the next neck node at a constant displacement, the next volume node by moving the four addresses on: fewer
        // registers than eight addresses, which the JIT had kept on the stack)
        Corner(p0, p1, p2, p3, 0, out var c00q0, out var c00q1, out var c00q2);
        Corner(p0, p1, p2, p3, Lanes, out var c01q0, out var c01q1, out var c01q2);
        p0 += dv;
        p1 += dv;
        p2 += dv;
        p3 += dv;
        Corner(p0, p1, p2, p3, 0, out var c10q0, out var c10q1, out var c10q2);
        Corner(p0, p1, p2, p3, Lanes, out var c11q0, out var c11q1, out var c11q2);
        q0 = w00 * c00q0 + w01 * c01q0 + w10 * c10q0 + w11 * c11q0;
        q1 = w00 * c00q1 + w01 * c01q1 + w10 * c10q1 + w11 * c11q1;
        q2 = w00 * c00q2 + w01 * c01q2 + w10 * c10q2 + w11 * c11q2;
    }

    /// <summary>
    /// The three values of a corner of four queries (at p0..p3 + at, each padded to four doubles) as three vectors, one per
    /// quantity with the queries as lanes: two 128-bit loads per query and three unpacks.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Corner(double* p0, double* p1, double* p2, double* p3, int at, out Vector256<double> q0, out Vector256<double> q1, out Vector256<double> q2)
    {
        var a = Vector256.Create(Vector128.Load(p0 + at), Vector128.Load(p2 + at)); // q0 q1 of queries 0 and 2
        var b = Vector256.Create(Vector128.Load(p1 + at), Vector128.Load(p3 + at)); // of queries 1 and 3
        q0 = Avx.UnpackLow(a, b);
        q1 = Avx.UnpackHigh(a, b);
        q2 = Avx.UnpackLow(Vector256.Create(Vector128.Load(p0 + at + 2), Vector128.Load(p2 + at + 2)), Vector256.Create(Vector128.Load(p1 + at + 2), Vector128.Load(p3 + at + 2)));
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
            // the necks' offsets (cell - 1) read again as scalars: they only make the corners' addresses
            ref int ci = ref Unsafe.Add(ref c0, i);
            if (!Vector128.GreaterThanOrEqualAll(cells, one)
                || !TryInterpolate4At(Vector256.LoadUnsafe(ref v0, (nuint)i), ci - 1, Unsafe.Add(ref ci, 1) - 1, Unsafe.Add(ref ci, 2) - 1, Unsafe.Add(ref ci, 3) - 1,
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
