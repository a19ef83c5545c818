using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace AgentSpines.Core.Random;

/// <summary>
/// The next few words of many streams of one seed and stream id at once (the entities differ): exactly the words
/// each stream's <see cref="RandomStream"/> would give from the same position, made eight streams at a time with AVX2
/// where the processor has it. A stream is then just its entity id and a word position, not an object with a buffer:
/// a population steps a million spines, each drawing a few words per step.
/// </summary>
public static partial class PhiloxBatch
{
    private const uint M0 = 0xD2511F53, M1 = 0xCD9E8D57;
    private const uint W0 = 0x9E3779B9, W1 = 0xBB67AE85;

    /// <summary>Words each stream gives per call: the two Philox blocks that hold them always suffice.</summary>
    public const int Words = 5;

    /// <summary>
    /// For each i: words positions[i] .. positions[i] + 4 of stream (seed, ids[i], stream) into output[5i .. 5i + 4],
    /// and positions[i] advanced by 5. vectorized = false uses the scalar path (tests compare both).
    /// </summary>
    public static void Draw5(ulong seed, ushort stream, ReadOnlySpan<ulong> ids, Span<ulong> positions, Span<uint> output, bool vectorized = true)
    {
        int n = ids.Length;
        if (positions.Length != n) throw new ArgumentException($"{positions.Length} positions for {n} streams", nameof(positions));
        if (output.Length < Words * n) throw new ArgumentException($"output holds {output.Length} words, {Words * n} needed", nameof(output));
        uint k0 = (uint)seed, k1 = (uint)(seed >> 32), streamBits = (uint)stream << 16;
        int i = 0;
        if (vectorized && Avx512F.IsSupported)
            for (; i + 16 <= n; i += 16) Draw16(k0, k1, streamBits, ids.Slice(i, 16), positions.Slice(i, 16), output.Slice(Words * i, Words * 16));
        if (vectorized && Avx2.IsSupported)
            for (; i + 8 <= n; i += 8) Draw8(k0, k1, streamBits, ids.Slice(i, 8), positions.Slice(i, 8), output.Slice(Words * i, Words * 8));
        Span<uint> block = stackalloc uint[8];
        for (; i < n; i++)
        {
            ulong w = positions[i];
            ulong b = w >> 2;
            if (b + 1 > StreamKey.MaxBlock) throw new InvalidOperationException($"random stream {stream} of entity {ids[i]} is exhausted (2^48 blocks)");
            ulong id = ids[i];
            Philox4x32.Generate((uint)b, (uint)(b >> 32) | streamBits, (uint)id, (uint)(id >> 32), k0, k1, out block[0], out block[1], out block[2], out block[3]);
            b++;
            Philox4x32.Generate((uint)b, (uint)(b >> 32) | streamBits, (uint)id, (uint)(id >> 32), k0, k1, out block[4], out block[5], out block[6], out block[7]);
            block.Slice((int)(w & 3), Words).CopyTo(output.Slice(Words * i, Words));
            positions[i] = w + Words;
        }
    }

