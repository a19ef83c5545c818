using AgentSpines.Core.Identity;

namespace AgentSpines.Core.Tests.Identity;

public class SpineIdTests
{
    [Theory]
    [InlineData(0, 0, 0u)]
    [InlineData(7, 3, 41u)]
    [InlineData(SpineId.MaxDendrites - 1, SpineId.MaxSegmentsPerDendrite - 1, uint.MaxValue)]
    public void DecodesWhatItEncodes(int dendrite, int segment, uint counter)
    {
        ulong seg = SpineId.SegmentIdOf(dendrite, segment);
        var id = SpineId.Of(seg, counter);
        Assert.Equal(seg, id.SegmentId);
        Assert.Equal(dendrite, id.Dendrite);
        Assert.Equal(segment, id.SegmentIndex);
        Assert.Equal(counter, id.Counter);
        Assert.Equal(dendrite, SpineId.DendriteOfSegment(seg));
        Assert.Equal(segment, SpineId.IndexOfSegment(seg));
    }

    [Fact]
    public void KeepsTheLayoutTheRandomStreamsAreKeyedBy()
    {
        // (dendrite + 1) << 16 | segment for segments, segment << 32 | counter for spines: changing it changes every run
        Assert.Equal(((ulong)(4 + 1) << 16) | 9, SpineId.SegmentIdOf(4, 9));
        Assert.Equal((SpineId.SegmentIdOf(4, 9) << 32) | 17, SpineId.Of(SpineId.SegmentIdOf(4, 9), 17).Value);
    }

    [Fact]
    public void OrdersByDendriteThenSegmentThenCounter()
    {
        var ids = new[] { SpineId.Of(SpineId.SegmentIdOf(1, 0), 0), SpineId.Of(SpineId.SegmentIdOf(0, 5), 9), SpineId.Of(SpineId.SegmentIdOf(0, 5), 2), SpineId.Of(SpineId.SegmentIdOf(0, 6), 0) };
        var sorted = ids.Order().Select(i => (i.Dendrite, i.SegmentIndex, i.Counter)).ToArray();
        Assert.Equal(new[] { (0, 5, 2u), (0, 5, 9u), (0, 6, 0u), (1, 0, 0u) }, sorted);
    }

    [Theory]
    [InlineData(-1, 0)]
    [InlineData(SpineId.MaxDendrites, 0)]
    [InlineData(0, SpineId.MaxSegmentsPerDendrite)]
    public void RefusesIndicesOutsideTheLayout(int dendrite, int segment)
        => Assert.Throws<ArgumentOutOfRangeException>(() => SpineId.SegmentIdOf(dendrite, segment));
}
