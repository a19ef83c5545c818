using AgentSpines.Core.Identity;
using AgentSpines.EventLog.Schema;
using AgentSpines.EventLog.Writing;

namespace AgentSpines.Actors.Population;

/// <summary>One row of `exchange_events` (trace mode): a capture, release or reaction of one particle in one spine at an exact time.</summary>
public readonly record struct ExchangeEventRecord(double TimeH, ulong SpineId, string Species, long Particle, string Kind, string Arm)
    : ITableRow<ExchangeEventRecord>
{
    public static TableSchema Schema { get; } = new("exchange_events",
        ColumnSpec.Double("time_h", unit: "h"),
        ColumnSpec.Int64("dendrite_id", dictionary: true),
        ColumnSpec.Int64("spine_id"),
        ColumnSpec.String("species", dictionary: true),
        ColumnSpec.Int64("particle"),
        ColumnSpec.String("kind", dictionary: true),
        ColumnSpec.String("arm", dictionary: true));

    public void WriteTo(ParquetFileWriter w)
    {
        w.SetDouble(0, TimeH);
        w.SetInt64(1, new SpineId(SpineId).Dendrite);
        w.SetInt64(2, (long)SpineId);
        w.SetString(3, Species);
        w.SetInt64(4, Particle);
        w.SetString(5, Kind);
        w.SetString(6, Arm);
    }
}
