namespace AgentSpines.Core.Identity;

/// <summary>
/// The id of a spine, and the one place that knows its bit layout. A segment id is (dendrite + 1) &lt;&lt; 16 | segment
/// index (dendrite + 1 in 1..0xFFFF, index in 0..0xFFFF); a spine id is segment id &lt;&lt; 32 | counter, the counter
/// counting the spines its segment ever made. So ids sort by dendrite, then segment, then birth order, and an id
/// names its segment and dendrite without a lookup. Random streams are keyed by these values, so they never change.
/// </summary>
public readonly record struct SpineId(ulong Value) : IComparable<SpineId>
{
    private const int CounterBits = 32, SegmentIndexBits = 16;
    private const ulong SegmentIndexMask = (1UL << SegmentIndexBits) - 1;

    /// <summary>Most dendrites a run can have (dendrite + 1 must fit the 16 bits above the segment index).</summary>
    public const int MaxDendrites = 65_535;
    /// <summary>Most segments a dendrite can have.</summary>
    public const int MaxSegmentsPerDendrite = 65_536;

    public static SpineId Of(ulong segmentId, uint counter) => new((segmentId << CounterBits) | counter);

    public static ulong SegmentIdOf(int dendrite, int segmentIndex)
    {
        if ((uint)dendrite >= MaxDendrites) throw new ArgumentOutOfRangeException(nameof(dendrite), dendrite, $"a dendrite index in [0, {MaxDendrites})");
        if ((uint)segmentIndex >= MaxSegmentsPerDendrite) throw new ArgumentOutOfRangeException(nameof(segmentIndex), segmentIndex, $"a segment index in [0, {MaxSegmentsPerDendrite})");
        return ((ulong)(dendrite + 1) << SegmentIndexBits) | (uint)segmentIndex;
    }

    /// <summary>The dendrite (0-based) of a segment id.</summary>
    public static int DendriteOfSegment(ulong segmentId) => (int)(segmentId >> SegmentIndexBits) - 1;

    /// <summary>The index of a segment along its dendrite.</summary>
    public static int IndexOfSegment(ulong segmentId) => (int)(segmentId & SegmentIndexMask);

    public ulong SegmentId => Value >> CounterBits;
    public uint Counter => (uint)Value;
    public int Dendrite => DendriteOfSegment(SegmentId);
    public int SegmentIndex => IndexOfSegment(SegmentId);

    public int CompareTo(SpineId other) => Value.CompareTo(other.Value);
    public override string ToString() => $"spine {Dendrite}/{SegmentIndex}/{Counter}";
}
