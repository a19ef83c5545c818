namespace AgentSpines.EventLog.Format;

/// <summary>Parquet compression codecs this library writes and reads (values are the Thrift enum's).</summary>
public enum ParquetCodec
{
    Uncompressed = 0,
    Snappy = 1,
    Gzip = 2,
    Zstd = 6,
}

/// <summary>Parquet encodings (values are the Thrift enum's); the writer uses Plain, Rle (levels) and RleDictionary.</summary>
public enum ParquetEncoding
{
    Plain = 0,
    PlainDictionary = 2,
    Rle = 3,
    BitPacked = 4,
    DeltaBinaryPacked = 5,
    DeltaLengthByteArray = 6,
    DeltaByteArray = 7,
    RleDictionary = 8,
    ByteStreamSplit = 9,
}
