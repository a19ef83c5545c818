using AgentSpines.EventLog.Schema;
namespace AgentSpines.EventLog.Writing;

/// <summary>
/// The values of one column for the row group being filled: non-null values packed densely, plus one definition
/// level per row (1 = value, 0 = null) for optional columns. Arrays grow by doubling up to the row-group size and are
/// reused for every later row group, so appending allocates nothing in the steady state.
/// </summary>
internal abstract class ColumnBuffer(ColumnSpec spec)
{
    public ColumnSpec Spec { get; } = spec;
    public byte[]? Defs = spec.Optional ? new byte[64] : null;
    public int Rows;
    public int ValueCount;

    public void Reset()
    {
        Rows = 0;
        ValueCount = 0;
    }

    public void AddNull()
    {
        if (Defs == null) throw new InvalidOperationException($"column '{Spec.Name}' is required and cannot be null");
        if (Rows == Defs.Length) Array.Resize(ref Defs, Defs.Length * 2);
        Defs[Rows++] = 0;
    }

    protected void MarkValue()
    {
        if (Defs != null)
        {
            if (Rows == Defs.Length) Array.Resize(ref Defs, Defs.Length * 2);
            Defs[Rows] = 1;
        }
        Rows++;
    }
}

internal sealed class FixedColumnBuffer<T>(ColumnSpec spec) : ColumnBuffer(spec) where T : unmanaged
{
    public T[] Values = new T[64];

    public void Add(T value)
    {
        if (ValueCount == Values.Length) Array.Resize(ref Values, Values.Length * 2);
        Values[ValueCount++] = value;
        MarkValue();
    }
}

internal sealed class StringColumnBuffer(ColumnSpec spec) : ColumnBuffer(spec)
{
    public string[] Values = new string[64];

    public void Add(string value)
    {
        if (ValueCount == Values.Length) Array.Resize(ref Values, Values.Length * 2);
        Values[ValueCount++] = value;
        MarkValue();
    }

    /// <summary>Drops string references so a finished row group does not keep them alive.</summary>
    public void ClearReferences() => Array.Clear(Values, 0, ValueCount);
}
