namespace AgentSpines.EventLog.Reading;

/// <summary>
/// Sizes the reader accepts from a file before it allocates for them. Our writer uses row groups of 2^20 rows and
/// pages of about 1 MiB; DuckDB and Arrow stay well inside these too.
/// </summary>
public static class ReadLimits
{
    /// <summary>Rows in one row group (one column of it is held in memory at a time).</summary>
    public const long MaxRowsPerRowGroup = 1L << 24;

    /// <summary>Uncompressed size of one page.</summary>
    public const int MaxPageBytes = 1 << 28;

    /// <summary>How much larger than its compressed bytes a page may claim to be (GZIP peaks near 1032x).</summary>
    public const int MaxCompressionRatio = 1100;

    /// <summary>Any page may claim this much uncompressed data whatever its compressed size.</summary>
    public const int SmallPageBytes = 1 << 20;
}
