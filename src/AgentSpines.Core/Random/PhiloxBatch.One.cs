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
    // OneWords' test of exhausted streams takes MaxBlock + 1 to be a power of two (else this is a division by zero: no build)
    private const int MaxBlockIsAllOnes = 1 / ((StreamKey.MaxBlock & (StreamKey.MaxBlock + 1)) == 0 ? 1 : 0);

    /// <summary>
    /// Word positions[i] of the streams (seed keys k0, k1; stream id in streamBits) into output[i], eight streams at a
    /// time while eight remain; returns how many were drawn (a multiple of eight). The caller checked the spans' lengths.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int DrawOnes(uint k0, uint k1, uint streamBits, ReadOnlySpan<ulong> ids, ReadOnlySpan<ulong> positions, Span<uint> output)
    {
        int n = ids.Length;
        var keys = new OneWordKeys(k0, k1, streamBits);
        int i = 0;
        // every span holds n entries (the caller checked): read and written unchecked
        ref ulong id = ref MemoryMarshal.GetReference(ids);
        ref ulong pos = ref MemoryMarshal.GetReference(positions);
        ref uint w = ref MemoryMarshal.GetReference(output);
        for (; i + 8 <= n; i += 8)
            OneWords(in keys, Vector256.LoadUnsafe(ref pos, (nuint)i), Vector256.LoadUnsafe(ref pos, (nuint)i + 4),
                Vector256.LoadUnsafe(ref id, (nuint)i), Vector256.LoadUnsafe(ref id, (nuint)i + 4)).StoreUnsafe(ref w, (nuint)i);
        return i;
    }

    /// <summary>
    /// The round keys of a run's one-word draws of a stream (seed, stream id), for <see cref="OneWords"/>: the low words
    /// of the ten rounds' two keys as 64-bit lanes (their high halves are never read) and the stream id's counter bits.
    /// Made once per call (DrawOnes, or an activity's pass over a dendrite's slots that draws its words as it goes).
    /// </summary>
    [InlineArray(2 * Rounds + 1)]
    public struct OneWordKeys
    {
        private Vector256<ulong> _key;

        /// <summary>The keys of stream <paramref name="stream"/> of the run with seed <paramref name="seed"/>.</summary>
        public OneWordKeys(ulong seed, ushort stream) : this((uint)seed, (uint)(seed >> 32), (uint)stream << 16) { }

        internal OneWordKeys(uint k0, uint k1, uint streamBits)
        {
            for (int r = 0; r < Rounds; r++)
            {
                this[2 * r] = Vector256.Create((ulong)(k0 + (uint)r * W0));
                this[2 * r + 1] = Vector256.Create((ulong)(k1 + (uint)r * W1));
            }
            this[2 * Rounds] = Vector256.Create((ulong)streamBits);
        }
    }

    /// <summary>
    /// The words of eight streams of one kind (keys) at their positions, DrawOnes' eight words bit for bit: streams
    /// 0-3 at positions pa with entity ids ia, streams 4-7 at pb with ib. The positions are not moved. Throws, naming
    /// the entity, when a stream is exhausted. For callers that have the positions and ids in registers anyway (the
    /// activity's pass 1 draws only the groups with a spine that draws, and the words never go through memory).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<uint> OneWords(ref readonly OneWordKeys keys, Vector256<ulong> pa, Vector256<ulong> pb, Vector256<ulong> ia, Vector256<ulong> ib)
    {
        ref var key = ref Unsafe.As<OneWordKeys, Vector256<ulong>>(ref Unsafe.AsRef(in keys));
        var stream = Unsafe.Add(ref key, 2 * Rounds);
        var m0 = Vector256.Create((ulong)M0).AsUInt32();
        var m1 = Vector256.Create((ulong)M1).AsUInt32();
        var last = Vector256.Create(StreamKey.MaxBlock);
        // streams 0..3 (a) and 4..7 (b): counter (block, high block word | stream id), key side (entity id)
        var a0 = pa >>> 2;
        var b0 = pb >>> 2;
        // a block beyond the last: MaxBlock + 1 is a power of two, so a block is beyond it when it has a bit above MaxBlock's
        // (one or and one test for both halves; AVX2's signed 64-bit compare made an unsigned one with extra steps each)
        if (((a0 | b0) & ~last) != Vector256<ulong>.Zero) ThrowExhausted(stream, ia, ib, pa, pb); // names the entity
        var a1 = (a0 >>> 32) | stream;
        var b1 = (b0 >>> 32) | stream;
        var a2 = ia;
        var b2 = ib;
        var a3 = ia >>> 32;
        var b3 = ib >>> 32;
        // the ten rounds written out: the keys at fixed offsets (a loop indexed them and reloaded the multipliers each time)
        Round(ref a0, ref a1, ref a2, ref a3, ref b0, ref b1, ref b2, ref b3, m0, m1, key, Unsafe.Add(ref key, 1));
        Round(ref a0, ref a1, ref a2, ref a3, ref b0, ref b1, ref b2, ref b3, m0, m1, Unsafe.Add(ref key, 2), Unsafe.Add(ref key, 3));
        Round(ref a0, ref a1, ref a2, ref a3, ref b0, ref b1, ref b2, ref b3, m0, m1, Unsafe.Add(ref key, 4), Unsafe.Add(ref key, 5));
        Round(ref a0, ref a1, ref a2, ref a3, ref b0, ref b1, ref b2, ref b3, m0, m1, Unsafe.Add(ref key, 6), Unsafe.Add(ref key, 7));
        Round(ref a0, ref a1, ref a2, ref a3, ref b0, ref b1, ref b2, ref b3, m0, m1, Unsafe.Add(ref key, 8), Unsafe.Add(ref key, 9));
        Round(ref a0, ref a1, ref a2, ref a3, ref b0, ref b1, ref b2, ref b3, m0, m1, Unsafe.Add(ref key, 10), Unsafe.Add(ref key, 11));
        Round(ref a0, ref a1, ref a2, ref a3, ref b0, ref b1, ref b2, ref b3, m0, m1, Unsafe.Add(ref key, 12), Unsafe.Add(ref key, 13));
        Round(ref a0, ref a1, ref a2, ref a3, ref b0, ref b1, ref b2, ref b3, m0, m1, Unsafe.Add(ref key, 14), Unsafe.Add(ref key, 15));
        Round(ref a0, ref a1, ref a2, ref a3, ref b0, ref b1, ref b2, ref b3, m0, m1, Unsafe.Add(ref key, 16), Unsafe.Add(ref key, 17));
        Round(ref a0, ref a1, ref a2, ref a3, ref b0, ref b1, ref b2, ref b3, m0, m1, Unsafe.Add(ref key, 18), Unsafe.Add(ref key, 19));
        // each stream's word within its block (position mod 4), the low halves of the lanes narrowed into eight words
        var three = Vector256.Create(3UL);
        return Vector256.Narrow(Pick(pa & three, a0, a1, a2, a3), Pick(pb & three, b0, b1, b2, b3));
    }

    /// <summary><see cref="ThrowExhausted(uint, ReadOnlySpan{ulong}, ReadOnlySpan{ulong}, ulong)"/> of eight streams in vectors.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowExhausted(Vector256<ulong> stream, Vector256<ulong> ia, Vector256<ulong> ib, Vector256<ulong> pa, Vector256<ulong> pb)
    {
        Span<ulong> ids = stackalloc ulong[8], positions = stackalloc ulong[8];
        ia.CopyTo(ids);
        ib.CopyTo(ids[4..]);
        pa.CopyTo(positions);
        pb.CopyTo(positions[4..]);
        ThrowExhausted((uint)stream.GetElement(0), ids, positions, StreamKey.MaxBlock);
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
