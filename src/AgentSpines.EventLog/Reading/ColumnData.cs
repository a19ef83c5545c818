using AgentSpines.EventLog.Schema;
namespace AgentSpines.EventLog.Reading;

/// <summary>
/// The values of one column (one row group, or a whole file): <see cref="Values"/> is a bool[], int[], long[],
/// float[], double[] or string[] with one entry per row; for rows where <see cref="Defined"/> is false (nulls of an
/// optional column) the entry is default/null. <see cref="Defined"/> is null when the column has no nulls.
/// </summary>
public sealed class ColumnData
{
    internal ColumnData(ColumnSpec column, Array values, bool[]? defined)
    {
        Column = column;
        Values = values;
        Defined = defined;
    }

    public ColumnSpec Column { get; }
    public Array Values { get; }
    public bool[]? Defined { get; }
    public int Count => Values.Length;

    public bool IsNull(int row) => Defined != null && !Defined[row];

    /// <summary>The dense value array (nulls as default values).</summary>
    public T[] ValuesAs<T>() => Values as T[] ?? throw new InvalidCastException($"column '{Column.Name}' holds {Values.GetType().GetElementType()!.Name}, not {typeof(T).Name}");

    /// <summary>Values as nullable (for optional value-type columns).</summary>
    public T?[] NullableValues<T>() where T : struct
    {
        var v = ValuesAs<T>();
        var r = new T?[v.Length];
        for (int i = 0; i < v.Length; i++) r[i] = IsNull(i) ? null : v[i];
        return r;
    }

    /// <summary>One value boxed (null for nulls; unsigned columns as uint/ulong).</summary>
    public object? GetValue(int row)
    {
        if (IsNull(row)) return null;
        return Values switch
        {
            int[] a when Column.Unsigned => (uint)a[row],
            long[] a when Column.Unsigned => (ulong)a[row],
            _ => Values.GetValue(row),
        };
    }
}
