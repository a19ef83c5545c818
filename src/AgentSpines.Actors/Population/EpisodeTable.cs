using AgentSpines.Core.Identity;
using AgentSpines.EventLog.Schema;
using AgentSpines.EventLog.Writing;

namespace AgentSpines.Actors.Population;

/// <summary>The `episodes` table: per spine and structural step, what its electrodiffusion episodes amounted to.</summary>
public static class EpisodeTable
{
    public static readonly TableSchema Schema = new("episodes",
        ColumnSpec.Double("time_h", unit: "h"),
        ColumnSpec.Int64("dendrite_id", dictionary: true),
        ColumnSpec.Int64("segment_id", dictionary: true),
        ColumnSpec.Int64("spine_id"),
        ColumnSpec.Int32("episodes", unit: "count/step"),
        ColumnSpec.Double("mean_peak_depolarization_mv", unit: "mV"),
        ColumnSpec.Double("mean_nmda_boost", unit: "1"),
        ColumnSpec.Double("nmda_charge_fc", unit: "fC"),
        ColumnSpec.Double("calcium_um_s", unit: "uM*s"),
        ColumnSpec.String("arm", dictionary: true));

    public static void Append(ParquetFileWriter w, EpisodeAggregate e, string arm)
    {
        w.SetDouble(0, e.TimeH);
        w.SetInt64(1, SpineId.DendriteOfSegment(e.SegmentId));
        w.SetInt64(2, (long)e.SegmentId);
        w.SetInt64(3, (long)e.SpineId);
        w.SetInt32(4, e.Episodes);
        w.SetDouble(5, e.MeanPeakDepolarizationMV);
        w.SetDouble(6, e.MeanNmdaBoost);
        w.SetDouble(7, e.NmdaChargeFC);
        w.SetDouble(8, e.CalciumUMS);
        w.SetString(9, arm);
        w.EndRow();
    }
}
