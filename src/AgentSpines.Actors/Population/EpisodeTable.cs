using AgentSpines.EventLog.Schema;
using AgentSpines.EventLog.Writing;

namespace AgentSpines.Actors.Population;

/// <summary>
/// The `episodes` table: what activity did in one step, per dendrite (segment_id and spine_id null; the default) or
/// per spine (Activity:EpisodeRows). A row exists for each dendrite (spine) and step with an episode or an early-phase
/// LTP/LTD size change. Per-spine rows are the same sums over one spine, so summing them per dendrite and step gives
/// the dendrite rows (tested).
/// </summary>
public static class EpisodeTable
{
    public static readonly TableSchema Schema = new("episodes",
        ColumnSpec.Double("time_h", unit: "h"),
        ColumnSpec.Int64("dendrite_id", dictionary: true),
        ColumnSpec.Int64("segment_id", optional: true, dictionary: true),
        ColumnSpec.Int64("spine_id", optional: true),
        ColumnSpec.Int32("spines", unit: "count/step"),
        ColumnSpec.Int32("episodes", unit: "count/step"),
        ColumnSpec.Double("mean_peak_depolarization_mv", optional: true, unit: "mV"),
        ColumnSpec.Double("max_peak_depolarization_mv", optional: true, unit: "mV"),
        ColumnSpec.Double("mean_nmda_boost", optional: true, unit: "1"),
        ColumnSpec.Double("max_nmda_boost", optional: true, unit: "1"),
        ColumnSpec.Double("nmda_charge_fc", unit: "fC"),
        ColumnSpec.Double("mean_calcium_um_s", optional: true, unit: "uM*s"),
        ColumnSpec.Double("max_calcium_um_s", optional: true, unit: "uM*s"),
        ColumnSpec.Int32("ltp_inductions", unit: "count/step"),
        ColumnSpec.Int32("ltp_reversals", unit: "count/step"),
        ColumnSpec.Int32("ltd_inductions", unit: "count/step"),
        ColumnSpec.Int32("ltd_reversals", unit: "count/step"),
        ColumnSpec.Double("activity_volume_change_um3", unit: "um^3"),
        ColumnSpec.String("arm", dictionary: true));

    /// <summary>
    /// Rows per row group (at most): the table's 19 columns are buffered until a group is written, and a run's
    /// table can hold millions of rows (per-spine rows), so its groups are kept small (about 10 MB of buffers).
    /// </summary>
    public const int RowGroupRows = 1 << 16;

    public static void Append(ParquetFileWriter w, in EpisodeRow e, string arm)
    {
        w.SetDouble(0, e.TimeH);
        w.SetInt64(1, e.DendriteId);
        w.SetInt64(2, (long?)e.SegmentId);
        w.SetInt64(3, (long?)e.SpineId);
        w.SetInt32(4, e.Spines);
        w.SetInt32(5, e.Episodes);
        w.SetDouble(6, e.MeanPeakDepolarizationMV);
        w.SetDouble(7, e.MaxPeakDepolarizationMV);
        w.SetDouble(8, e.MeanNmdaBoost);
        w.SetDouble(9, e.MaxNmdaBoost);
        w.SetDouble(10, e.NmdaChargeFC);
        w.SetDouble(11, e.MeanCalciumUMS);
        w.SetDouble(12, e.MaxCalciumUMS);
        w.SetInt32(13, e.LtpInductions);
        w.SetInt32(14, e.LtpReversals);
        w.SetInt32(15, e.LtdInductions);
        w.SetInt32(16, e.LtdReversals);
        w.SetDouble(17, e.ActivityVolumeChangeUm3);
        w.SetString(18, arm);
        w.EndRow();
    }
}
