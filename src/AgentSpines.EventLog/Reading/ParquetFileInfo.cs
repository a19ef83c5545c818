using AgentSpines.EventLog.Schema;
using AgentSpines.EventLog.Format;
namespace AgentSpines.EventLog.Reading;

/// <summary>Statistics of one column chunk as stored (min/max decoded to the column's .NET type; null when absent).</summary>
public sealed record ColumnStatistics(long? NullCount, long? DistinctCount, object? Min, object? Max, long? NanCount);

/// <summary>One column chunk of a row group.</summary>
public sealed record ColumnChunkInfo(
    string Column,
    ParquetCodec Codec,
    IReadOnlyList<ParquetEncoding> Encodings,
    long NumValues,
    long CompressedBytes,
    long UncompressedBytes,
    bool HasDictionaryPage,
    ColumnStatistics? Statistics);

/// <summary>One row group.</summary>
public sealed record RowGroupInfo(int Index, long Rows, long CompressedBytes, long UncompressedBytes, IReadOnlyList<ColumnChunkInfo> Columns);

/// <summary>Everything the footer says about a file: schema (with units from agentspines.units), row groups, metadata.</summary>
public sealed record ParquetFileInfo(
    TableSchema Schema,
    long RowCount,
    long FileBytes,
    string? CreatedBy,
    IReadOnlyList<RowGroupInfo> RowGroups,
    IReadOnlyList<KeyValuePair<string, string?>> KeyValueMetadata)
{
    /// <summary>Value of a key-value metadata entry, or null.</summary>
    public string? Metadata(string key)
    {
        foreach (var kv in KeyValueMetadata) if (kv.Key == key) return kv.Value;
        return null;
    }
}
