using AgentSpines.Physics.Transport;
using AgentSpines.EventLog.Dataset;
using AgentSpines.EventLog.Schema;

namespace AgentSpines.Actors.Simulation;

/// <summary>
/// Writes a transport run: `metrics` (per species and sample time: MSD, mean displacement, free, trapped,
/// reacted and absorbed counts), `exposure` (per-spine occupancy, when tracked) and `transport_events`
/// (every capture and release, in trace mode).
/// </summary>
public static class TransportTablesWriter
{
    public static readonly TableSchema Metrics = new("metrics",
        ColumnSpec.String("species", dictionary: true),
        ColumnSpec.Double("t_ms", unit: "ms"),
        ColumnSpec.Double("msd_um2", unit: "um^2"),
        ColumnSpec.Double("mean_displacement_um", unit: "um"),
        ColumnSpec.Int64("n_free", unit: "count"),
        ColumnSpec.Int64("n_trapped", unit: "count"),
        ColumnSpec.Int64("n_reacted", unit: "count"),
        ColumnSpec.Int64("n_absorbed", unit: "count"));

    public static readonly TableSchema Exposure = new("exposure",
        ColumnSpec.String("species", dictionary: true),
        ColumnSpec.Double("t_ms", unit: "ms"),
        ColumnSpec.Int32("spine"),
        ColumnSpec.Int32("arrivals", unit: "count/sample"),
        ColumnSpec.Double("mean_occupancy", unit: "particles"),
        ColumnSpec.Int32("peak_occupancy", unit: "particles"),
        ColumnSpec.Int32("occupancy", unit: "particles"),
        ColumnSpec.Double("integral_particle_ms", unit: "particle*ms"));

    public static readonly TableSchema Trace = new("transport_events",
        ColumnSpec.String("species", dictionary: true),
        ColumnSpec.Double("t_ms", unit: "ms"),
        ColumnSpec.Int32("particle"),
        ColumnSpec.Int32("spine"),
        ColumnSpec.String("kind", dictionary: true));

    public static void Write(DatasetWriter writer, PartitionKey partition, int shard, TransportTables t)
    {
        var m = t.Msd;
        var c = t.Counts;
        if (m.TMs.Count != c.TMs.Count) throw new InvalidOperationException("transport MSD and count tables are not aligned");
        writer.WriteTable(Metrics, partition, shard, Enumerable.Range(0, m.TMs.Count), (w, i) =>
        {
            if (m.Species[i] != c.Species[i] || m.TMs[i] != c.TMs[i]) throw new InvalidOperationException("transport MSD and count tables are not aligned");
            w.SetString(0, m.Species[i]);
            w.SetDouble(1, m.TMs[i]);
            w.SetDouble(2, m.MsdUm2[i]);
            w.SetDouble(3, m.MeanDisplacementUm[i]);
            w.SetInt64(4, c.NFree[i]);
            w.SetInt64(5, c.NTrapped[i]);
            w.SetInt64(6, c.NReacted[i]);
            w.SetInt64(7, c.NAbsorbed[i]);
        });
        if (t.Exposure is { } e)
            writer.WriteTable(Exposure, partition, shard, Enumerable.Range(0, e.TMs.Count), (w, i) =>
            {
                w.SetString(0, e.Species[i]);
                w.SetDouble(1, e.TMs[i]);
                w.SetInt32(2, e.Spine[i]);
                w.SetInt32(3, e.Arrivals[i]);
                w.SetDouble(4, e.MeanOccupancy[i]);
                w.SetInt32(5, e.PeakOccupancy[i]);
                w.SetInt32(6, e.Occupancy[i]);
                w.SetDouble(7, e.IntegralParticleMs[i]);
            });
        if (t.Trace is { } tr)
            writer.WriteTable(Trace, partition, shard, Enumerable.Range(0, tr.TMs.Count), (w, i) =>
            {
                w.SetString(0, tr.Species[i]);
                w.SetDouble(1, tr.TMs[i]);
                w.SetInt32(2, tr.Particle[i]);
                w.SetInt32(3, tr.Spine[i]);
                w.SetString(4, tr.Kind[i]);
            });
    }
}
