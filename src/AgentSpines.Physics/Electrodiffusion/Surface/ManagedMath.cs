using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace AgentSpines.Physics.Electrodiffusion.Surface;

/// <summary>
/// Natural logarithm and exponential in managed code, to about 1e-15 relative, for the surface's query path.
/// Why not Math.Log/Math.Exp: they call the C library, whose SSE code pays a large penalty (measured 150 ns per
/// call instead of 7 ns on this machine's AVX-512 Xeon) when the caller has just used wide vector registers
/// (e.g. zeroing a stackalloc or a struct), which a simulation step does all the time. JIT-compiled code uses
/// VEX encodings throughout and does not pay it.
/// Both are table-driven (32 entries for exp, 128 for log) with a degree-6 polynomial on a tiny remainder, evaluated
/// in Estrin form: a query waits for a log and then an exp, so latency counts (a plain degree-12 Horner chain took
/// about 70 ns per call on the shared machine; these take about a third of that).
/// </summary>
public static class ManagedMath
{
    // ln 2 split so that k * Ln2Hi is exact for |k| < 2^21 (Ln2Hi has 32 significant bits; fdlibm's constants)
    private const double Ln2Hi = 6.93147180369123816490e-01, Ln2Lo = 1.90821492927058770002e-10;
    private const double ExpScale = 32 / 0.6931471805599453; // 32 / ln 2
    private static readonly double[] TwoToJ32 = MakeExpTable(); // 2^(j/32), j = 0..31 (pinned: the four-lane form reads it by address)
    private const int LogBits = 7;
    private static readonly double[] LogInvC = new double[1 << LogBits], MinusLogInvC = new double[1 << LogBits];
    /// <summary>
    /// LogInvC[i] and MinusLogInvC[i] side by side at 2i (pinned): the four-lane logarithm loads a lane's two entries in
    /// one 128-bit load instead of two scalar ones (the same entries).
    /// </summary>
    private static readonly double[] LogPairs = GC.AllocateArray<double>(2 << LogBits, pinned: true);

    static ManagedMath()
    {
        for (int i = 0; i < 1 << LogBits; i++)
        {
            double c = 1 + (i + 0.5) / (1 << LogBits); // centre of the mantissa interval [1 + i/128, 1 + (i+1)/128)
            LogInvC[i] = 1 / c;
            MinusLogInvC[i] = -Math.Log(LogInvC[i]); // of the rounded 1/c, so that log m = log(m/c') + log c' holds exactly
            (LogPairs[2 * i], LogPairs[2 * i + 1]) = (LogInvC[i], MinusLogInvC[i]);
        }
    }

    private static double[] MakeExpTable()
    {
        var t = GC.AllocateArray<double>(32, pinned: true);
        for (int j = 0; j < 32; j++) t[j] = Math.Exp(j * 0.6931471805599453 / 32);
        return t;
    }

    /// <summary>ln(x) for finite x > 0 (normal numbers); NaN for x <= 0 or NaN, +inf for +inf.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Log(double x)
    {
        if (!(x >= 2.2250738585072014e-308) || x == double.PositiveInfinity) return x == double.PositiveInfinity ? x : double.NaN;
        long bits = BitConverter.DoubleToInt64Bits(x);
        int e = (int)((bits >> 52) & 0x7FF) - 1023;
        int i = (int)((bits >> (52 - LogBits)) & ((1 << LogBits) - 1));
        double m = BitConverter.Int64BitsToDouble((bits & 0x000FFFFFFFFFFFFFL) | 0x3FF0000000000000L); // [1, 2)
        // m / c' = 1 + r with |r| <= 1/256 (the fused multiply-add makes r exact to rounding); ln(1 + r) to r^6
        double r = Math.FusedMultiplyAdd(m, LogInvC[i], -1), r2 = r * r;
        double p = r + r2 * (-0.5 + r * (1.0 / 3) + r2 * (-0.25 + r * 0.2 + r2 * (-1.0 / 6)));
        return e * Ln2Hi + (MinusLogInvC[i] + (e * Ln2Lo + p));
    }

    /// <summary>e^x for |x| &lt; 700 (the range of log-quantities on a surface); NaN in, NaN out.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Exp(double x)
    {
        if (!(Math.Abs(x) < 700)) return double.IsNaN(x) ? x : x > 0 ? double.PositiveInfinity : 0;
        double kd = (x * ExpScale + 6755399441055744.0) - 6755399441055744.0; // round to nearest (1.5 x 2^52 trick)
        long k = (long)kd;
        // r = x - k ln2/32 in two parts (Cody-Waite) so that r keeps full precision; |r| <= ln2/64
        double r = x - kd * (Ln2Hi / 32) - kd * (Ln2Lo / 32), r2 = r * r;
        double p = (1 + r) + r2 * ((0.5 + r * (1.0 / 6)) + r2 * ((1.0 / 24 + r * (1.0 / 120)) + r2 * (1.0 / 720)));
        return p * TwoToJ32[k & 31] * BitConverter.Int64BitsToDouble((k >> 5) + 1023 << 52);
    }

