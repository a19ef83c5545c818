using AgentSpines.Plasticity.Imaging;
using AgentSpines.EventLog.Dataset;
using AgentSpines.EventLog.Schema;

namespace AgentSpines.Actors.Simulation;

/// <summary>
/// The `imaging` and `cohorts` tables: virtual two-photon imaging of the run. regime and replicate are the
/// hive partition columns (not repeated inside the files, so pandas and DuckDB see each column once).
/// </summary>
public static class ImagingTables
{
    public static readonly TableSchema Imaging = new("imaging",
        ColumnSpec.String("arm", dictionary: true),
        ColumnSpec.Double("session_day", unit: "day"),
        ColumnSpec.Int32("spines_visible", unit: "count"),
        ColumnSpec.Double("density_per_um", unit: "1/um"),
        ColumnSpec.Int32("new_since_last", unit: "count"),
        ColumnSpec.Int32("lost_since_last", unit: "count"),
        ColumnSpec.Double("formation_pct", optional: true, unit: "%"),
        ColumnSpec.Double("elimination_pct", optional: true, unit: "%"),
        ColumnSpec.Double("mean_head_width_um", optional: true, unit: "um"),
        ColumnSpec.Int32("filopodia_visible", unit: "count"),
        ColumnSpec.Double("true_density_per_um", unit: "1/um"));

    public static readonly TableSchema Cohorts = new("cohorts",
        ColumnSpec.String("arm", dictionary: true),
        ColumnSpec.Double("cohort_day", unit: "day"),
        ColumnSpec.Double("session_day", unit: "day"),
        ColumnSpec.Int32("cohort_size", unit: "count"),
        ColumnSpec.Double("survival_fraction", optional: true, unit: "1"));

    public static void Write(DatasetWriter writer, PartitionKey partition, int shard, IReadOnlyList<ImagingRow> rows, IReadOnlyList<CohortRow> cohorts)
    {
        writer.WriteTable(Imaging, partition, shard, rows, (w, r) =>
        {
            w.SetString(0, r.Arm);
            w.SetDouble(1, r.SessionDay);
            w.SetInt32(2, r.SpinesVisible);
            w.SetDouble(3, r.DensityPerUm);
            w.SetInt32(4, r.NewSinceLast);
            w.SetInt32(5, r.LostSinceLast);
            w.SetDouble(6, Finite(r.FormationPct));
            w.SetDouble(7, Finite(r.EliminationPct));
            w.SetDouble(8, Finite(r.MeanHeadWidthUm));
            w.SetInt32(9, r.FilopodiaVisible);
            w.SetDouble(10, r.TrueDensityPerUm);
        });
        writer.WriteTable(Cohorts, partition, shard, cohorts, (w, c) =>
        {
            w.SetString(0, c.Arm);
            w.SetDouble(1, c.CohortDay);
            w.SetDouble(2, c.SessionDay);
            w.SetInt32(3, c.CohortSize);
            w.SetDouble(4, Finite(c.SurvivalFraction));
        });
    }

    /// <summary>Undefined measures (no previous session, empty cohort) are nulls, never NaN, in the log.</summary>
    private static double? Finite(double x) => double.IsFinite(x) ? x : null;
}
