using System.Text;
using AgentSpines.Core;
using AgentSpines.EventLog.Encoding;
using AgentSpines.EventLog.Format;
using AgentSpines.EventLog.Writing;
using AgentSpines.EventLog.Schema;

namespace AgentSpines.EventLog.Writing;

/// <summary>
/// Streaming writer of one Parquet file with a flat <see cref="TableSchema"/>.
/// <para>Usage: for each row call the typed setters by column index (<see cref="SetDouble(int,double)"/>,
/// <see cref="SetString"/>, <see cref="SetNull"/>, ...; each column at most once; optional columns left unset are
/// null), then <see cref="EndRow"/>. <see cref="Close"/> (or Dispose) writes the last row group and the footer.
/// For typed records use <see cref="TableWriter{T}"/>.</para>
/// <para>Memory: rows are buffered per row group only (<see cref="ParquetWriterOptions.RowGroupRows"/>); with
/// <see cref="ParquetWriterOptions.Parallel"/> a full row group is encoded and written on worker threads while the
/// next one fills, so at most two row groups are held. Appends allocate nothing per row once buffers have grown.</para>
/// <para>The file: "PAR1", row groups (column chunks of v1 data pages, optional dictionary page), Thrift compact
/// footer with schema, statistics, key-value metadata (caller's entries, agentspines.units, agentspines.version),
/// created_by, TYPE_ORDER column orders, footer length, "PAR1".</para>
/// </summary>
public sealed class ParquetFileWriter : IDisposable
{
    private static readonly byte[] Magic = "PAR1"u8.ToArray();
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly ParquetWriterOptions _options;
    private readonly ColumnChunkEncoder[] _encoders;
    private readonly List<RowGroupModel> _rowGroups = new();
    private ColumnBuffer[] _current;
    private ColumnBuffer[]? _spare;
    private ColumnBuffer[]? _inFlight;
    private Task? _pending;
    private int _rowsInGroup;
    private long _position;
    private bool _closed;
    private bool _failed;

    public ParquetFileWriter(Stream output, TableSchema schema, ParquetWriterOptions? options = null, bool leaveOpen = false)
    {
        _options = options ?? new ParquetWriterOptions();
        _options.Validate();
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("the Parquet writer needs a little-endian machine");
        Schema = schema;
        _stream = output;
        _leaveOpen = leaveOpen;
        _encoders = schema.Columns.Select(c => new ColumnChunkEncoder(c, _options)).ToArray();
        _current = NewBuffers();
        WriteRaw(Magic);
    }