    /// <summary>
    /// <see cref="Log(double)"/> of each lane, bit for bit the same operations. Every lane must be a normal finite
    /// number above 0 (callers check).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe Vector256<double> Log(Vector256<double> x)
    {
        var bits = x.AsInt64();
        var biased = (bits >>> 52) & Vector256.Create(0x7FFL);
        var i = (bits >>> (52 - LogBits)) & Vector256.Create((1L << LogBits) - 1);
        var m = ((bits & Vector256.Create(0x000FFFFFFFFFFFFFL)) | Vector256.Create(0x3FF0000000000000L)).AsDouble();
        Vector256<double> inv, minusLogInv;
        if (Avx2.IsSupported)
        {
            // each lane's two entries in one 128-bit load from the pinned pairs (i < 128: no bounds to check), the four
            // pairs transposed by two unpacks: 4 loads instead of 8, and no bounds checks
            var j = Avx2.PermuteVar8x32(i.AsInt32(), Vector256.Create(0, 2, 4, 6, 0, 2, 4, 6)).GetLower();
            double* pairs = (double*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(LogPairs));
            var a = Vector256.Create(Vector128.Load(pairs + 2 * j.ToScalar()), Vector128.Load(pairs + 2 * j.GetElement(2)));
            var b = Vector256.Create(Vector128.Load(pairs + 2 * j.GetElement(1)), Vector128.Load(pairs + 2 * j.GetElement(3)));
            inv = Avx.UnpackLow(a, b);
            minusLogInv = Avx.UnpackHigh(a, b);
        }
        else
        {
            int i0 = (int)i.GetElement(0), i1 = (int)i.GetElement(1), i2 = (int)i.GetElement(2), i3 = (int)i.GetElement(3);
            inv = Vector256.Create(LogInvC[i0], LogInvC[i1], LogInvC[i2], LogInvC[i3]);
            minusLogInv = Vector256.Create(MinusLogInvC[i0], MinusLogInvC[i1], MinusLogInvC[i2], MinusLogInvC[i3]);
        }
        var r = Vector256.FusedMultiplyAdd(m, inv, Vector256.Create(-1.0));
        var r2 = r * r;
        var p = r + r2 * ((Vector256.Create(-0.5) + r * Vector256.Create(1.0 / 3))
                + r2 * ((Vector256.Create(-0.25) + r * Vector256.Create(0.2)) + r2 * Vector256.Create(-1.0 / 6)));
        // the exponent e = biased - 1023 as a double: (2^52 + biased) - (2^52 + 1023), both exact, so e exactly, as the
        // scalar (double)e (AVX2 has no conversion from 64-bit integers: the JIT's emulation took five instructions)
        var ed = (biased | Vector256.Create(0x4330000000000000L)).AsDouble() - Vector256.Create(4503599627370496.0 + 1023);
        return ed * Vector256.Create(Ln2Hi) + (minusLogInv + (ed * Vector256.Create(Ln2Lo) + p));
    }

    /// <summary>Whether the eight-lane forms run here (AVX-512 arithmetic, AVX2 gathers for the tables).</summary>
    public static bool EightLanes => Avx512F.IsSupported && Avx512DQ.IsSupported && Avx2.IsSupported;

    /// <summary>
    /// <see cref="Log(double)"/> of eight lanes, bit for bit the same operations (the tables' entries gathered, four
    /// lanes per gather). Every lane must be a normal finite number above 0 (callers check). Fast with <see cref="EightLanes"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Log(Vector512<double> x)
    {
        var bits = x.AsInt64();
        var e = ((bits >>> 52) & Vector512.Create(0x7FFL)) - Vector512.Create(1023L);
        var i = (bits >>> (52 - LogBits)) & Vector512.Create((1L << LogBits) - 1);
        var m = ((bits & Vector512.Create(0x000FFFFFFFFFFFFFL)) | Vector512.Create(0x3FF0000000000000L)).AsDouble();
        var inv = Entries(LogInvC, i);
        var minusLogInv = Entries(MinusLogInvC, i);
        var r = Vector512.FusedMultiplyAdd(m, inv, Vector512.Create(-1.0));
        var r2 = r * r;
        var p = r + r2 * ((Vector512.Create(-0.5) + r * Vector512.Create(1.0 / 3))
                + r2 * ((Vector512.Create(-0.25) + r * Vector512.Create(0.2)) + r2 * Vector512.Create(-1.0 / 6)));
        var ed = Vector512.ConvertToDouble(e);
        return ed * Vector512.Create(Ln2Hi) + (minusLogInv + (ed * Vector512.Create(Ln2Lo) + p));
    }

