using AgentSpines.EventLog.Schema;
namespace AgentSpines.EventLog.Writing;

/// <summary>
/// A record type that knows its table: <see cref="Schema"/> describes the columns, <see cref="WriteTo"/> sets them
/// on a <see cref="ParquetFileWriter"/> by column index (without calling EndRow). Declare tables as
/// <c>readonly record struct X(...) : ITableRow&lt;X&gt;</c>; see EventRecord for an example.
/// </summary>
public interface ITableRow<TSelf> where TSelf : struct, ITableRow<TSelf>
{
    static abstract TableSchema Schema { get; }
    void WriteTo(ParquetFileWriter writer);
}

/// <summary>Typed appender over a <see cref="ParquetFileWriter"/>: <c>Append(row)</c> writes one record, no allocation.</summary>
public sealed class TableWriter<T> : IDisposable where T : struct, ITableRow<T>
{
    public TableWriter(ParquetFileWriter file)
    {
        var want = T.Schema.Columns;
        var have = file.Schema.Columns;
        if (!ReferenceEquals(file.Schema, T.Schema)
            && (want.Count != have.Count || want.Zip(have).Any(p => p.First.Name != p.Second.Name || p.First.Type != p.Second.Type || p.First.Optional != p.Second.Optional)))
            throw new ArgumentException($"file schema '{file.Schema.Name}' does not match {typeof(T).Name}");
        File = file;
    }

    /// <summary>Creates (overwrites) a file at <paramref name="path"/> with the record's schema.</summary>
    public static TableWriter<T> Create(string path, ParquetWriterOptions? options = null)
        => new(ParquetFileWriter.Create(path, T.Schema, options));

    public ParquetFileWriter File { get; }
    public long RowCount => File.RowCount;

    public void Append(in T row)
    {
        row.WriteTo(File);
        File.EndRow();
    }

    public void Close() => File.Close();
    public void Dispose() => File.Dispose();
}
