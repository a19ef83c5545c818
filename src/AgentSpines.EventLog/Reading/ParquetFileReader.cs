using AgentSpines.EventLog.Reading;
using Parquet;
using Parquet.Schema;
using AgentSpines.EventLog.Schema;

namespace AgentSpines.EventLog.Reading;

/// <summary>
/// Reads flat Parquet files (ours, DuckDB's, Arrow's, Parquet.Net's) through Parquet.Net, behind guards:
/// <see cref="FooterGuard"/> checks the envelope and the footer's sizes against the file before Parquet.Net parses
/// it, <see cref="PageWalker"/> checks every page of a column chunk (sizes, value counts, CRC-32) before Parquet.Net
/// decodes it, and any exception Parquet.Net throws becomes a <see cref="ParquetFormatException"/> naming the file,
/// row group and column. So a damaged or hostile file costs at most a bounded read and one line of error.
/// <para><see cref="Info"/> gives schema (with units), row groups, statistics and key-value metadata;
/// <see cref="ReadColumn(int,int)"/> decodes one column of one row group; <see cref="ReadRows"/> streams rows.</para>
/// </summary>
public sealed class ParquetFileReader : IDisposable
{
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly string _name;
    private readonly ParquetReader _reader;
    private readonly DataField[] _fields;

    public ParquetFileReader(Stream stream, string? name = null, bool leaveOpen = false)
    {
        _stream = stream;
        _leaveOpen = leaveOpen;
        _name = name ?? "parquet stream";
        try
        {
            if (!stream.CanSeek || !stream.CanRead) throw new ArgumentException("the reader needs a readable, seekable stream");
            var (footer, _) = FooterGuard.Check(stream, _name);
            stream.Position = 0;
            _reader = Guard("footer", () => ParquetReader.CreateAsync(stream, new ParquetOptions { TreatByteArrayAsString = true }, leaveStreamOpen: true)
                .GetAwaiter().GetResult());
            _fields = Guard("schema", () => _reader.Schema.GetDataFields());
            Info = MetadataMapper.Build(_reader.Metadata ?? throw new ParquetFormatException($"{_name}: no footer metadata"), footer, stream.Length, _name);
            if (_fields.Length != Info.Schema.Columns.Count) throw new ParquetFormatException($"{_name}: schema has {_fields.Length} fields for {Info.Schema.Columns.Count} columns");
        }
        catch
        {
            if (!leaveOpen) stream.Dispose();
            throw;
        }
    }

    /// <summary>Opens a file for reading.</summary>
    public static ParquetFileReader Open(string path)
    {
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ParquetFormatException($"{path}: cannot open ({e.Message})", e);
        }
        return new ParquetFileReader(stream, path);
    }

    public ParquetFileInfo Info { get; } = null!;
    public TableSchema Schema => Info.Schema;

    /// <summary>Runs a Parquet.Net call; whatever it throws on a bad file becomes one line naming the file.</summary>
    private T Guard<T>(string where, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (ParquetFormatException)
        {
            throw;
        }
        catch (Exception e)
        {
            string message = (e.Message ?? e.GetType().Name).ReplaceLineEndings(" ");
            throw new ParquetFormatException($"{_name}: {where}: unreadable ({e.GetType().Name}: {message})", e);
        }
    }

    /// <summary>Decodes one column of one row group.</summary>
    public ColumnData ReadColumn(int rowGroup, int column)
    {
        if ((uint)rowGroup >= (uint)Info.RowGroups.Count) throw new ArgumentOutOfRangeException(nameof(rowGroup));
        if ((uint)column >= (uint)_fields.Length) throw new ArgumentOutOfRangeException(nameof(column));
        var spec = Schema.Columns[column];
        string what = $"row group {rowGroup} column '{spec.Name}'";
        var md = _reader.Metadata!.RowGroups[rowGroup].Columns[column].MetaData!;
        var (start, size) = FooterGuard.ChunkRange(md.DataPageOffset, md.DictionaryPageOffset, md.TotalCompressedSize);
        var chunk = FooterGuard.ReadAt(_stream, start, (int)size);
        PageWalker.Check(chunk, md.NumValues, $"{_name}: {what}");
        int rows = (int)Info.RowGroups[rowGroup].Rows;
        return Guard(what, () => ColumnDecoder.Read(_reader, rowGroup, _fields[column], spec, rows, $"{_name}: {what}"));
    }

    public ColumnData ReadColumn(int rowGroup, string column) => ReadColumn(rowGroup, Schema.IndexOfRequired(column));

    /// <summary>One column over all row groups, concatenated.</summary>
    public ColumnData ReadColumn(int column)
    {
        var parts = Enumerable.Range(0, Info.RowGroups.Count).Select(g => ReadColumn(g, column)).ToList();
        var spec = Schema.Columns[column];
        if (parts.Count == 1) return parts[0];
        int total = checked((int)parts.Sum(p => (long)p.Count));
        var values = ColumnDecoder.NewArray(spec.Type, total);
        bool anyNulls = parts.Any(p => p.Defined != null);
        var defined = anyNulls ? new bool[total] : null;
        int at = 0;
        foreach (var p in parts)
        {
            Array.Copy(p.Values, 0, values, at, p.Count);
            if (defined != null)
            {
                if (p.Defined != null) Array.Copy(p.Defined, 0, defined, at, p.Count);
                else defined.AsSpan(at, p.Count).Fill(true);
            }
            at += p.Count;
        }
        return new ColumnData(spec, values, defined);
    }

    public ColumnData ReadColumn(string column) => ReadColumn(Schema.IndexOfRequired(column));

    /// <summary>Checks every page of every column chunk (sizes, counts, CRC-32) without decoding; returns the pages with a CRC.</summary>
    public int VerifyPages()
    {
        int withCrc = 0;
        for (int g = 0; g < Info.RowGroups.Count; g++)
            for (int c = 0; c < _fields.Length; c++)
            {
                var md = _reader.Metadata!.RowGroups[g].Columns[c].MetaData!;
                var (start, size) = FooterGuard.ChunkRange(md.DataPageOffset, md.DictionaryPageOffset, md.TotalCompressedSize);
                withCrc += PageWalker.Check(FooterGuard.ReadAt(_stream, start, (int)size), md.NumValues, $"{_name}: row group {g} column '{Schema.Columns[c].Name}'").PagesWithCrc;
            }
        return withCrc;
    }

    /// <summary>Rows as object?[] in schema order (unsigned columns as uint/ulong, nulls as null).</summary>
    public IEnumerable<object?[]> ReadRows()
    {
        for (int g = 0; g < Info.RowGroups.Count; g++)
        {
            var cols = Enumerable.Range(0, _fields.Length).Select(c => ReadColumn(g, c)).ToArray();
            long rows = Info.RowGroups[g].Rows;
            for (int r = 0; r < rows; r++)
            {
                var row = new object?[cols.Length];
                for (int c = 0; c < cols.Length; c++) row[c] = cols[c].GetValue(r);
                yield return row;
            }
        }
    }

    public void Dispose()
    {
        _reader?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        if (!_leaveOpen) _stream.Dispose();
    }
}