    /// <summary>
    /// <see cref="Exp(double)"/> of eight lanes, bit for bit the same operations (see the four-lane form; the table's
    /// entries gathered). Every lane must satisfy |x| &lt; 700 (callers check). Fast with <see cref="EightLanes"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Exp(Vector512<double> x)
    {
        var shifter = Vector512.Create(6755399441055744.0);
        var rounded = x * Vector512.Create(ExpScale) + shifter;
        var kd = rounded - shifter;
        var k = rounded.AsInt64() - shifter.AsInt64();
        var r = x - kd * Vector512.Create(Ln2Hi / 32) - kd * Vector512.Create(Ln2Lo / 32);
        var r2 = r * r;
        var p = (Vector512.Create(1.0) + r) + r2 * ((Vector512.Create(0.5) + r * Vector512.Create(1.0 / 6))
                + r2 * ((Vector512.Create(1.0 / 24) + r * Vector512.Create(1.0 / 120)) + r2 * Vector512.Create(1.0 / 720)));
        var table = Entries(TwoToJ32, k & Vector512.Create(31L));
        var scale = ((Vector512.ShiftRightArithmetic(k, 5) + Vector512.Create(1023L)) << 52).AsDouble();
        return p * table * scale;
    }

    /// <summary>table[index] of eight lanes (indices inside the table): two gathers, or lane by lane without AVX2.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe Vector512<double> Entries(double[] table, Vector512<long> index)
    {
        if (!Avx2.IsSupported)
            return Vector512.Create(table[(int)index.GetElement(0)], table[(int)index.GetElement(1)], table[(int)index.GetElement(2)], table[(int)index.GetElement(3)],
                table[(int)index.GetElement(4)], table[(int)index.GetElement(5)], table[(int)index.GetElement(6)], table[(int)index.GetElement(7)]);
        fixed (double* t = table) return Vector512.Create(Avx2.GatherVector256(t, index.GetLower(), 8), Avx2.GatherVector256(t, index.GetUpper(), 8));
    }

    /// <summary>
    /// <see cref="Exp(double)"/> of each lane, bit for bit the same operations (a query's three quantities in one
    /// pass instead of three). Every lane must satisfy |x| &lt; 700 (callers check; NaN lanes are not allowed).
    /// k comes from the bits of the rounded sum: x ExpScale + 1.5 x 2^52 lies in [2^52, 2^53), where the spacing
    /// is 1, so its bits minus those of 1.5 x 2^52 are k exactly, as (long)kd gives in the scalar form.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe Vector256<double> Exp(Vector256<double> x)
    {
        var shifter = Vector256.Create(6755399441055744.0);
        var rounded = x * Vector256.Create(ExpScale) + shifter;
        var kd = rounded - shifter;
        var k = rounded.AsInt64() - shifter.AsInt64();
        var r = x - kd * Vector256.Create(Ln2Hi / 32) - kd * Vector256.Create(Ln2Lo / 32);
        var r2 = r * r;
        var p = (Vector256.Create(1.0) + r) + r2 * ((Vector256.Create(0.5) + r * Vector256.Create(1.0 / 6))
                + r2 * ((Vector256.Create(1.0 / 24) + r * Vector256.Create(1.0 / 120)) + r2 * Vector256.Create(1.0 / 720)));
        // the table's indices k & 31 as four 32-bit lanes (k fits in 32 bits), read out of one 128-bit vector; the entries
        // read by address from the pinned table (an index & 31 is inside it: no bounds checks)
        var j = (Avx2.IsSupported ? Avx2.PermuteVar8x32(k.AsInt32(), Vector256.Create(0, 2, 4, 6, 0, 2, 4, 6)).GetLower()
            : Vector128.Create((int)k.GetElement(0), (int)k.GetElement(1), (int)k.GetElement(2), (int)k.GetElement(3))) & Vector128.Create(31);
        double* t = (double*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(TwoToJ32));
        var table = Vector256.Create(t[j.ToScalar()], t[j.GetElement(1)], t[j.GetElement(2)], t[j.GetElement(3)]);
        // 2^(k >> 5) (arithmetic): (k >> 5) + 1023 = (k + 1023 * 32) >>> 5 for k >= -1023 * 32, which |x| < 700 gives
        // (|k| <= 32317); AVX2 has no 64-bit arithmetic shift (the JIT's emulation took five instructions)
        var scale = (((k + Vector256.Create(1023L * 32)) >>> 5) << 52).AsDouble();
        return p * table * scale;
    }
}