    /// <summary>
    /// For each i: word positions[i] of stream (seed, ids[i], stream) into output[i]; the positions are not moved (the
    /// caller moves on those whose word it uses). One block per stream, sixteen or eight streams at a time.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // optimised at once, as Draw8/Draw16 (an activity run's first steps)
    public static void Draw1(ulong seed, ushort stream, ReadOnlySpan<ulong> ids, ReadOnlySpan<ulong> positions, Span<uint> output, bool vectorized = true)
    {
        int n = ids.Length;
        if (positions.Length != n) throw new ArgumentException($"{positions.Length} positions for {n} streams", nameof(positions));
        if (output.Length < n) throw new ArgumentException($"output holds {output.Length} words, {n} needed", nameof(output));
        uint k0 = (uint)seed, k1 = (uint)(seed >> 32), streamBits = (uint)stream << 16;
        int i = 0;
        if (vectorized && Avx512F.IsSupported)
            for (; i + 16 <= n; i += 16) Draw16One(k0, k1, streamBits, ids.Slice(i, 16), positions.Slice(i, 16), output.Slice(i, 16));
        if (vectorized && Avx2.IsSupported) i += DrawOnes(k0, k1, streamBits, ids[i..], positions[i..], output[i..n]);
        for (; i < n; i++)
        {
            ulong w = positions[i], b = w >> 2, id = ids[i];
            if (b > StreamKey.MaxBlock) throw new InvalidOperationException($"random stream {stream} of entity {id} is exhausted (2^48 blocks)");
            Philox4x32.Generate((uint)b, (uint)(b >> 32) | streamBits, (uint)id, (uint)(id >> 32), k0, k1, out uint w0, out uint w1, out uint w2, out uint w3);
            output[i] = (w & 3) switch { 0 => w0, 1 => w1, 2 => w2, _ => w3 };
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Draw16One(uint k0, uint k1, uint streamBits, ReadOnlySpan<ulong> ids, ReadOnlySpan<ulong> positions, Span<uint> output)
    {
        // counters and keys of the sixteen lanes from two vectors of eight 64-bit positions and ids (no scalar loop)
        var p0 = Vector512.Create(positions[..8]);
        var p1 = Vector512.Create(positions.Slice(8, 8));
        var b0 = p0 >>> 2;
        var b1 = p1 >>> 2;
        var last = Vector512.Create(StreamKey.MaxBlock);
        if (Vector512.GreaterThanAny(b0, last) || Vector512.GreaterThanAny(b1, last))
            ThrowExhausted(streamBits, ids, positions, StreamKey.MaxBlock);
        var i0 = Vector512.Create(ids[..8]);
        var i1 = Vector512.Create(ids.Slice(8, 8));
        var c0 = Vector512.Narrow(b0, b1);
        var c1 = Vector512.Narrow(b0 >>> 32, b1 >>> 32) | Vector512.Create(streamBits);
        var c2 = Vector512.Narrow(i0, i1);
        var c3 = Vector512.Narrow(i0 >>> 32, i1 >>> 32);
        var k = Vector512.Narrow(p0, p1) & Vector512.Create(3u);
        Generate(ref c0, ref c1, ref c2, ref c3, k0, k1);
        var w = Vector512.ConditionalSelect(Vector512.Equals(k, Vector512<uint>.Zero), c0,
            Vector512.ConditionalSelect(Vector512.Equals(k, Vector512.Create(1u)), c1, Vector512.ConditionalSelect(Vector512.Equals(k, Vector512.Create(2u)), c2, c3)));
        w.CopyTo(output);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // optimised at once: a million spines' first steps at tier 0 took seconds
    private static void Draw8(uint k0, uint k1, uint streamBits, ReadOnlySpan<ulong> ids, Span<ulong> positions, Span<uint> output)
    {
        // Draw16's scheme in 256-bit vectors: on a processor without AVX-512 the scalar counters and the scalar scatter
        // of the words had made this the largest part of a population step (23 % of a million-spine run's samples)
        var p0 = Vector256.Create<ulong>(positions[..4]);
        var p1 = Vector256.Create<ulong>(positions.Slice(4, 4));
        var b0 = p0 >>> 2;
        var b1 = p1 >>> 2;
        var last = Vector256.Create(StreamKey.MaxBlock - 1); // the second block too
        if (Vector256.GreaterThanAny(b0, last) || Vector256.GreaterThanAny(b1, last)) ThrowExhausted(streamBits, ids, positions);
        var i0 = Vector256.Create<ulong>(ids[..4]);
        var i1 = Vector256.Create<ulong>(ids.Slice(4, 4));
        var c0 = Vector256.Narrow(b0, b1);
        var c1 = Vector256.Narrow(b0 >>> 32, b1 >>> 32) | Vector256.Create(streamBits);
        var c2 = Vector256.Narrow(i0, i1);
        var c3 = Vector256.Narrow(i0 >>> 32, i1 >>> 32);
        var first = Vector256.Narrow(p0, p1) & Vector256.Create(3u);
        // block b + 1: the low counter word wraps into the high one (b + 1 < 2^48, so the stream bits stay)
        var one = Vector256.Create(1u);
        var d0 = c0 + one;
        var d1 = c1 + (Vector256.Equals(d0, Vector256<uint>.Zero) & one);
        var d2 = c2;
        var d3 = c3;
        GenerateTwo(ref c0, ref c1, ref c2, ref c3, ref d0, ref d1, ref d2, ref d3, k0, k1);
        // word m of lane j is word first_j + m of the lane's two blocks (c0..c3, d0..d3)
        var f1 = Vector256.Equals(first, one);
        var f2 = Vector256.Equals(first, Vector256.Create(2u));
        var f3 = Vector256.Equals(first, Vector256.Create(3u));
        var w0 = Pick(f1, f2, f3, c0, c1, c2, c3);
        var w1 = Pick(f1, f2, f3, c1, c2, c3, d0);
        var w2 = Pick(f1, f2, f3, c2, c3, d0, d1);
        var w3 = Pick(f1, f2, f3, c3, d0, d1, d2);
        var w4 = Pick(f1, f2, f3, d0, d1, d2, d3);
        // lane-major output: output[5j + m] = w_m[j], five vectors of eight words
        var lanes = ScatterLanes8;
        var words = ScatterWord8;
        for (int t = 0; t < Words; t++)
        {
            var idx = lanes[t];
            var m = words[t];
            var r = Vector256.ConditionalSelect(Vector256.Equals(m, Vector256<uint>.Zero), Avx2.PermuteVar8x32(w0, idx), Avx2.PermuteVar8x32(w4, idx));
            r = Vector256.ConditionalSelect(Vector256.Equals(m, one), Avx2.PermuteVar8x32(w1, idx), r);
            r = Vector256.ConditionalSelect(Vector256.Equals(m, Vector256.Create(2u)), Avx2.PermuteVar8x32(w2, idx), r);
            r = Vector256.ConditionalSelect(Vector256.Equals(m, Vector256.Create(3u)), Avx2.PermuteVar8x32(w3, idx), r);
            r.CopyTo(output.Slice(8 * t, 8));
        }
        var five = Vector256.Create((ulong)Words);
        (p0 + five).CopyTo(positions);
        (p1 + five).CopyTo(positions[4..]);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<uint> Pick(Vector256<uint> f1, Vector256<uint> f2, Vector256<uint> f3,
        Vector256<uint> a0, Vector256<uint> a1, Vector256<uint> a2, Vector256<uint> a3)
        => Vector256.ConditionalSelect(f3, a3, Vector256.ConditionalSelect(f2, a2, Vector256.ConditionalSelect(f1, a1, a0)));

    /// <summary>Output vector t of Draw8 holds words 8t .. 8t + 7 of the lane-major output: lane (8t + l) / 5, word (8t + l) % 5.</summary>
    private static readonly Vector256<uint>[] ScatterLanes8 = Enumerable.Range(0, Words)
        .Select(t => Vector256.Create(Enumerable.Range(0, 8).Select(l => (uint)((8 * t + l) / Words)).ToArray())).ToArray();
    private static readonly Vector256<uint>[] ScatterWord8 = Enumerable.Range(0, Words)
        .Select(t => Vector256.Create(Enumerable.Range(0, 8).Select(l => (uint)((8 * t + l) % Words)).ToArray())).ToArray();

    /// <summary>As Draw8, sixteen streams at a time with AVX-512 (the same words; vpmuludq on 512-bit lanes).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Draw16(uint k0, uint k1, uint streamBits, ReadOnlySpan<ulong> ids, Span<ulong> positions, Span<uint> output)
    {
        // counters and keys of the sixteen lanes from two vectors of eight 64-bit positions and ids (a scalar loop per
        // lane and a scalar scatter of the words took about half of the draw)
        var p0 = Vector512.Create<ulong>(positions[..8]);
        var p1 = Vector512.Create<ulong>(positions.Slice(8, 8));
        var b0 = p0 >>> 2;
        var b1 = p1 >>> 2;
        var last = Vector512.Create(StreamKey.MaxBlock - 1); // the second block too
        if (Vector512.GreaterThanAny(b0, last) || Vector512.GreaterThanAny(b1, last))
        {
            Span<uint> lo = stackalloc uint[16], hi = stackalloc uint[16], e0 = stackalloc uint[16], e1 = stackalloc uint[16];
            CounterWords(streamBits, ids, positions, lo, hi, e0, e1); // throws, naming the stream's entity
        }
        var i0 = Vector512.Create<ulong>(ids[..8]);
        var i1 = Vector512.Create<ulong>(ids.Slice(8, 8));
        var c0 = Vector512.Narrow(b0, b1);
        var c1 = Vector512.Narrow(b0 >>> 32, b1 >>> 32) | Vector512.Create(streamBits);
        var c2 = Vector512.Narrow(i0, i1);
        var c3 = Vector512.Narrow(i0 >>> 32, i1 >>> 32);
        var first = Vector512.Narrow(p0, p1) & Vector512.Create(3u);
        var one = Vector512.Create(1u);
        var d0 = c0 + one;
        var d1 = c1 + (Vector512.Equals(d0, Vector512<uint>.Zero) & one);
        var d2 = c2;
        var d3 = c3;
        Generate(ref c0, ref c1, ref c2, ref c3, k0, k1);
        Generate(ref d0, ref d1, ref d2, ref d3, k0, k1);
        // word m of lane j is word first_j + m of the lane's two blocks (c0..c3, d0..d3)
        var f1 = Vector512.Equals(first, one);
        var f2 = Vector512.Equals(first, Vector512.Create(2u));
        var f3 = Vector512.Equals(first, Vector512.Create(3u));
        var w0 = Pick(f1, f2, f3, c0, c1, c2, c3);
        var w1 = Pick(f1, f2, f3, c1, c2, c3, d0);
        var w2 = Pick(f1, f2, f3, c2, c3, d0, d1);
        var w3 = Pick(f1, f2, f3, c3, d0, d1, d2);
        var w4 = Pick(f1, f2, f3, d0, d1, d2, d3);
        // lane-major output: output[5j + m] = w_m[j], five vectors of sixteen words
        var lanes = ScatterLanes;
        for (int t = 0; t < Words; t++)
        {
            var idx = lanes[t];
            var m = ScatterWord[t];
            var r = Vector512.ConditionalSelect(Vector512.Equals(m, Vector512<uint>.Zero), Avx512F.PermuteVar16x32(w0, idx), Avx512F.PermuteVar16x32(w4, idx));
            r = Vector512.ConditionalSelect(Vector512.Equals(m, one), Avx512F.PermuteVar16x32(w1, idx), r);
            r = Vector512.ConditionalSelect(Vector512.Equals(m, Vector512.Create(2u)), Avx512F.PermuteVar16x32(w2, idx), r);
            r = Vector512.ConditionalSelect(Vector512.Equals(m, Vector512.Create(3u)), Avx512F.PermuteVar16x32(w3, idx), r);
            r.CopyTo(output.Slice(16 * t, 16));
        }
        var five = Vector512.Create((ulong)Words);
        (p0 + five).CopyTo(positions);
        (p1 + five).CopyTo(positions[8..]);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<uint> Pick(Vector512<uint> f1, Vector512<uint> f2, Vector512<uint> f3,
        Vector512<uint> a0, Vector512<uint> a1, Vector512<uint> a2, Vector512<uint> a3)
        => Vector512.ConditionalSelect(f3, a3, Vector512.ConditionalSelect(f2, a2, Vector512.ConditionalSelect(f1, a1, a0)));

    /// <summary>Output vector t of Draw16 holds words 16t .. 16t + 15 of the lane-major output: lane (16t + l) / 5, word (16t + l) % 5.</summary>
    private static readonly Vector512<uint>[] ScatterLanes = Enumerable.Range(0, Words)
        .Select(t => Vector512.Create(Enumerable.Range(0, 16).Select(l => (uint)((16 * t + l) / Words)).ToArray())).ToArray();
    private static readonly Vector512<uint>[] ScatterWord = Enumerable.Range(0, Words)
        .Select(t => Vector512.Create(Enumerable.Range(0, 16).Select(l => (uint)((16 * t + l) % Words)).ToArray())).ToArray();

    /// <summary>Each lane's counter (block b = position / 4, with the stream id in the high bits) and key-side entity words.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CounterWords(uint streamBits, ReadOnlySpan<ulong> ids, ReadOnlySpan<ulong> positions, Span<uint> lo, Span<uint> hi, Span<uint> e0, Span<uint> e1,
        ulong lastBlock = StreamKey.MaxBlock - 1)
    {
        for (int j = 0; j < lo.Length; j++)
        {
            ulong b = positions[j] >> 2;
            if (b > lastBlock) throw new InvalidOperationException($"random stream of entity {ids[j]} is exhausted (2^48 blocks)");
            lo[j] = (uint)b;
            hi[j] = (uint)(b >> 32) | streamBits;
            e0[j] = (uint)ids[j];
            e1[j] = (uint)(ids[j] >> 32);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Generate(ref Vector512<uint> c0, ref Vector512<uint> c1, ref Vector512<uint> c2, ref Vector512<uint> c3, uint k0, uint k1)
    {
        var m0 = Vector512.Create(M0);
        var m1 = Vector512.Create(M1);
        var low = Vector512.Create(0xFFFF_FFFFUL);
        for (int r = 0; r < 10; r++)
        {
            // 64-bit products of the even lanes, then of the odd lanes (shifted down), split into high and low words
            var e0 = Avx512F.Multiply(c0, m0);
            var o0 = Avx512F.Multiply((c0.AsUInt64() >>> 32).AsUInt32(), m0);
            var e1 = Avx512F.Multiply(c2, m1);
            var o1 = Avx512F.Multiply((c2.AsUInt64() >>> 32).AsUInt32(), m1);
            var lo0 = ((e0 & low) | (o0 << 32)).AsUInt32();
            var hi0 = ((e0 >>> 32) | (o0 & ~low)).AsUInt32();
            var lo1 = ((e1 & low) | (o1 << 32)).AsUInt32();
            var hi1 = ((e1 >>> 32) | (o1 & ~low)).AsUInt32();
            var n0 = hi1 ^ c1 ^ Vector512.Create(k0);
            var n2 = hi0 ^ c3 ^ Vector512.Create(k1);
            c1 = lo1;
            c3 = lo0;
            c0 = n0;
            c2 = n2;
            k0 += W0;
            k1 += W1;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Generate(ref Vector256<uint> c0, ref Vector256<uint> c1, ref Vector256<uint> c2, ref Vector256<uint> c3, uint k0, uint k1)
    {
        for (int r = 0; r < 10; r++)
        {
            MulHiLo(M0, c0, out var hi0, out var lo0);
            MulHiLo(M1, c2, out var hi1, out var lo1);
            var n0 = hi1 ^ c1 ^ Vector256.Create(k0);
            var n2 = hi0 ^ c3 ^ Vector256.Create(k1);
            c1 = lo1;
            c3 = lo0;
            c0 = n0;
            c2 = n2;
            k0 += W0;
            k1 += W1;
        }
    }

    /// <summary>
    /// Both blocks' rounds in one loop: each block's ten rounds are a chain of dependent multiplies, shifts and blends,
    /// and two chains side by side keep the vector units busy while each waits (Generate twice in a row waited on both).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void GenerateTwo(ref Vector256<uint> c0, ref Vector256<uint> c1, ref Vector256<uint> c2, ref Vector256<uint> c3,
        ref Vector256<uint> d0, ref Vector256<uint> d1, ref Vector256<uint> d2, ref Vector256<uint> d3, uint k0, uint k1)
    {
        for (int r = 0; r < 10; r++)
        {
            var key0 = Vector256.Create(k0);
            var key1 = Vector256.Create(k1);
            MulHiLo(M0, c0, out var chi0, out var clo0);
            MulHiLo(M0, d0, out var dhi0, out var dlo0);
            MulHiLo(M1, c2, out var chi1, out var clo1);
            MulHiLo(M1, d2, out var dhi1, out var dlo1);
            var cn0 = chi1 ^ c1 ^ key0;
            var dn0 = dhi1 ^ d1 ^ key0;
            var cn2 = chi0 ^ c3 ^ key1;
            var dn2 = dhi0 ^ d3 ^ key1;
            c1 = clo1; d1 = dlo1;
            c3 = clo0; d3 = dlo0;
            c0 = cn0; d0 = dn0;
            c2 = cn2; d2 = dn2;
            k0 += W0;
            k1 += W1;
        }
    }

    /// <summary>The rare path of a vector draw whose group holds an exhausted stream: finds it and throws, naming its entity.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowExhausted(uint streamBits, ReadOnlySpan<ulong> ids, ReadOnlySpan<ulong> positions, ulong lastBlock = StreamKey.MaxBlock - 1)
    {
        Span<uint> lo = stackalloc uint[16], hi = stackalloc uint[16], e0 = stackalloc uint[16], e1 = stackalloc uint[16];
        int n = Math.Min(16, ids.Length);
        CounterWords(streamBits, ids[..n], positions[..n], lo[..n], hi[..n], e0[..n], e1[..n], lastBlock);
        throw new InvalidOperationException("a random stream is exhausted (2^48 blocks)"); // not reached: CounterWords threw
    }

    /// <summary>The 64-bit products m x c of the eight lanes, split into high and low words (vpmuludq on even, then odd lanes).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void MulHiLo(uint m, Vector256<uint> c, out Vector256<uint> hi, out Vector256<uint> lo)
    {
        var mv = Vector256.Create(m);
        var even = Avx2.Multiply(c, mv).AsUInt32();                                   // lanes 0,2,4,6: lo at 2j, hi at 2j+1
        var odd = Avx2.Multiply(Avx2.ShiftRightLogical(c.AsUInt64(), 32).AsUInt32(), mv).AsUInt32(); // lanes 1,3,5,7
        lo = Avx2.Blend(even, Avx2.ShiftLeftLogical(odd.AsUInt64(), 32).AsUInt32(), 0b1010_1010);
        hi = Avx2.Blend(Avx2.ShiftRightLogical(even.AsUInt64(), 32).AsUInt32(), odd, 0b1010_1010);
    }
}
