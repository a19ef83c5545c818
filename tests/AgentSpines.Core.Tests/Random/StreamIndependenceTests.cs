using AgentSpines.Core.Random;

namespace AgentSpines.Core.Tests.Random;

public class StreamIndependenceTests
{
    [Fact]
    public void SameKeyGivesSameSequence()
    {
        var a = new RandomStream(42, 17, StreamId.SizeNoise);
        var b = new RandomStream(42, 17, StreamId.SizeNoise);
        for (int i = 0; i < 1000; i++) Assert.Equal(a.NextUInt32(), b.NextUInt32());
    }

    [Fact]
    public void ARestartedStreamIsANewStreamOfItsKey()
    {
        // one object drawing several entities' streams in turn (seeding, births): each time exactly a new stream's numbers,
        // also when the last one left words in its buffer and a spare normal behind
        var reused = new RandomStream(42, 1, StreamId.LifeCycle);
        for (ulong id = 1; id <= 40; id++)
        {
            reused.Restart(42, id, StreamId.LifeCycle);
            var fresh = new RandomStream(42, id, StreamId.LifeCycle);
            Assert.Equal(fresh.WordsUsed, reused.WordsUsed);
            int draws = (int)(id % 7);
            for (int i = 0; i < draws; i++) Assert.Equal(fresh.NextUInt32(), reused.NextUInt32());
            Assert.Equal(fresh.NextNormal(), reused.NextNormal()); // the first of a pair: the second stays as the spare
            if (id % 2 == 0) Assert.Equal(fresh.NextNormal(), reused.NextNormal());
            Assert.Equal(fresh.NextDouble(), reused.NextDouble());
            Assert.Equal(fresh.WordsUsed, reused.WordsUsed);
        }
    }

    [Fact]
    public void ResumingFromBlocksUsedContinuesTheSequence()
    {
        var a = new RandomStream(42, 17, StreamId.SizeNoise);
        for (int i = 0; i < 40; i++) a.NextUInt32();
        var b = new RandomStream(42, 17, StreamId.SizeNoise, a.BlocksUsed);
        var expected = new RandomStream(42, 17, StreamId.SizeNoise);
        for (int i = 0; i < 40; i++) expected.NextUInt32();
        Assert.Equal(expected.NextUInt32(), b.NextUInt32());
    }

    [Fact]
    public void ResumingMidBlockSkipsToTheNextBlock()
    {
        // Blocks are made two at a time; BlocksUsed counts only those a word was drawn from.
        for (int drawn = 0; drawn <= 20; drawn++)
        {
            var a = new RandomStream(42, 17, StreamId.SizeNoise);
            for (int i = 0; i < drawn; i++) a.NextUInt32();
            Assert.Equal((ulong)((drawn + 3) / 4), a.BlocksUsed);
            var b = new RandomStream(42, 17, StreamId.SizeNoise, a.BlocksUsed);
            var expected = new RandomStream(42, 17, StreamId.SizeNoise);
            for (int i = 0; i < (drawn + 3) / 4 * 4; i++) expected.NextUInt32();
            Assert.Equal(expected.NextUInt32(), b.NextUInt32());
        }
    }

    [Theory]
    [InlineData(0ul, 8)]
    [InlineData(1ul, 4)]
    public void TheLastBlockIsUsedAndNothingBeyond(ulong fromEnd, int words)
    {
        const ulong lastBlock = (1UL << 48) - 1;
        var a = new RandomStream(42, 17, StreamId.SizeNoise, lastBlock - 1 + fromEnd);
        var single = new RandomStream(42, 17, StreamId.SizeNoise, lastBlock);
        for (int i = 0; i < words - 4; i++) a.NextUInt32();
        for (int i = 0; i < 4; i++) Assert.Equal(single.NextUInt32(), a.NextUInt32());
        Assert.Equal(lastBlock + 1, a.BlocksUsed);
        Assert.Throws<InvalidOperationException>(() => a.NextUInt32());
    }

    [Theory]
    [InlineData(42ul, 17ul, (ushort)3, 43ul, 17ul, (ushort)3)]
    [InlineData(42ul, 17ul, (ushort)3, 42ul, 18ul, (ushort)3)]
    [InlineData(42ul, 17ul, (ushort)3, 42ul, 17ul, (ushort)4)]
    [InlineData(42ul, 1ul << 40, (ushort)3, 42ul, 0ul, (ushort)3)]
    public void DifferentKeysAreUncorrelated(ulong s1, ulong e1, ushort t1, ulong s2, ulong e2, ushort t2)
    {
        var a = new RandomStream(s1, e1, t1);
        var b = new RandomStream(s2, e2, t2);
        const int n = 20000;
        double sab = 0, sa = 0, sb = 0, saa = 0, sbb = 0;
        int equal = 0;
        for (int i = 0; i < n; i++)
        {
            uint ua = a.NextUInt32(), ub = b.NextUInt32();
            if (ua == ub) equal++;
            double x = ua / 4294967296.0, y = ub / 4294967296.0;
            sab += x * y; sa += x; sb += y; saa += x * x; sbb += y * y;
        }
        double cov = sab / n - sa / n * (sb / n);
        double r = cov / Math.Sqrt((saa / n - sa * sa / n / n) * (sbb / n - sb * sb / n / n));
        Assert.True(equal < 3, $"{equal} equal words");
        Assert.InRange(r, -4.0 / Math.Sqrt(n), 4.0 / Math.Sqrt(n)); // |r| below 4 standard errors
    }

    [Fact]
    public void ReplicateKeysDiffer()
    {
        var keys = Enumerable.Range(0, 1000).Select(r => RunSeed.ForReplicate(7, r)).ToHashSet();
        Assert.Equal(1000, keys.Count);
    }
}
