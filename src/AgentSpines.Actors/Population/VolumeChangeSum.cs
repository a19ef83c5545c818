using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace AgentSpines.Actors.Population;

/// <summary>
/// The quiet spines' early-phase volume changes added to a running sum in spine order, as one add per spine would give,
/// bit for bit, but only the changes that are not +0 (most spines change nothing in a step, and the serial adds, each
/// waiting for the one before, cost more than the step's other bookkeeping of a quiet spine).
/// Why skipping is exact: s + (+0) is s for every s but -0, which it turns into +0; and a zero's sign changes nothing
/// that is added later except another zero. So the serial sum and the sum without the +0 terms differ at most in being
/// +0 against -0, and only when a +0 term was skipped; one +0 added at the end in that case gives the serial bits.
/// </summary>
public static class VolumeChangeSum
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double AddInOrder(double sum, ReadOnlySpan<double> changes)
    {
        bool skipped = false;
        int i = 0;
        ref double c0 = ref MemoryMarshal.GetReference(changes);
        for (; i + 4 <= changes.Length; i += 4)
        {
            // four +0 (all bits clear) at a time: the common case
            var bits = Vector256.LoadUnsafe(ref Unsafe.As<double, long>(ref c0), (nuint)i);
            if (bits == Vector256<long>.Zero)
            {
                skipped = true;
                continue;
            }
            for (int k = i; k < i + 4; k++) sum = Add(sum, Unsafe.Add(ref c0, k), ref skipped);
        }
        for (; i < changes.Length; i++) sum = Add(sum, Unsafe.Add(ref c0, i), ref skipped);
        return skipped ? sum + 0.0 : sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Add(double sum, double change, ref bool skipped)
    {
        if (BitConverter.DoubleToInt64Bits(change) != 0) return sum + change;
        skipped = true;
        return sum;
    }
}
