using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace AgentSpines.Core.Random;

/// <summary>
/// Standard normal deviates by inversion: z = Phi^-1(u), with Acklam's rational approximation of the normal quantile
/// (relative error below 1.2e-9 over (0, 1), far under what 32-bit uniforms resolve). One 32-bit word gives one deviate,
/// and 95% of words take only the central rational function (no log, sqrt or sincos): the population step draws two
/// normals per spine and step, and Box-Muller's log + sincos was the largest part of its arithmetic.
/// </summary>
public static class NormalQuantile
{
    // central region |p - 1/2| <= 1/2 - PLow: x = q A(q^2) / B(q^2)
    private const double A0 = -3.969683028665376e+01, A1 = 2.209460984245205e+02, A2 = -2.759285104469687e+02,
        A3 = 1.383577518672690e+02, A4 = -3.066479806614716e+01, A5 = 2.506628277459239e+00;
    private const double B0 = -5.447609879822406e+01, B1 = 1.615858368580409e+02, B2 = -1.556989798598866e+02,
        B3 = 6.680131188771972e+01, B4 = -1.328068155288572e+01;
    // tails: with t = sqrt(-2 ln p), x = C(t) / D(t) for the lower tail
    private const double C0 = -7.784894002430293e-03, C1 = -3.223964580411365e-01, C2 = -2.400758277161838e+00,
        C3 = -2.549732539343734e+00, C4 = 4.374664141464968e+00, C5 = 2.938163982698783e+00;
    private const double D0 = 7.784695709041462e-03, D1 = 3.224671290700398e-01, D2 = 2.445134137142996e+00,
        D3 = 3.754408661907416e+00;
    private const double PLow = 0.02425;
    private const double WordScale = 1.0 / 4294967296.0;

    /// <summary>Phi^-1(p) for p in (0, 1); -inf at 0, +inf at 1, NaN outside.</summary>
    public static double Of(double p)
    {
        if (!(p >= 0 && p <= 1)) return double.NaN;
        if (p == 0) return double.NegativeInfinity;
        if (p == 1) return double.PositiveInfinity;
        double q = p - 0.5;
        if (Math.Abs(q) <= 0.5 - PLow) return Central(q);
        return q < 0 ? LowerTail(p) : -LowerTail(1 - p);
    }

    /// <summary>
    /// The deviate of one 32-bit word: Phi^-1((w + 1/2) / 2^32). Symmetric to the bit: FromWord(~w) = -FromWord(w),
    /// because 1 - (w + 1/2)/2^32 = (~w + 1/2)/2^32 exactly. |z| &lt;= 6.2.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double FromWord(uint w)
    {
        double q = (w + 0.5) * WordScale - 0.5; // exact: w + 1/2 has at most 33 significant bits
        if (Math.Abs(q) <= 0.5 - PLow) return Central(q);
        return TailFromWord(w);
    }

