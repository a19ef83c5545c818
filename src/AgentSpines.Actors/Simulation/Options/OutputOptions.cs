using AgentSpines.Core.Configuration;

namespace AgentSpines.Actors.Simulation;

/// <summary>Parquet compression codec names accepted in configs.</summary>
public enum OutputCodec { Snappy, Gzip, None, Zstd }

/// <summary>The "Output" section: what the event log holds besides events.</summary>
public sealed class OutputOptions : IValidatable
{
    /// <summary>Interval of the spine census (snapshots table), in hours; 0 = only at the start and the end.</summary>
    public double SnapshotEveryHours { get; set; } = 24;
    public OutputCodec Codec { get; set; } = OutputCodec.Snappy;
    /// <summary>
    /// Rows per Parquet row group. 262,144 by default: a writer holds two row groups per table (one filling, one being
    /// encoded), so at 1 M rows the tables' buffers alone took about 0.5 GB per large table of a million-spine run.
    /// </summary>
    public int RowGroupRows { get; set; } = 1 << 18;
    /// <summary>Log head-size changes of every spine at every step as events (large); off: only state changes, LTP/LTD, formation, elimination.</summary>
    public bool LogSizeSteps { get; set; }

    public void Validate(ConfigValidator v)
    {
        v.Range(SnapshotEveryHours, 0, 1e6);
        v.Range(RowGroupRows, 1_000, 1 << 24); // the reader's limit (EventLog ReadLimits.MaxRowsPerRowGroup)
    }
}
