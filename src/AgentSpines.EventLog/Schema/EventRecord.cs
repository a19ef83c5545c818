using AgentSpines.EventLog.Writing;
namespace AgentSpines.EventLog.Schema;

/// <summary>
/// One row of the <c>events</c> table: a structural or physics event of one spine. Times in hours, lengths in um,
/// volumes in um^3. Optional fields are null when they do not apply (e.g. no volume before a formation).
/// Write with <c>DatasetWriter.Open&lt;EventRecord&gt;(partition, shard).Append(row)</c>.
/// </summary>
public readonly record struct EventRecord(
    double TimeH,
    long DendriteId,
    long SegmentId,
    long SpineId,
    string EventType,
    string? StateBefore,
    string? StateAfter,
    double? HeadVolumeBeforeUm3,
    double? HeadVolumeAfterUm3,
    double? NeckLengthUm,
    double? NeckDiameterUm,
    double PositionUm,
    string Cause,
    string? Drug,
    string Arm) : ITableRow<EventRecord>
{
    public static TableSchema Schema { get; } = new("events",
        ColumnSpec.Double("time_h", unit: "h"),
        ColumnSpec.Int64("dendrite_id", dictionary: true),
        ColumnSpec.Int64("segment_id", dictionary: true),
        ColumnSpec.Int64("spine_id"),
        ColumnSpec.String("event_type", dictionary: true),
        ColumnSpec.String("state_before", optional: true, dictionary: true),
        ColumnSpec.String("state_after", optional: true, dictionary: true),
        ColumnSpec.Double("head_volume_before_um3", optional: true, dictionary: true, unit: "um^3"),
        ColumnSpec.Double("head_volume_after_um3", optional: true, dictionary: true, unit: "um^3"),
        ColumnSpec.Double("neck_length_um", optional: true, dictionary: true, unit: "um"),
        ColumnSpec.Double("neck_diameter_um", optional: true, dictionary: true, unit: "um"),
        ColumnSpec.Double("position_um", unit: "um"),
        ColumnSpec.String("cause", dictionary: true),
        ColumnSpec.String("drug", optional: true, dictionary: true),
        ColumnSpec.String("arm", dictionary: true));

    public void WriteTo(ParquetFileWriter w)
    {
        w.SetDouble(0, TimeH);
        w.SetInt64(1, DendriteId);
        w.SetInt64(2, SegmentId);
        w.SetInt64(3, SpineId);
        w.SetString(4, EventType);
        w.SetString(5, StateBefore);
        w.SetString(6, StateAfter);
        w.SetDouble(7, HeadVolumeBeforeUm3);
        w.SetDouble(8, HeadVolumeAfterUm3);
        w.SetDouble(9, NeckLengthUm);
        w.SetDouble(10, NeckDiameterUm);
        w.SetDouble(11, PositionUm);
        w.SetString(12, Cause);
        w.SetString(13, Drug);
        w.SetString(14, Arm);
    }
}
