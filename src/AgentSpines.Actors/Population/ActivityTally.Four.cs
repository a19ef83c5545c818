using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace AgentSpines.Actors.Population;

/// <summary>
/// The episode sums of a dendrite's step with the parts that do not depend on the order taken four spines at a time: the
/// counts (integers) and the three maxima. A maximum of numbers that are all +0 or above (their sign bits clear) and not
/// NaN is the maximum of their bits as 64-bit integers, and Math.Max over such numbers gives the same whatever the
/// order, so four lanes' maxima combined at the end are the serial ones, bit for bit. The four sums of doubles stay
/// serial, in spine order (their rounding depends on it), in a loop of their own. Before the eleventh pass each spine
/// went through AddOrNone, whose three Math.Max (with their NaN and -0 cases) chained every spine to the one before.
/// A batch with a negative, -0 or NaN value (none in a run: the answers are exponentials, the charges and calcium
/// absolute values; only an exact solve could give one) takes the serial path.
/// </summary>
public sealed partial class ActivityTally
{
    /// <summary>The bits of +infinity: a double's bits with the sign clear above these are a NaN.</summary>
    private const long InfinityBits = 0x7FF0_0000_0000_0000L;

    /// <summary>AddEpisodes of the arrays (all of length n) with AVX2; false (nothing added) when the batch needs the serial path.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool TryAddFour(ReadOnlySpan<int> counts, ReadOnlySpan<double> peak, ReadOnlySpan<double> boost, ReadOnlySpan<double> charge, ReadOnlySpan<double> calcium)
    {
        int n = counts.Length; // the caller sliced every span to n
        ref int c0 = ref MemoryMarshal.GetReference(counts);
        ref long p0 = ref Unsafe.As<double, long>(ref MemoryMarshal.GetReference(peak));
        ref long b0 = ref Unsafe.As<double, long>(ref MemoryMarshal.GetReference(boost));
        ref long a0 = ref Unsafe.As<double, long>(ref MemoryMarshal.GetReference(calcium));
        var signs = Vector256<long>.Zero;
        Vector256<long> peakMax = default, boostMax = default, calciumMax = default; // +0
        var spines = Vector128<int>.Zero;
        var episodes = Vector128<int>.Zero;
        int k = 0;
        for (; k + 4 <= n; k += 4)
        {
            var c = Vector128.LoadUnsafe(ref c0, (nuint)k);
            spines -= Vector128.GreaterThan(c, Vector128<int>.Zero); // all ones (-1) for a spine with episodes
            episodes += c;
            var p = Vector256.LoadUnsafe(ref p0, (nuint)k);
            var b = Vector256.LoadUnsafe(ref b0, (nuint)k);
            var a = Vector256.LoadUnsafe(ref a0, (nuint)k);
            signs |= p | b | a;
            peakMax = Vector256.ConditionalSelect(Vector256.GreaterThan(p, peakMax), p, peakMax);
            boostMax = Vector256.ConditionalSelect(Vector256.GreaterThan(b, boostMax), b, boostMax);
            calciumMax = Vector256.ConditionalSelect(Vector256.GreaterThan(a, calciumMax), a, calciumMax);
        }
        long signBits = signs.GetElement(0) | signs.GetElement(1) | signs.GetElement(2) | signs.GetElement(3);
        long pm = Max4(peakMax), bm = Max4(boostMax), am = Max4(calciumMax);
        int spineCount = Vector128.Sum(spines), episodeCount = Vector128.Sum(episodes);
        for (; k < n; k++)
        {
            long p = Unsafe.Add(ref p0, k), b = Unsafe.Add(ref b0, k), a = Unsafe.Add(ref a0, k);
            int c = Unsafe.Add(ref c0, k);
            signBits |= p | b | a;
            (pm, bm, am) = (Math.Max(pm, p), Math.Max(bm, b), Math.Max(am, a));
            spineCount += c > 0 ? 1 : 0;
            episodeCount += c;
        }
        if (signBits < 0 || pm > InfinityBits || bm > InfinityBits || am > InfinityBits) return false; // a negative, -0 or NaN: serial
        var sums = _sums; // a local copy the loop keeps in registers
        sums.Spines += spineCount;
        sums.Episodes += episodeCount;
        sums.PeakMax = Math.Max(sums.PeakMax, BitConverter.Int64BitsToDouble(pm));
        sums.BoostMax = Math.Max(sums.BoostMax, BitConverter.Int64BitsToDouble(bm));
        sums.CalciumMax = Math.Max(sums.CalciumMax, BitConverter.Int64BitsToDouble(am));
        // the sums in spine order, as AddOrNone adds them
        ref double peakRef = ref MemoryMarshal.GetReference(peak), boostRef = ref MemoryMarshal.GetReference(boost);
        ref double chargeRef = ref MemoryMarshal.GetReference(charge), calciumRef = ref MemoryMarshal.GetReference(calcium);
        double peakSum = sums.PeakSum, boostSum = sums.BoostSum, chargeSum = sums.Charge, calciumSum = sums.CalciumSum;
        for (k = 0; k < n; k++)
        {
            double count = Unsafe.Add(ref c0, k);
            peakSum += count * Unsafe.Add(ref peakRef, k);
            boostSum += count * Unsafe.Add(ref boostRef, k);
            chargeSum += Unsafe.Add(ref chargeRef, k);
            calciumSum += Unsafe.Add(ref calciumRef, k);
        }
        (sums.PeakSum, sums.BoostSum, sums.Charge, sums.CalciumSum) = (peakSum, boostSum, chargeSum, calciumSum);
        _sums = sums;
        return true;
    }

    /// <summary>The largest of four lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long Max4(Vector256<long> v) => Math.Max(Math.Max(v.GetElement(0), v.GetElement(1)), Math.Max(v.GetElement(2), v.GetElement(3)));
}
