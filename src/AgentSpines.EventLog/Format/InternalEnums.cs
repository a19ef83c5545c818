namespace AgentSpines.EventLog.Format;

/// <summary>Parquet physical types (Thrift enum Type).</summary>
internal enum PhysicalType
{
    Boolean = 0,
    Int32 = 1,
    Int64 = 2,
    Int96 = 3,
    Float = 4,
    Double = 5,
    ByteArray = 6,
    FixedLenByteArray = 7,
}

internal enum Repetition
{
    Required = 0,
    Optional = 1,
    Repeated = 2,
}

internal enum PageType
{
    DataPage = 0,
    IndexPage = 1,
    DictionaryPage = 2,
    DataPageV2 = 3,
}

/// <summary>The (deprecated but still expected) ConvertedType values we write next to logical types.</summary>
internal static class ConvertedTypes
{
    public const int Utf8 = 0;
    public const int Uint8 = 11, Uint16 = 12, Uint32 = 13, Uint64 = 14;
    public const int Int8 = 15, Int16 = 16, Int32 = 17, Int64 = 18;
}

/// <summary>Field ids of the LogicalType union that matter here.</summary>
internal static class LogicalKinds
{
    public const int String = 1;
    public const int Enum = 4;
    public const int Integer = 10;
    public const int Json = 12;
}
