using AgentSpines.EventLog.Writing;
namespace AgentSpines.EventLog.Schema;

/// <summary>
/// One row of the <c>snapshots</c> table: the state of one living spine at a census time (hours). Geometry in um,
/// head volume in um^3, ages in hours. AMPA/NMDA content: receptor content of the synapse relative to a mature one
/// (0..1; silent = no AMPARs), from the silent-synapse cycle (1 and 1 when the cycle is off).
/// </summary>
public readonly record struct SnapshotRecord(
    double TimeH,
    long DendriteId,
    long SegmentId,
    long SpineId,
    double PositionUm,
    string State,
    bool Silent,
    double HeadVolumeUm3,
    double HeadWidthUm,
    double NeckLengthUm,
    double NeckDiameterUm,
    double AgeH,
    double FormedAtH,
    string Arm,
    double AmpaContent = 1,
    double NmdaContent = 1) : ITableRow<SnapshotRecord>
{
    public static TableSchema Schema { get; } = new("snapshots",
        ColumnSpec.Double("time_h", dictionary: true, unit: "h"),
        ColumnSpec.Int64("dendrite_id", dictionary: true),
        ColumnSpec.Int64("segment_id", dictionary: true),
        ColumnSpec.Int64("spine_id"),
        ColumnSpec.Double("position_um", unit: "um"),
        ColumnSpec.String("state", dictionary: true),
        ColumnSpec.Boolean("silent"),
        ColumnSpec.Double("head_volume_um3", unit: "um^3"),
        ColumnSpec.Double("head_width_um", unit: "um"),
        ColumnSpec.Double("neck_length_um", unit: "um"),
        ColumnSpec.Double("neck_diameter_um", unit: "um"),
        ColumnSpec.Double("age_h", unit: "h"),
        ColumnSpec.Double("formed_at_h", unit: "h"),
        ColumnSpec.String("arm", dictionary: true),
        ColumnSpec.Double("ampa_content"),
        ColumnSpec.Double("nmda_content"));

    public void WriteTo(ParquetFileWriter w)
    {
        w.SetDouble(0, TimeH);
        w.SetInt64(1, DendriteId);
        w.SetInt64(2, SegmentId);
        w.SetInt64(3, SpineId);
        w.SetDouble(4, PositionUm);
        w.SetString(5, State);
        w.SetBoolean(6, Silent);
        w.SetDouble(7, HeadVolumeUm3);
        w.SetDouble(8, HeadWidthUm);
        w.SetDouble(9, NeckLengthUm);
        w.SetDouble(10, NeckDiameterUm);
        w.SetDouble(11, AgeH);
        w.SetDouble(12, FormedAtH);
        w.SetString(13, Arm);
        w.SetDouble(14, AmpaContent);
        w.SetDouble(15, NmdaContent);
    }
}
