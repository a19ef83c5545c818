using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace AgentSpines.Core.Random;

/// <summary>
/// Draw1's AVX2 form (one word per stream: the activity words of every spine and step). Each 32-bit counter word of a
/// stream is kept in the low half of a 64-bit lane, four streams per vector, so a round's products (vpmuludq multiplies
/// the low halves of 64-bit lanes) are its high and low words with a shift and nothing else: the low word is the product
/// itself (its high half is never read again: the multiplies and the final words take low halves only), the high word
/// the product shifted down. Against the form with eight 32-bit lanes (even and odd lanes multiplied apart and blended
/// back: six shifts and four blends per round for two multiplies' worth of streams) this does a round of eight streams
/// in four multiplies, four shifts and eight exclusive ors, and its two halves are independent chains. The same words,
/// bit for bit (PhiloxBatchTests: against each stream's RandomStream).
/// </summary>
public static partial class PhiloxBatch
{
    private const int Rounds = 10;

    /// <summary>
    /// Word positions[i] of the streams (seed keys k0, k1; stream id in streamBits) into output[i], eight streams at a
    /// time while eight remain; returns how many were drawn (a multiple of eight). The caller checked the spans' lengths.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int DrawOnes(uint k0, uint k1, uint streamBits, ReadOnlySpan<ulong> ids, ReadOnlySpan<ulong> positions, Span<uint> output)
    {
        int n = ids.Length;
        // the round keys of the low words, as 64-bit lanes (their high halves are never read)
        Span<Vector256<ulong>> keys = stackalloc Vector256<ulong>[2 * Rounds];
        for (int r = 0; r < Rounds; r++)
        {
            keys[2 * r] = Vector256.Create((ulong)(k0 + (uint)r * W0));
            keys[2 * r + 1] = Vector256.Create((ulong)(k1 + (uint)r * W1));
        }
        ref var key = ref MemoryMarshal.GetReference(keys);
        var m0 = Vector256.Create((ulong)M0).AsUInt32();
        var m1 = Vector256.Create((ulong)M1).AsUInt32();
        var stream = Vector256.Create((ulong)streamBits);
        var last = Vector256.Create(StreamKey.MaxBlock);
        var three = Vector256.Create(3UL);
        int i = 0;
        // every span holds n entries (the caller checked): read and written unchecked
        ref ulong id = ref MemoryMarshal.GetReference(ids);
        ref ulong pos = ref MemoryMarshal.GetReference(positions);
        ref uint w = ref MemoryMarshal.GetReference(output);
        {
            for (; i + 8 <= n; i += 8)
            {
                // streams i..i+3 (a) and i+4..i+7 (b): counter (block, high block word | stream id), key side (entity id)
                var pa = Vector256.LoadUnsafe(ref pos, (nuint)i);
                var pb = Vector256.LoadUnsafe(ref pos, (nuint)i + 4);
                var a0 = pa >>> 2;
                var b0 = pb >>> 2;
                if (Vector256.GreaterThanAny(a0, last) || Vector256.GreaterThanAny(b0, last))
                    ThrowExhausted(streamBits, ids.Slice(i, 8), positions.Slice(i, 8), StreamKey.MaxBlock); // names the entity
                var a1 = (a0 >>> 32) | stream;
                var b1 = (b0 >>> 32) | stream;
                var a2 = Vector256.LoadUnsafe(ref id, (nuint)i);
                var b2 = Vector256.LoadUnsafe(ref id, (nuint)i + 4);
                var a3 = a2 >>> 32;
                var b3 = b2 >>> 32;
                for (int r = 0; r < Rounds; r += 2)
                {
                    Round(ref a0, ref a1, ref a2, ref a3, ref b0, ref b1, ref b2, ref b3, m0, m1, Unsafe.Add(ref key, 2 * r), Unsafe.Add(ref key, 2 * r + 1));
                    Round(ref a0, ref a1, ref a2, ref a3, ref b0, ref b1, ref b2, ref b3, m0, m1, Unsafe.Add(ref key, 2 * r + 2), Unsafe.Add(ref key, 2 * r + 3));
                }
                // each stream's word within its block (position mod 4), the low halves of the lanes narrowed into eight words
                var ka = pa & three;
                var kb = pb & three;
                Vector256.Narrow(Pick(ka, a0, a1, a2, a3), Pick(kb, b0, b1, b2, b3)).StoreUnsafe(ref w, (nuint)i);
            }
        }
        return i;
    }

    /// <summary>
    /// One Philox4x32 round of two groups of four streams: (hi, lo) of M0 c0 and M1 c2; c0 = hi1 ^ c1 ^ key0,
    /// c1 = lo1, c2 = hi0 ^ c3 ^ key1, c3 = lo0 (low halves of the lanes).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Round(ref Vector256<ulong> a0, ref Vector256<ulong> a1, ref Vector256<ulong> a2, ref Vector256<ulong> a3,
        ref Vector256<ulong> b0, ref Vector256<ulong> b1, ref Vector256<ulong> b2, ref Vector256<ulong> b3,
        Vector256<uint> m0, Vector256<uint> m1, Vector256<ulong> key0, Vector256<ulong> key1)
    {
        var pa0 = Avx2.Multiply(a0.AsUInt32(), m0);
        var pa1 = Avx2.Multiply(a2.AsUInt32(), m1);
        var pb0 = Avx2.Multiply(b0.AsUInt32(), m0);
        var pb1 = Avx2.Multiply(b2.AsUInt32(), m1);
        a0 = (pa1 >>> 32) ^ (a1 ^ key0);
        a2 = (pa0 >>> 32) ^ (a3 ^ key1);
        b0 = (pb1 >>> 32) ^ (b1 ^ key0);
        b2 = (pb0 >>> 32) ^ (b3 ^ key1);
        a1 = pa1;
        a3 = pa0;
        b1 = pb1;
        b3 = pb0;
    }

    /// <summary>The word of each lane's block that its position mod 4 (k) names.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ulong> Pick(Vector256<ulong> k, Vector256<ulong> c0, Vector256<ulong> c1, Vector256<ulong> c2, Vector256<ulong> c3)
        => Vector256.ConditionalSelect(Vector256.Equals(k, Vector256<ulong>.Zero), c0,
            Vector256.ConditionalSelect(Vector256.Equals(k, Vector256.Create(1UL)), c1, Vector256.ConditionalSelect(Vector256.Equals(k, Vector256.Create(2UL)), c2, c3)));
}
