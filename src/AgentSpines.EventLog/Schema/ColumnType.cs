namespace AgentSpines.EventLog.Schema;

/// <summary>
/// Value types of a column. Physical Parquet types: Boolean BOOLEAN, Int32 INT32, Int64 INT64, Float FLOAT,
/// Double DOUBLE, String BYTE_ARRAY annotated with the STRING logical type (UTF-8).
/// </summary>
public enum ColumnType
{
    Boolean,
    Int32,
    Int64,
    Float,
    Double,
    String,
}
