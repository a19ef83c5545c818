using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using AgentSpines.Plasticity.State;

namespace AgentSpines.Plasticity.Model;

/// <summary>
/// The early phases of four spines read and written as pairs: a spine's LtpSinceH and EarlyLtpFactor lie side by side
/// (ActivitySpine), so each spine's pair is one 128-bit load or store, four spines' pairs are transposed with two
/// unpacks, and the four phases (bytes) become doubles in one conversion and back in one. Before the eleventh pass the
/// quiet step with activity read and wrote them field by field: eight scalar loads and four scalar conversions per
/// group, and per written spine two extracts and a saturating double-to-byte conversion (eight instructions), in a
/// loop that spills (docs/electrodiffusion.md). The same values, bit for bit: the phases are small whole numbers, which
/// every conversion here gives exactly (QuietStepTests compares the vector step with the scalar one).
/// </summary>
internal readonly partial struct QuietStructure
{
    /// <summary>Whether the pairs are where these forms read them (AVX for the conversions; the fields' layout).</summary>
    internal static readonly bool EarlyPhasesAsPairs = Avx.IsSupported && PairLayout();

    private static bool PairLayout()
    {
        var a = new ActivitySpine();
        ref byte a0 = ref Unsafe.As<ActivitySpine, byte>(ref a);
        return Unsafe.ByteOffset(ref a0, ref Unsafe.As<double, byte>(ref a.LtpSinceH)) == 0
               && Unsafe.ByteOffset(ref a0, ref Unsafe.As<double, byte>(ref a.EarlyLtpFactor)) == 8
               && Unsafe.SizeOf<LtpPhase>() == 1;
    }

    /// <summary>The four spines' early phases: start (LtpSinceH), factor and phase (as doubles), lane by lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void EarlyPhases(bool pairs, ref ActivitySpine a0, ref ActivitySpine a1, ref ActivitySpine a2, ref ActivitySpine a3,
        out Vector256<double> since, out Vector256<double> factor, out Vector256<double> phase)
    {
        if (!pairs)
        {
            factor = Vector256.Create(a0.EarlyLtpFactor, a1.EarlyLtpFactor, a2.EarlyLtpFactor, a3.EarlyLtpFactor);
            since = Vector256.Create(a0.LtpSinceH, a1.LtpSinceH, a2.LtpSinceH, a3.LtpSinceH);
            phase = Vector256.Create((double)a0.Ltp, (double)a1.Ltp, (double)a2.Ltp, (double)a3.Ltp);
            return;
        }
        // (since, factor) of spines 0 and 2, of spines 1 and 3; unpacked into the four starts and the four factors
        var even = Vector256.Create(Vector128.LoadUnsafe(ref a0.LtpSinceH), Vector128.LoadUnsafe(ref a2.LtpSinceH));
        var odd = Vector256.Create(Vector128.LoadUnsafe(ref a1.LtpSinceH), Vector128.LoadUnsafe(ref a3.LtpSinceH));
        since = Avx.UnpackLow(even, odd);
        factor = Avx.UnpackHigh(even, odd);
        phase = Avx.ConvertToVector256Double(Vector128.Create((int)a0.Ltp, (int)a1.Ltp, (int)a2.Ltp, (int)a3.Ltp));
    }

    /// <summary>All ones in byte j when bit j of lanes is set (four lanes): the bits moved to 0, 8, 16, 24 by one product, then widened.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Spread(int lanes) => (((uint)lanes & 0xF) * 0x204081u & 0x01010101u) * 0xFF;

    /// <summary>
    /// WriteEarly for the four lanes: the phases (whole numbers 0..4 as doubles), starts and factors written back, and
    /// the EarlyPhase flag flipped in the lanes of toggle (written lanes whose phase starts or ends). Needs EarlyPhasesAsPairs.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void WriteEarlyPairs(ref ActivitySpine a0, ref ActivitySpine a1, ref ActivitySpine a2, ref ActivitySpine a3,
        ref QuietSpine s0, ref QuietSpine s1, ref QuietSpine s2, ref QuietSpine s3,
        Vector256<double> ltp, Vector256<double> since, Vector256<double> factor, int toggle)
    {
        var even = Avx.UnpackLow(since, factor);  // (since, factor) of spines 0 and 2
        var odd = Avx.UnpackHigh(since, factor);  // of spines 1 and 3
        even.GetLower().StoreUnsafe(ref a0.LtpSinceH);
        odd.GetLower().StoreUnsafe(ref a1.LtpSinceH);
        even.GetUpper().StoreUnsafe(ref a2.LtpSinceH);
        odd.GetUpper().StoreUnsafe(ref a3.LtpSinceH);
        var phase = Avx.ConvertToVector128Int32WithTruncation(ltp); // exact: whole numbers
        a0.Ltp = (LtpPhase)(byte)phase.GetElement(0);
        a1.Ltp = (LtpPhase)(byte)phase.GetElement(1);
        a2.Ltp = (LtpPhase)(byte)phase.GetElement(2);
        a3.Ltp = (LtpPhase)(byte)phase.GetElement(3);
        // the flag flips where it changes (without a branch: an xor of 0 or EarlyPhase, 16, per lane's byte of t)
        uint t = Spread(toggle) & 0x10101010u;
        s0.Flags ^= (QuietFlags)(byte)t;
        s1.Flags ^= (QuietFlags)(byte)(t >> 8);
        s2.Flags ^= (QuietFlags)(byte)(t >> 16);
        s3.Flags ^= (QuietFlags)(byte)(t >> 24);
    }
}
