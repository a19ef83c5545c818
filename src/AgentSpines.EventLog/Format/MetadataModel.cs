namespace AgentSpines.EventLog.Format;

// Plain in-memory mirrors of the parquet.thrift structures this library writes and reads. Only the fields it uses
// are kept; the reader skips all others. Field ids are in FooterSerializer / PageHeaderSerializer.

internal sealed class LogicalTypeModel
{
    public int Kind;          // LogicalType union field id (1 STRING, 10 INTEGER, ...)
    public int BitWidth;      // INTEGER only
    public bool IsSigned;     // INTEGER only
}

internal sealed class SchemaElementModel
{
    public PhysicalType? Type;
    public int? TypeLength;
    public Repetition? Repetition;
    public string Name = "";
    public int? NumChildren;
    public int? ConvertedType;
    public LogicalTypeModel? Logical;
}

internal sealed class StatisticsModel
{
    public byte[]? Max, Min;              // legacy (signed order)
    public long? NullCount, DistinctCount;
    public byte[]? MaxValue, MinValue;    // column order of the type
    public long? NanCount;
}

internal sealed class ColumnMetaDataModel
{
    public PhysicalType Type;
    public List<int> Encodings = new();
    public List<string> Path = new();
    public int Codec;
    public long NumValues;
    public long TotalUncompressedSize;
    public long TotalCompressedSize;
    public long DataPageOffset;
    public long? DictionaryPageOffset;
    public StatisticsModel? Statistics;
}

internal sealed class ColumnChunkModel
{
    public string? FilePath;
    public long FileOffset;
    public ColumnMetaDataModel? MetaData;
}

internal sealed class RowGroupModel
{
    public List<ColumnChunkModel> Columns = new();
    public long TotalByteSize;
    public long NumRows;
    public long? FileOffset;
    public long? TotalCompressedSize;
    public short? Ordinal;
}

internal sealed class FileMetaDataModel
{
    public int Version = 1;
    public List<SchemaElementModel> Schema = new();
    public long NumRows;
    public List<RowGroupModel> RowGroups = new();
    public List<KeyValuePair<string, string?>> KeyValue = new();
    public string? CreatedBy;
    public int ColumnOrderCount;   // we write TYPE_ORDER for every leaf
}

internal sealed class DataPageHeaderModel
{
    public int NumValues;
    public int Encoding;
    public int DefinitionLevelEncoding = 3;
    public int RepetitionLevelEncoding = 3;
    public StatisticsModel? Statistics;
}

internal sealed class DictionaryPageHeaderModel
{
    public int NumValues;
    public int Encoding;
    public bool? IsSorted;
}

internal sealed class DataPageHeaderV2Model
{
    public int NumValues, NumNulls, NumRows, Encoding, DefinitionLevelsByteLength, RepetitionLevelsByteLength;
    public bool IsCompressed = true;
}

internal sealed class PageHeaderModel
{
    public PageType Type;
    public int UncompressedPageSize;
    public int CompressedPageSize;
    public int? Crc;
    public DataPageHeaderModel? DataPage;
    public DictionaryPageHeaderModel? DictionaryPage;
    public DataPageHeaderV2Model? DataPageV2;
}
