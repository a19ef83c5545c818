using AgentSpines.EventLog;

namespace AgentSpines.Actors.Population;

/// <summary>
/// The tables of particle exchange in a population run: `spine_exposure` (per spine, species and structural step
/// in which the spine held or received particles: arrivals, mean and peak occupancy, occupancy at the end) and, in
/// trace mode, `exchange_events` (every capture, release and reaction). Spines without any particle in a step
/// have no exposure row.
/// </summary>
public sealed class ExchangeTables(IReadOnlyList<string> species, string arm, ParquetFileWriter exposure, ParquetFileWriter? trace) : IDisposable
{
    public static readonly TableSchema Exposure = new("spine_exposure",
        ColumnSpec.Double("time_h", unit: "h"),
        ColumnSpec.Int64("dendrite_id", dictionary: true),
        ColumnSpec.Int64("segment_id", dictionary: true),
        ColumnSpec.Int64("spine_id"),
        ColumnSpec.String("species", dictionary: true),
        ColumnSpec.Int32("arrivals", unit: "count/step"),
        ColumnSpec.Double("mean_occupancy", unit: "particles"),
        ColumnSpec.Int32("peak_occupancy", unit: "particles"),
        ColumnSpec.Int32("occupancy", unit: "particles"),
        ColumnSpec.String("arm", dictionary: true));

    public static readonly TableSchema Trace = new("exchange_events",
        ColumnSpec.Double("time_h", unit: "h"),
        ColumnSpec.Int64("dendrite_id", dictionary: true),
        ColumnSpec.Int64("spine_id"),
        ColumnSpec.String("species", dictionary: true),
        ColumnSpec.Int64("particle"),
        ColumnSpec.String("kind", dictionary: true),
        ColumnSpec.String("arm", dictionary: true));

    public void Append(ExposureRows rows)
    {
        foreach (var r in rows.Rows)
        {
            ulong segment = r.SpineId >> 32;
            exposure.SetDouble(0, rows.TimeH);
            exposure.SetInt64(1, (long)(segment >> 16) - 1);
            exposure.SetInt64(2, (long)segment);
            exposure.SetInt64(3, (long)r.SpineId);
            exposure.SetString(4, species[r.Species]);
            exposure.SetInt32(5, r.Arrivals);
            exposure.SetDouble(6, r.MeanOccupancy);
            exposure.SetInt32(7, r.PeakOccupancy);
            exposure.SetInt32(8, r.Occupancy);
            exposure.SetString(9, arm);
            exposure.EndRow();
        }
        if (trace is null || rows.Trace is null) return;
        foreach (var e in rows.Trace)
        {
            trace.SetDouble(0, e.TimeH);
            trace.SetInt64(1, (long)(e.SpineId >> 48) - 1);
            trace.SetInt64(2, (long)e.SpineId);
            trace.SetString(3, species[e.Species]);
            trace.SetInt64(4, e.Particle);
            trace.SetString(5, e.Delta > 0 ? "capture" : e.Reaction ? "reaction" : "release");
            trace.SetString(6, arm);
            trace.EndRow();
        }
    }

    public void Close()
    {
        exposure.Close();
        trace?.Close();
    }

    public void Dispose()
    {
        exposure.Dispose();
        trace?.Dispose();
    }
}
