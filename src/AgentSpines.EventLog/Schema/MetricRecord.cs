using AgentSpines.EventLog.Writing;
namespace AgentSpines.EventLog.Schema;

/// <summary>
/// One row of the <c>metrics</c> table: aggregates of one dendrite after a structural step. Density in spines per um,
/// counts per step, mean head volume in um^3 (null when the dendrite has no spines), drug concentration in uM and
/// receptor occupancy as a fraction 0..1 (null when no drug model runs).
/// </summary>
public readonly record struct MetricRecord(
    double TimeH,
    long DendriteId,
    string Arm,
    int NSpines,
    double DensityPerUm,
    int Formed,
    int Eliminated,
    double? MeanHeadVolumeUm3,
    double? DrugConcentrationUM,
    double? ReceptorOccupancy) : ITableRow<MetricRecord>
{
    public static TableSchema Schema { get; } = new("metrics",
        ColumnSpec.Double("time_h", unit: "h"),
        ColumnSpec.Int64("dendrite_id", dictionary: true),
        ColumnSpec.String("arm", dictionary: true),
        ColumnSpec.Int32("n_spines", unit: "count"),
        ColumnSpec.Double("density_per_um", unit: "1/um"),
        ColumnSpec.Int32("formed", unit: "count/step"),
        ColumnSpec.Int32("eliminated", unit: "count/step"),
        ColumnSpec.Double("mean_head_volume_um3", optional: true, unit: "um^3"),
        ColumnSpec.Double("drug_concentration_um", optional: true, unit: "uM"),
        ColumnSpec.Double("receptor_occupancy", optional: true, unit: "1"));

    public void WriteTo(ParquetFileWriter w)
    {
        w.SetDouble(0, TimeH);
        w.SetInt64(1, DendriteId);
        w.SetString(2, Arm);
        w.SetInt32(3, NSpines);
        w.SetDouble(4, DensityPerUm);
        w.SetInt32(5, Formed);
        w.SetInt32(6, Eliminated);
        w.SetDouble(7, MeanHeadVolumeUm3);
        w.SetDouble(8, DrugConcentrationUM);
        w.SetDouble(9, ReceptorOccupancy);
    }
}
