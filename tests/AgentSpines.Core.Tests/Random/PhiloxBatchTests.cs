using AgentSpines.Core.Random;
using System.Runtime.Intrinsics;

namespace AgentSpines.Core.Tests.Random;

/// <summary>PhiloxBatch gives every stream exactly the words its RandomStream gives from the same position, on both paths.</summary>
public class PhiloxBatchTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void BatchWordsAreTheStreamsOwnWordsStepAfterStep(bool vectorized)
    {
        const ulong seed = 0x1234_5678_9ABC_DEF0UL;
        const int n = 45; // two groups of sixteen (AVX-512), one of eight (AVX2) and a scalar tail
        var ids = Enumerable.Range(0, n).Select(i => (ulong)i * 0x1_0000_0001UL + 7).ToArray();
        var streams = ids.Select(id => new RandomStream(seed, id, StreamId.LifeCycle)).ToArray();
        // start the streams at different word offsets, as spines born and seeded at different times are
        for (int i = 0; i < n; i++) for (int k = 0; k < i % 7; k++) streams[i].NextUInt32();
        var positions = streams.Select(s => s.WordsUsed).ToArray();
        Assert.Equal(Enumerable.Range(0, n).Select(i => (ulong)(i % 7)), positions);
        var words = new uint[PhiloxBatch.Words * n];
        for (int step = 0; step < 9; step++)
        {
            PhiloxBatch.Draw5(seed, StreamId.LifeCycle, ids, positions, words, vectorized);
            for (int i = 0; i < n; i++)
            {
                for (int k = 0; k < PhiloxBatch.Words; k++) Assert.Equal(streams[i].NextUInt32(), words[PhiloxBatch.Words * i + k]);
                Assert.Equal(streams[i].WordsUsed, positions[i]);
            }
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void TheBlockCounterCarriesIntoItsHighWord(bool vectorized)
    {
        // block 2^32 - 1 and the next one straddle the low and high words of the counter
        const ulong seed = 99;
        ulong start = (1UL << 32) - 1;
        var ids = Enumerable.Range(0, 24).Select(i => (ulong)i + 1).ToArray(); // sixteen (AVX-512) and eight (AVX2)
        var positions = ids.Select((_, i) => start * 4 + (ulong)(i % 4)).ToArray();
        var expected = ids.Select((id, i) =>
        {
            var s = new RandomStream(seed, id, StreamId.Activity, startBlock: start);
            for (int k = 0; k < i % 4; k++) s.NextUInt32();
            return Enumerable.Range(0, PhiloxBatch.Words).Select(_ => s.NextUInt32()).ToArray();
        }).SelectMany(w => w).ToArray();
        var words = new uint[PhiloxBatch.Words * ids.Length];
        PhiloxBatch.Draw5(seed, StreamId.Activity, ids, positions, words, vectorized);
        Assert.Equal(expected, words);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void OneWordPerStreamIsTheStreamsWordAtItsPosition(bool vectorized)
    {
        const ulong seed = 0xFEED_0000_1111_2222UL;
        const int n = 45; // two groups of sixteen (AVX-512), one of eight (AVX2) and a scalar tail
        var ids = Enumerable.Range(0, n).Select(i => (ulong)i * 0x9_0000_0007UL + 3).ToArray();
        var streams = ids.Select(id => new RandomStream(seed, id, StreamId.Activity)).ToArray();
        for (int i = 0; i < n; i++) for (int k = 0; k < i % 11; k++) streams[i].NextUInt32();
        var positions = streams.Select(s => s.WordsUsed).ToArray();
        var words = new uint[n];
        for (int step = 0; step < 9; step++)
        {
            PhiloxBatch.Draw1(seed, StreamId.Activity, ids, positions, words, vectorized);
            for (int i = 0; i < n; i++)
            {
                Assert.Equal(streams[i].WordsUsed, positions[i]); // not moved
                Assert.Equal(streams[i].NextUInt32(), words[i]);
                positions[i]++;
            }
        }
        // blocks on either side of 2^32 (the counter's high word) and the last block of a stream
        var far = ids.Select((_, i) => i % 3 == 0 ? ((1UL << 32) - 1) * 4 + (ulong)(i % 4) : i % 3 == 1 ? (1UL << 32) * 4 + (ulong)(i % 4) : StreamKey.MaxBlock * 4 + (ulong)(i % 4)).ToArray();
        PhiloxBatch.Draw1(seed, StreamId.Activity, ids, far, words, vectorized);
        for (int i = 0; i < n; i++) Assert.Equal(RandomStream.AtWord(seed, ids[i], StreamId.Activity, far[i]).NextUInt32(), words[i]);
        // a stream positioned at a word gives what the stream that drew that many gives
        for (int i = 0; i < n; i++)
        {
            var at = RandomStream.AtWord(seed, ids[i], StreamId.Activity, positions[i]);
            Assert.Equal(positions[i], at.WordsUsed);
            Assert.Equal(streams[i].NextUInt32(), at.NextUInt32());
        }
    }

    [Fact]
    public void OneWordPerStreamVectorFormIsTheScalarFormBitForBit()
    {
        // random 64-bit ids and positions across the whole counter range (both words of the block, every word of a
        // block): the vector form (AVX2: four streams per vector in 64-bit lanes) against the scalar loop
        var rng = new System.Random(17);
        const int n = 1003;
        var ids = Enumerable.Range(0, n).Select(_ => (ulong)rng.NextInt64() ^ (ulong)rng.NextInt64() << 1).ToArray();
        var positions = Enumerable.Range(0, n).Select(i => i % 4 == 0 ? (ulong)rng.NextInt64(0, 1L << 20)
            : (ulong)rng.NextInt64(0, (long)(StreamKey.MaxBlock * 4 + 3))).ToArray();
        var vector = new uint[n];
        var scalar = new uint[n];
        foreach (var stream in new[] { StreamId.Activity, StreamId.LifeCycle })
        {
            PhiloxBatch.Draw1(0xDEAD_BEEF_0BAD_F00DUL, stream, ids, positions, vector, vectorized: true);
            PhiloxBatch.Draw1(0xDEAD_BEEF_0BAD_F00DUL, stream, ids, positions, scalar, vectorized: false);
            Assert.Equal(scalar, vector);
            Assert.Contains(vector, w => w >= 1u << 31); // the words use their high bits (not narrowed wrongly)
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void AnExhaustedStreamIsRefusedAndNamedOnEveryPath(bool vectorized)
    {
        // 24 streams (a group of sixteen or eight, then the rest); entity 107 is past its last block. Five words need
        // the block after the position's too, so its last block is already too far for them; one word is not.
        var ids = Enumerable.Range(0, 24).Select(i => (ulong)i + 100).ToArray();
        ulong[] At(ulong block) => Enumerable.Range(0, 24).Select(i => i == 7 ? block * 4 : 0UL).ToArray();
        var five = Assert.Throws<InvalidOperationException>(() =>
            PhiloxBatch.Draw5(1, StreamId.LifeCycle, ids, At(StreamKey.MaxBlock), new uint[PhiloxBatch.Words * 24], vectorized));
        Assert.Contains("entity 107 is exhausted", five.Message);
        var one = Assert.Throws<InvalidOperationException>(() =>
            PhiloxBatch.Draw1(1, StreamId.Activity, ids, At(StreamKey.MaxBlock + 1), new uint[24], vectorized));
        Assert.Contains("entity 107 is exhausted", one.Message);
        // the last block itself is still a stream's to draw one word from
        var words = new uint[24];
        PhiloxBatch.Draw1(1, StreamId.Activity, ids, At(StreamKey.MaxBlock), words, vectorized);
        Assert.Equal(RandomStream.AtWord(1, 107, StreamId.Activity, StreamKey.MaxBlock * 4).NextUInt32(), words[7]);
    }

    [Fact]
    public void OneWordsOfEightStreamsInRegistersAreTheScalarWordsBitForBit()
    {
        // the eight-stream form a caller holds in registers (the activity's pass 1 draws its words as it goes): random
        // 64-bit ids and positions across the whole counter range against the scalar loop, and the exhausted stream named
        if (!System.Runtime.Intrinsics.X86.Avx2.IsSupported) return; // the form needs AVX2
        var rng = new System.Random(29);
        const int n = 808;
        var ids = Enumerable.Range(0, n).Select(_ => (ulong)rng.NextInt64() ^ (ulong)rng.NextInt64() << 1).ToArray();
        var positions = Enumerable.Range(0, n).Select(i => i % 4 == 0 ? (ulong)rng.NextInt64(0, 1L << 20)
            : (ulong)rng.NextInt64(0, (long)(StreamKey.MaxBlock * 4 + 3))).ToArray();
        foreach (var (seed, stream) in new[] { (0xDEAD_BEEF_0BAD_F00DUL, StreamId.Activity), (3UL, StreamId.LifeCycle) })
        {
            var scalar = new uint[n];
            PhiloxBatch.Draw1(seed, stream, ids, positions, scalar, vectorized: false);
            var keys = new PhiloxBatch.OneWordKeys(seed, stream);
            var vector = new uint[n];
            for (int i = 0; i < n; i += 8)
                PhiloxBatch.OneWords(in keys, Vector256.Create(positions.AsSpan(i, 4)), Vector256.Create(positions.AsSpan(i + 4, 4)),
                    Vector256.Create(ids.AsSpan(i, 4)), Vector256.Create(ids.AsSpan(i + 4, 4))).CopyTo(vector.AsSpan(i));
            Assert.Equal(scalar, vector);
            Assert.Contains(vector, w => w >= 1u << 31);
        }
        var past = positions[..8].ToArray();
        past[5] = (StreamKey.MaxBlock + 1) * 4;
        var e = Assert.Throws<InvalidOperationException>(() => PhiloxBatch.OneWords(new PhiloxBatch.OneWordKeys(1, StreamId.Activity),
            Vector256.Create(past.AsSpan(0, 4)), Vector256.Create(past.AsSpan(4, 4)),
            Vector256.Create(ids.AsSpan(0, 4)), Vector256.Create(ids.AsSpan(4, 4))));
        Assert.Contains($"entity {ids[5]} is exhausted", e.Message);
        // (the test is one for both halves of eight: any lane, from the first block past the last to the largest position)
        for (int lane = 0; lane < 8; lane++)
            foreach (ulong at in new[] { (StreamKey.MaxBlock + 1) * 4, (StreamKey.MaxBlock + 1) * 4 + 3, 1UL << 63, ulong.MaxValue })
            {
                var p = positions[..8].ToArray();
                p[lane] = at;
                var x = Assert.Throws<InvalidOperationException>(() => PhiloxBatch.OneWords(new PhiloxBatch.OneWordKeys(1, StreamId.Activity),
                    Vector256.Create(p.AsSpan(0, 4)), Vector256.Create(p.AsSpan(4, 4)), Vector256.Create(ids.AsSpan(0, 4)), Vector256.Create(ids.AsSpan(4, 4))));
                Assert.Contains($"entity {ids[lane]} is exhausted", x.Message);
            }
    }
}