    /// <summary>Creates (overwrites) a file.</summary>
    public static ParquetFileWriter Create(string path, TableSchema schema, ParquetWriterOptions? options = null)
        => new(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20), schema, options);

    public TableSchema Schema { get; }

    /// <summary>Rows completed with <see cref="EndRow"/> so far.</summary>
    public long RowCount { get; private set; }

    /// <summary>Bytes written to the stream so far (the whole file once closed).</summary>
    public long BytesWritten => _position;

    internal event Action<ParquetFileWriter>? Closed;

    public void SetBoolean(int column, bool value) => Fixed<bool>(column, "Boolean").Add(value);
    public void SetInt32(int column, int value) => Fixed<int>(column, "Int32").Add(value);
    public void SetUInt32(int column, uint value) => Fixed<int>(column, "Int32").Add((int)value);
    public void SetInt64(int column, long value) => Fixed<long>(column, "Int64").Add(value);
    public void SetUInt64(int column, ulong value) => Fixed<long>(column, "Int64").Add((long)value);
    public void SetFloat(int column, float value) => Fixed<float>(column, "Float").Add(value);
    public void SetDouble(int column, double value) => Fixed<double>(column, "Double").Add(value);

    public void SetBoolean(int column, bool? value) { if (value.HasValue) SetBoolean(column, value.Value); else SetNull(column); }
    public void SetInt32(int column, int? value) { if (value.HasValue) SetInt32(column, value.Value); else SetNull(column); }
    public void SetInt64(int column, long? value) { if (value.HasValue) SetInt64(column, value.Value); else SetNull(column); }
    public void SetFloat(int column, float? value) { if (value.HasValue) SetFloat(column, value.Value); else SetNull(column); }
    public void SetDouble(int column, double? value) { if (value.HasValue) SetDouble(column, value.Value); else SetNull(column); }

    /// <summary>Sets a string column (null means a null value, allowed only for optional columns).</summary>
    public void SetString(int column, string? value)
    {
        if (value == null)
        {
            SetNull(column);
            return;
        }
        if (_current[column] is not StringColumnBuffer b) throw WrongType(column, "String");
        b.Add(value);
    }

    public void SetNull(int column) => _current[column].AddNull();

    private FixedColumnBuffer<T> Fixed<T>(int column, string type) where T : unmanaged
        => _current[column] as FixedColumnBuffer<T> ?? throw WrongType(column, type);

    private InvalidOperationException WrongType(int column, string type)
        => new($"column '{Schema.Columns[column].Name}' is {Schema.Columns[column].Type}, not {type}");

    /// <summary>Completes the current row: optional columns not set become null; a required column not set is an error.</summary>
    public void EndRow()
    {
        if (_closed) throw new InvalidOperationException("the writer is closed");
        int expected = _rowsInGroup + 1;
        var cols = _current;
        for (int i = 0; i < cols.Length; i++)
        {
            var c = cols[i];
            if (c.Rows == expected) continue;
            if (c.Rows == _rowsInGroup && c.Defs != null)
            {
                c.AddNull();
                continue;
            }
            _failed = true;
            throw new InvalidOperationException(c.Rows == _rowsInGroup
                ? $"required column '{c.Spec.Name}' was not set in row {RowCount}"
                : $"column '{c.Spec.Name}' was set more than once in row {RowCount}");
        }
        _rowsInGroup = expected;
        RowCount++;
        if (_rowsInGroup == _options.RowGroupRows) FlushRowGroup();
    }

    private ColumnBuffer[] NewBuffers() => Schema.Columns.Select<ColumnSpec, ColumnBuffer>(c => c.Type switch
    {
        ColumnType.Boolean => new FixedColumnBuffer<bool>(c),
        ColumnType.Int32 => new FixedColumnBuffer<int>(c),
        ColumnType.Int64 => new FixedColumnBuffer<long>(c),
        ColumnType.Float => new FixedColumnBuffer<float>(c),
        ColumnType.Double => new FixedColumnBuffer<double>(c),
        ColumnType.String => new StringColumnBuffer(c),
        _ => throw new ArgumentOutOfRangeException(nameof(c.Type)),
    }).ToArray();

    private void FlushRowGroup()
    {
        var full = _current;
        int rows = _rowsInGroup;
        WaitForPending();
        _current = _spare ?? NewBuffers();
        _spare = null;
        _rowsInGroup = 0;
        if (_options.Parallel)
        {
            _inFlight = full;
            _pending = Task.Run(() => EncodeAndWrite(full, rows));
        }
        else
        {
            EncodeAndWrite(full, rows);
            _spare = full;
        }
    }

    private void WaitForPending()
    {
        if (_pending == null) return;
        try
        {
            _pending.GetAwaiter().GetResult();
        }
        catch
        {
            _failed = true;
            throw;
        }
        finally
        {
            _pending = null;
        }
        _spare = _inFlight;
        _inFlight = null;
    }

    private void EncodeAndWrite(ColumnBuffer[] columns, int rows)
    {
        if (_options.Parallel && rows >= 4096 && columns.Length > 1)
            System.Threading.Tasks.Parallel.For(0, columns.Length, i => _encoders[i].Encode(columns[i]));
        else
            for (int i = 0; i < columns.Length; i++) _encoders[i].Encode(columns[i]);

        var rg = new RowGroupModel { NumRows = rows, FileOffset = _position, Ordinal = (short)Math.Min(_rowGroups.Count, short.MaxValue) };
        long totalUncompressed = 0, totalCompressed = 0;
        for (int i = 0; i < columns.Length; i++)
        {
            var enc = _encoders[i];
            var spec = Schema.Columns[i];
            long start = _position;
            var md = new ColumnMetaDataModel
            {
                Type = PhysicalTypeOf(spec.Type),
                Path = { spec.Name },
                Codec = (int)_options.Codec,
                NumValues = rows,
                TotalUncompressedSize = enc.UncompressedBytes,
                TotalCompressedSize = enc.Output.Length,
                DataPageOffset = start + enc.DictionaryPageBytes,
                DictionaryPageOffset = enc.DictionaryPageBytes > 0 ? start : null,
                Statistics = enc.Statistics,
            };
            md.Encodings.Add((int)ParquetEncoding.Plain);
            if (enc.UsedDictionary) md.Encodings.Add((int)ParquetEncoding.RleDictionary);
            if (spec.Optional) md.Encodings.Add((int)ParquetEncoding.Rle);
            WriteRaw(enc.Output.WrittenSpan);
            rg.Columns.Add(new ColumnChunkModel { FileOffset = 0, MetaData = md }); // deprecated field: 0 as the spec asks
            totalUncompressed += enc.UncompressedBytes;
            totalCompressed += enc.Output.Length;
            // Reset only after encoding; string references are dropped so they can be collected.
            if (columns[i] is StringColumnBuffer sb) sb.ClearReferences();
            columns[i].Reset();
        }
        rg.TotalByteSize = totalUncompressed;
        rg.TotalCompressedSize = totalCompressed;
        _rowGroups.Add(rg);
    }

    private void WriteRaw(ReadOnlySpan<byte> bytes)
    {
        _stream.Write(bytes);
        _position += bytes.Length;
    }

    internal static PhysicalType PhysicalTypeOf(ColumnType t) => t switch
    {
        ColumnType.Boolean => PhysicalType.Boolean,
        ColumnType.Int32 => PhysicalType.Int32,
        ColumnType.Int64 => PhysicalType.Int64,
        ColumnType.Float => PhysicalType.Float,
        ColumnType.Double => PhysicalType.Double,
        ColumnType.String => PhysicalType.ByteArray,
        _ => throw new ArgumentOutOfRangeException(nameof(t)),
    };

    /// <summary>Writes the remaining rows and the footer, then closes the stream (unless leaveOpen).</summary>
    public void Close()
    {
        if (_closed) return;
        if (_failed) throw new InvalidOperationException("the writer failed earlier; the file is incomplete");
        if (_rowsInGroup > 0)
        {
            var cols = _current;
            int rows = _rowsInGroup;
            WaitForPending();
            EncodeAndWrite(cols, rows);
            _rowsInGroup = 0;
        }
        WaitForPending();
        using (var footer = new ByteBuffer(1 << 14))
        {
            FooterSerializer.Write(footer, BuildFooter());
            WriteRaw(footer.WrittenSpan);
            Span<byte> tail = stackalloc byte[8];
            System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(tail, footer.Length);
            Magic.CopyTo(tail[4..]);
            WriteRaw(tail);
        }
        _stream.Flush();
        _closed = true;
        if (!_leaveOpen) _stream.Dispose();
        foreach (var e in _encoders) e.Dispose();
        Closed?.Invoke(this);
    }

    private FileMetaDataModel BuildFooter()
    {
        var m = new FileMetaDataModel
        {
            NumRows = RowCount,
            RowGroups = _rowGroups,
            CreatedBy = _options.CreatedBy,
            ColumnOrderCount = Schema.Columns.Count,
        };
        m.Schema.Add(new SchemaElementModel { Name = "schema", NumChildren = Schema.Columns.Count });
        foreach (var c in Schema.Columns) m.Schema.Add(SchemaElementOf(c));
        var kv = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in _options.KeyValueMetadata) kv[k] = v;
        kv.TryAdd(MetadataKeys.Version, SoftwareVersion.Value);
        if (Schema.Columns.Any(c => c.Unit != null)) kv.TryAdd(MetadataKeys.Units, Schema.UnitsJson());
        kv.TryAdd(MetadataKeys.Table, Schema.Name);
        foreach (var (k, v) in kv) m.KeyValue.Add(new(k, v));
        return m;
    }

    internal static SchemaElementModel SchemaElementOf(ColumnSpec c)
    {
        var e = new SchemaElementModel
        {
            Name = c.Name,
            Type = PhysicalTypeOf(c.Type),
            Repetition = c.Optional ? Repetition.Optional : Repetition.Required,
        };
        if (c.Type == ColumnType.String)
        {
            e.ConvertedType = ConvertedTypes.Utf8;
            e.Logical = new LogicalTypeModel { Kind = LogicalKinds.String };
        }
        else if (c.EffectiveIntBits is int bits)
        {
            e.Logical = new LogicalTypeModel { Kind = LogicalKinds.Integer, BitWidth = bits, IsSigned = !c.Unsigned };
            e.ConvertedType = (c.Unsigned, bits) switch
            {
                (true, 8) => ConvertedTypes.Uint8,
                (true, 16) => ConvertedTypes.Uint16,
                (true, 32) => ConvertedTypes.Uint32,
                (true, _) => ConvertedTypes.Uint64,
                (false, 8) => ConvertedTypes.Int8,
                (false, 16) => ConvertedTypes.Int16,
                (false, 32) => ConvertedTypes.Int32,
                _ => ConvertedTypes.Int64,
            };
        }
        return e;
    }

    /// <summary>Gives the file up without a footer (dataset abort): later Close/Dispose calls do nothing harmful.</summary>
    internal void Abandon()
    {
        _failed = true;
        Dispose();
    }

    /// <summary>Closes the file properly unless an earlier error left it incomplete (then only the stream is released).</summary>
    public void Dispose()
    {
        if (_closed) return;
        if (_failed)
        {
            try { _pending?.Wait(); } catch (AggregateException) { }
            _closed = true;
            if (!_leaveOpen) _stream.Dispose();
            foreach (var e in _encoders) e.Dispose();
            return;
        }
        Close();
    }
}
