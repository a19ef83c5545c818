using System.Text.Json;

namespace AgentSpines.EventLog.Schema;

/// <summary>
/// A flat table: a name (the dataset directory, e.g. "events") and its ordered columns. Column names must be
/// unique, non-empty and free of '.' (Parquet path separator). Build one per table type and reuse it.
/// </summary>
public sealed class TableSchema
{
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);

    public TableSchema(string name, IEnumerable<ColumnSpec> columns)
    {
        Name = name;
        Columns = columns.ToArray();
        if (Columns.Count == 0) throw new ArgumentException($"table '{name}' has no columns");
        for (int i = 0; i < Columns.Count; i++)
        {
            var c = Columns[i];
            if (string.IsNullOrEmpty(c.Name) || c.Name.Contains('.'))
                throw new ArgumentException($"table '{name}': column name '{c.Name}' must be non-empty and contain no '.'");
            if (!_index.TryAdd(c.Name, i)) throw new ArgumentException($"table '{name}': duplicate column '{c.Name}'");
            if (c.IntBits is { } bits)
            {
                bool ok = c.Type == ColumnType.Int32 ? bits is 8 or 16 or 32 : c.Type == ColumnType.Int64 && bits == 64;
                if (!ok) throw new ArgumentException($"table '{name}': column '{c.Name}' cannot carry a {bits}-bit integer type");
            }
            if (c.Unsigned && c.Type is not (ColumnType.Int32 or ColumnType.Int64))
                throw new ArgumentException($"table '{name}': column '{c.Name}' is not an integer and cannot be unsigned");
        }
    }

    public TableSchema(string name, params ColumnSpec[] columns) : this(name, (IEnumerable<ColumnSpec>)columns) { }

    public string Name { get; }
    public IReadOnlyList<ColumnSpec> Columns { get; }

    /// <summary>Index of a column by name, or -1.</summary>
    public int IndexOf(string column) => _index.TryGetValue(column, out int i) ? i : -1;

    public int IndexOfRequired(string column)
        => IndexOf(column) is var i and >= 0 ? i : throw new ArgumentException($"table '{Name}' has no column '{column}'");

    /// <summary>The units of the columns that declare one, as the JSON object stored under agentspines.units.</summary>
    public string UnitsJson()
    {
        var units = new Dictionary<string, string>(StringComparer.Ordinal); // schema order
        foreach (var c in Columns) if (c.Unit != null) units[c.Name] = c.Unit;
        return JsonSerializer.Serialize(units);
    }
}
