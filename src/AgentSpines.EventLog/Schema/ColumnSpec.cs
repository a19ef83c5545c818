namespace AgentSpines.EventLog.Schema;

/// <summary>
/// One column of a flat table.
/// <para><see cref="Optional"/>: nullable (definition levels are written); otherwise every row must set it.</para>
/// <para><see cref="Dictionary"/>: try RLE_DICTIONARY encoding (falls back to PLAIN per column chunk when the
/// dictionary outgrows the writer's limits or would not save space). Use it for low-cardinality columns.</para>
/// <para><see cref="Unit"/>: physical unit (e.g. "h", "um^3"), stored in the file's key-value metadata under
/// <c>agentspines.units</c> as a JSON object {column: unit}. <see cref="IntBits"/>/<see cref="Unsigned"/> add the
/// INTEGER logical type (8/16/32 bits on Int32, 64 on Int64); unsigned values are stored in the same bits.</para>
/// </summary>
public sealed record ColumnSpec(
    string Name,
    ColumnType Type,
    bool Optional = false,
    bool Dictionary = false,
    string? Unit = null,
    bool Unsigned = false,
    int? IntBits = null)
{
    public static ColumnSpec Boolean(string name, bool optional = false, string? unit = null)
        => new(name, ColumnType.Boolean, optional, false, unit);

    public static ColumnSpec Int32(string name, bool optional = false, bool dictionary = false, string? unit = null, bool unsigned = false)
        => new(name, ColumnType.Int32, optional, dictionary, unit, unsigned);

    public static ColumnSpec Int64(string name, bool optional = false, bool dictionary = false, string? unit = null, bool unsigned = false)
        => new(name, ColumnType.Int64, optional, dictionary, unit, unsigned);

    public static ColumnSpec Float(string name, bool optional = false, bool dictionary = false, string? unit = null)
        => new(name, ColumnType.Float, optional, dictionary, unit);

    public static ColumnSpec Double(string name, bool optional = false, bool dictionary = false, string? unit = null)
        => new(name, ColumnType.Double, optional, dictionary, unit);

    public static ColumnSpec String(string name, bool optional = false, bool dictionary = false, string? unit = null)
        => new(name, ColumnType.String, optional, dictionary, unit);

    /// <summary>Bit width of the INTEGER logical type, or null when none is written.</summary>
    internal int? EffectiveIntBits => Type switch
    {
        ColumnType.Int32 when IntBits.HasValue || Unsigned => IntBits ?? 32,
        ColumnType.Int64 when IntBits.HasValue || Unsigned => IntBits ?? 64,
        _ => null,
    };
}
