using AgentSpines.Core.Random;

namespace AgentSpines.Core.Tests.Random;

/// <summary>
/// The block cache gives exactly Draw1's words whatever its slots do between calls (streams moving on by 0 or 1 word,
/// slots taken by other entities, the number of slots growing), and makes a block only when a slot needs a new one.
/// </summary>
public class PhiloxBlockCacheTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void BlocksAreTheStreamsFourWordsFromTheBlocksFirstWord(bool vectorized)
    {
        const ulong seed = 0x0BAD_CAFE_0000_0001UL;
        const int n = 27; // three groups of eight and a scalar tail
        var ids = Enumerable.Range(0, n).Select(i => (ulong)i * 0x3_0000_0011UL + 5).ToArray();
        // ordinary blocks, the counter's high word, the last block of a stream
        var blocks = ids.Select((_, i) => i % 3 == 0 ? (ulong)i * 7 : i % 3 == 1 ? (1UL << 32) - 1 + (ulong)(i % 2) : StreamKey.MaxBlock).ToArray();
        var words = new uint[4 * n];
        PhiloxBatch.DrawBlocks(seed, StreamId.Activity, ids, blocks, words, vectorized);
        for (int k = 0; k < n; k++)
        {
            var s = RandomStream.AtWord(seed, ids[k], StreamId.Activity, 4 * blocks[k]);
            for (int m = 0; m < 4; m++) Assert.Equal(s.NextUInt32(), words[4 * k + m]);
        }
        blocks[n - 1] = StreamKey.MaxBlock + 1;
        Assert.Throws<InvalidOperationException>(() => PhiloxBatch.DrawBlocks(seed, StreamId.Activity, ids, blocks, words, vectorized));
    }

    [Fact]
    public void CachedWordsAreDraw1sWhateverTheSlotsDo()
    {
        const ulong seed = 77;
        var rng = new System.Random(5);
        var cache = new PhiloxBlockCache();
        int n = 40;
        var ids = Enumerable.Range(0, 200).Select(i => (ulong)i * 0x1_0000_0003UL + 1).ToArray();
        var positions = Enumerable.Range(0, 200).Select(_ => (ulong)rng.Next(0, 50)).ToArray();
        var expected = new uint[200];
        var got = new uint[200];
        long blocksBefore = 0;
        for (int step = 0; step < 60; step++)
        {
            if (step == 30) n = 200; // more slots: the cache grows and keeps what it had
            PhiloxBatch.Draw1(seed, StreamId.Activity, ids.AsSpan(0, n), positions.AsSpan(0, n), expected.AsSpan(0, n));
            cache.Draw1(seed, StreamId.Activity, ids.AsSpan(0, n), positions.AsSpan(0, n), got.AsSpan(0, n));
            Assert.Equal(expected.AsSpan(0, n).ToArray(), got.AsSpan(0, n).ToArray());
            if (step > 0 && step != 30)
                Assert.InRange(cache.BlocksMade - blocksBefore, 0, n / 2); // about a quarter of the moving streams need a new block
            blocksBefore = cache.BlocksMade;
            for (int i = 0; i < n; i++)
            {
                int r = rng.Next(0, 10);
                if (r < 6) positions[i]++;                                        // used its word
                else if (r == 9) { ids[i] += 1000; positions[i] = (ulong)rng.Next(0, 9); } // another entity in the slot
            }
        }
    }
}