    /// <summary>
    /// The deviates of two consecutive words of each of many records of stride words (words first and first + 1 of
    /// record i into z[2i], z[2i + 1]): four at a time with 256-bit vectors, bit for bit what <see cref="FromWord"/> gives
    /// (the same operations in the same order, no fused multiply-add). The tail words (about 5 %) are noted without a
    /// branch and done four at a time after the central ones (Tails): a branch on them was mispredicted at about one
    /// group in five, and the square root and divisions of one tail at a time waited for each other.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void FromWordPairs(ReadOnlySpan<uint> words, int stride, int first, Span<double> z)
    {
        int n = z.Length / 2;
        if (n > 0 && stride * (n - 1) + first + 1 >= words.Length) throw new ArgumentException($"{words.Length} words hold fewer than {n} records of {stride}", nameof(words));
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var half = Vector256.Create(0.5);
            var edge = Vector256.Create(0.5 - PLow);
            // the places in z of tail words not done yet
            Span<int> tailAt = stackalloc int[TailBuffer];
            int pending = 0;
            for (; i + 2 <= n; i += 2)
            {
                int a = stride * i + first, b = a + stride;
                var w = Words4(words, a, b);
                var q = (w + half) * Vector256.Create(WordScale) - half;
                var r = q * q;
                var num = (((((Vector256.Create(A0) * r + Vector256.Create(A1)) * r + Vector256.Create(A2)) * r + Vector256.Create(A3)) * r
                    + Vector256.Create(A4)) * r + Vector256.Create(A5)) * q;
                var den = ((((Vector256.Create(B0) * r + Vector256.Create(B1)) * r + Vector256.Create(B2)) * r + Vector256.Create(B3)) * r
                    + Vector256.Create(B4)) * r + Vector256.Create(1.0);
                var out4 = z.Slice(2 * i, 4);
                (num / den).CopyTo(out4);
                uint tails = Vector256.GreaterThan(Vector256.Abs(q), edge).ExtractMostSignificantBits();
                int at = 2 * i;
                tailAt[pending] = at;
                pending += (int)(tails & 1);
                tailAt[pending] = at + 1;
                pending += (int)((tails >> 1) & 1);
                tailAt[pending] = at + 2;
                pending += (int)((tails >> 2) & 1);
                tailAt[pending] = at + 3;
                pending += (int)(tails >> 3);
                if (pending > TailBuffer - 4) pending = Tails(words, stride, first, z, tailAt, pending, all: false);
            }
            Tails(words, stride, first, z, tailAt, pending, all: true);
        }
        for (; i < n; i++)
        {
            z[2 * i] = FromWord(words[stride * i + first]);
            z[2 * i + 1] = FromWord(words[stride * i + first + 1]);
        }
    }

    /// <summary>
    /// words[a], words[a + 1], words[b], words[b + 1] as doubles (exact): two 64-bit loads and one vector conversion where
    /// AVX has it (a word w is (int)(w ^ 2^31) + 2^31, both exact in a double), instead of four scalar conversions and
    /// inserts. The caller checked that b + 1 lies inside words.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Words4(ReadOnlySpan<uint> words, int a, int b)
    {
        if (!Avx.IsSupported) return Vector256.Create((double)words[a], words[a + 1], words[b], words[b + 1]);
        ref byte w0 = ref Unsafe.As<uint, byte>(ref MemoryMarshal.GetReference(words));
        var pair = Vector128.Create(Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref w0, 4 * a)), Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref w0, 4 * b)));
        var signed = pair.AsInt32() ^ Vector128.Create(int.MinValue);
        return Avx.ConvertToVector256Double(signed) + Vector256.Create(2147483648.0);
    }

    private const int TailBuffer = 64;

    /// <summary>
    /// The tail deviates of FromWordPairs at z[tailAt[j]] (word stride * (at / 2) + first + at % 2), four at a time:
    /// Math.Log one by one, then LowerTail's square root and rational function in four lanes (the same operations in
    /// the same order, so the same bits); the last fewer than four one by one when all, else left at the front of tailAt
    /// (returns how many are left).
    /// </summary>
    private static int Tails(ReadOnlySpan<uint> words, int stride, int first, Span<double> z, Span<int> tailAt, int count, bool all)
    {
        int j = 0;
        for (; j + 4 <= count; j += 4)
        {
            int at0 = tailAt[j], at1 = tailAt[j + 1], at2 = tailAt[j + 2], at3 = tailAt[j + 3];
            uint w0 = words[stride * (at0 >> 1) + first + (at0 & 1)], w1 = words[stride * (at1 >> 1) + first + (at1 & 1)];
            uint w2 = words[stride * (at2 >> 1) + first + (at2 & 1)], w3 = words[stride * (at3 >> 1) + first + (at3 & 1)];
            var log = Vector256.Create(Math.Log(TailP(w0)), Math.Log(TailP(w1)), Math.Log(TailP(w2)), Math.Log(TailP(w3)));
            var t = Vector256.Sqrt(Vector256.Create(-2.0) * log);
            var x = (((((Vector256.Create(C0) * t + Vector256.Create(C1)) * t + Vector256.Create(C2)) * t + Vector256.Create(C3)) * t
                      + Vector256.Create(C4)) * t + Vector256.Create(C5))
                    / ((((Vector256.Create(D0) * t + Vector256.Create(D1)) * t + Vector256.Create(D2)) * t + Vector256.Create(D3)) * t + Vector256.Create(1.0));
            // the upper tail is the lower one's negative (TailFromWord)
            z[at0] = w0 < 0x80000000u ? x.GetElement(0) : -x.GetElement(0);
            z[at1] = w1 < 0x80000000u ? x.GetElement(1) : -x.GetElement(1);
            z[at2] = w2 < 0x80000000u ? x.GetElement(2) : -x.GetElement(2);
            z[at3] = w3 < 0x80000000u ? x.GetElement(3) : -x.GetElement(3);
        }
        if (all)
        {
            for (; j < count; j++) z[tailAt[j]] = TailFromWord(words[stride * (tailAt[j] >> 1) + first + (tailAt[j] & 1)]);
            return 0;
        }
        tailAt[j..count].CopyTo(tailAt);
        return count - j;
    }

    /// <summary>TailFromWord's p: the word's own for the lower tail, its complement's for the upper one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double TailP(uint w) => w < 0x80000000u ? (w + 0.5) * WordScale : (~w + 0.5) * WordScale;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Central(double q)
    {
        double r = q * q;
        double num = (((((A0 * r + A1) * r + A2) * r + A3) * r + A4) * r + A5) * q;
        double den = ((((B0 * r + B1) * r + B2) * r + B3) * r + B4) * r + 1;
        return num / den;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static double TailFromWord(uint w)
        => w < 0x80000000u ? LowerTail((w + 0.5) * WordScale) : -LowerTail((~w + 0.5) * WordScale);

    private static double LowerTail(double p)
    {
        double t = Math.Sqrt(-2 * Math.Log(p));
        return (((((C0 * t + C1) * t + C2) * t + C3) * t + C4) * t + C5) / ((((D0 * t + D1) * t + D2) * t + D3) * t + 1);
    }
}
