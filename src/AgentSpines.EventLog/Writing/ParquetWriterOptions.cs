using AgentSpines.Core;
using AgentSpines.EventLog.Format;

namespace AgentSpines.EventLog.Writing;

/// <summary>Settings of one Parquet file. The defaults suit the event log; the writer validates them.</summary>
public sealed class ParquetWriterOptions
{
    /// <summary>Page compression: Snappy (default), Gzip or Uncompressed.</summary>
    public ParquetCodec Codec { get; init; } = ParquetCodec.Snappy;

    /// <summary>Rows per row group; rows are buffered in memory up to this many (twice while the previous group is encoded).</summary>
    public int RowGroupRows { get; init; } = 1 << 20;

    /// <summary>Target uncompressed size of one data page in bytes.</summary>
    public int DataPageBytes { get; init; } = 1 << 20;

    /// <summary>A column chunk whose dictionary (PLAIN size) would exceed this many bytes is written PLAIN instead.</summary>
    public int DictionaryMaxBytes { get; init; } = 1 << 20;

    /// <summary>... or whose dictionary would hold more than this many distinct values.</summary>
    public int DictionaryMaxEntries { get; init; } = 1 << 16;

    /// <summary>Encode the columns of a row group on several threads while the next group is being filled.</summary>
    public bool Parallel { get; init; } = true;

    /// <summary>Extra file key-value metadata (e.g. agentspines.config, agentspines.seed). Units and version are added.</summary>
    public IReadOnlyDictionary<string, string> KeyValueMetadata { get; init; } = new Dictionary<string, string>();

    /// <summary>The footer's created_by ("agentspines version X").</summary>
    public string CreatedBy { get; init; } = $"agentspines version {SoftwareVersion.Value}";

    /// <summary>Copy with other metadata (used by the dataset writer to add config, seed and table name).</summary>
    public ParquetWriterOptions WithMetadata(IReadOnlyDictionary<string, string> metadata) => new()
    {
        Codec = Codec,
        RowGroupRows = RowGroupRows,
        DataPageBytes = DataPageBytes,
        DictionaryMaxBytes = DictionaryMaxBytes,
        DictionaryMaxEntries = DictionaryMaxEntries,
        Parallel = Parallel,
        KeyValueMetadata = metadata,
        CreatedBy = CreatedBy,
    };

    /// <summary>Copy with at most this many rows per row group (a small table's buffers stay small; 0: unchanged).</summary>
    public ParquetWriterOptions WithRowGroupRowsAtMost(int rows) => rows <= 0 || rows >= RowGroupRows ? this : new()
    {
        Codec = Codec,
        RowGroupRows = rows,
        DataPageBytes = DataPageBytes,
        DictionaryMaxBytes = DictionaryMaxBytes,
        DictionaryMaxEntries = DictionaryMaxEntries,
        Parallel = Parallel,
        KeyValueMetadata = KeyValueMetadata,
        CreatedBy = CreatedBy,
    };

    internal void Validate()
    {
        if (RowGroupRows < 1) throw new ArgumentOutOfRangeException(nameof(RowGroupRows), RowGroupRows, "must be at least 1");
        if (DataPageBytes < 64) throw new ArgumentOutOfRangeException(nameof(DataPageBytes), DataPageBytes, "must be at least 64");
        if (DictionaryMaxBytes < 0 || DictionaryMaxEntries < 0) throw new ArgumentOutOfRangeException(nameof(DictionaryMaxBytes), "dictionary limits must be >= 0");
        if (!Enum.IsDefined(Codec)) throw new ArgumentOutOfRangeException(nameof(Codec), Codec, "unsupported codec");
    }
}
