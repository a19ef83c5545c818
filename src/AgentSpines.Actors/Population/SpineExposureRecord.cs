using AgentSpines.Core.Identity;
using AgentSpines.EventLog.Schema;
using AgentSpines.EventLog.Writing;

namespace AgentSpines.Actors.Population;

/// <summary>
/// One row of `spine_exposure`: a spine's exposure to one species over the structural step that ends at TimeH
/// (particle arrivals, mean and peak occupancy, occupancy at the end). Spines without any particle have no row.
/// </summary>
public readonly record struct SpineExposureRecord(double TimeH, ulong SpineId, double PositionUm, string Species, int Arrivals, double MeanOccupancy,
    int PeakOccupancy, int Occupancy, string Arm) : ITableRow<SpineExposureRecord>
{
    public static TableSchema Schema { get; } = new("spine_exposure",
        ColumnSpec.Double("time_h", unit: "h"),
        ColumnSpec.Int64("dendrite_id", dictionary: true),
        ColumnSpec.Int64("segment_id", dictionary: true),
        ColumnSpec.Int64("spine_id"),
        ColumnSpec.Double("position_um", unit: "um"),
        ColumnSpec.String("species", dictionary: true),
        ColumnSpec.Int32("arrivals", unit: "count/step"),
        ColumnSpec.Double("mean_occupancy", unit: "particles"),
        ColumnSpec.Int32("peak_occupancy", unit: "particles"),
        ColumnSpec.Int32("occupancy", unit: "particles"),
        ColumnSpec.String("arm", dictionary: true));

    public void WriteTo(ParquetFileWriter w)
    {
        var id = new SpineId(SpineId);
        w.SetDouble(0, TimeH);
        w.SetInt64(1, id.Dendrite);
        w.SetInt64(2, (long)id.SegmentId);
        w.SetInt64(3, (long)SpineId);
        w.SetDouble(4, PositionUm);
        w.SetString(5, Species);
        w.SetInt32(6, Arrivals);
        w.SetDouble(7, MeanOccupancy);
        w.SetInt32(8, PeakOccupancy);
        w.SetInt32(9, Occupancy);
        w.SetString(10, Arm);
    }
}
