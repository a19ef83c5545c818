using System.Buffers.Binary;
using System.Text.Json;
using AgentSpines.EventLog.Format;
using AgentSpines.EventLog.Reading;

namespace AgentSpines.EventLog;

/// <summary>
/// Reads flat Parquet files (ours, DuckDB's, Arrow's...): BOOLEAN, INT32, INT64, FLOAT, DOUBLE and BYTE_ARRAY columns,
/// required or optional, PLAIN or dictionary encoded, data pages v1/v2, SNAPPY/GZIP/UNCOMPRESSED.
/// <para><see cref="Info"/> gives schema, row groups, statistics and key-value metadata; <see cref="ReadColumn(int,int)"/>
/// decodes one column of one row group; <see cref="ReadColumn(int)"/> a whole column; <see cref="ReadRows"/> streams rows
/// as object?[] (one row group in memory at a time).</para>
/// <para>Malformed input (wrong magic, truncation, bad lengths, bad Thrift, inconsistent counts, corrupt compressed
/// data) throws <see cref="ParquetFormatException"/> and nothing else.</para>
/// </summary>
public sealed class ParquetFileReader : IDisposable
{
    private static readonly byte[] Magic = "PAR1"u8.ToArray();
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly FileMetaDataModel _footer;
    private readonly PhysicalType[] _physical;
    private readonly long _dataEnd;
    private readonly string _name;

    public ParquetFileReader(Stream stream, string? name = null, bool leaveOpen = false)
    {
        _stream = stream;
        _leaveOpen = leaveOpen;
        _name = name ?? "parquet stream";
        try
        {
            if (!stream.CanSeek || !stream.CanRead) throw new ArgumentException("the reader needs a readable, seekable stream");
            long length = stream.Length;
            if (length < 12) throw Error($"file of {length} bytes is too small to be Parquet");
            var head = ReadAt(0, 4);
            var tail = ReadAt(length - 8, 8);
            if (!head.AsSpan().SequenceEqual(Magic) || !tail.AsSpan(4).SequenceEqual(Magic)) throw Error("missing PAR1 magic (not a Parquet file or truncated)");
            int footerLength = BinaryPrimitives.ReadInt32LittleEndian(tail);
            if (footerLength <= 0 || footerLength > length - 12) throw Error($"footer length {footerLength} does not fit in a file of {length} bytes");
            _dataEnd = length - 8 - footerLength;
            var footerBytes = ReadAt(_dataEnd, footerLength);
            _footer = FooterSerializer.Read(footerBytes, 0, footerLength, $"{_name}: footer");
            (Info, _physical) = BuildInfo(_footer, length);
        }
        catch
        {
            if (!leaveOpen) stream.Dispose();
            throw;
        }
    }

    /// <summary>Opens a file for reading.</summary>
    public static ParquetFileReader Open(string path)
        => new(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16), path);

    public ParquetFileInfo Info { get; }
    public TableSchema Schema => Info.Schema;

    private ParquetFormatException Error(string message) => new($"{_name}: {message}");

    private byte[] ReadAt(long offset, int count)
    {
        var buffer = new byte[count];
        _stream.Position = offset;
        _stream.ReadExactly(buffer);
        return buffer;
    }

    private (ParquetFileInfo, PhysicalType[]) BuildInfo(FileMetaDataModel f, long fileBytes)
    {
        if (f.Schema.Count < 1) throw Error("empty schema");
        var root = f.Schema[0];
        int leaves = f.Schema.Count - 1;
        if (root.Type.HasValue || (root.NumChildren ?? 0) != leaves) throw Error("only flat schemas (a root with primitive children) are supported");
        var units = ParseUnits(f.KeyValue);
        var specs = new List<ColumnSpec>();
        var physical = new PhysicalType[leaves];
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < leaves; i++)
        {
            var e = f.Schema[i + 1];
            if (!e.Type.HasValue || (e.NumChildren ?? 0) != 0) throw Error($"column '{e.Name}' is nested; only flat schemas are supported");
            if (e.Repetition == Repetition.Repeated) throw Error($"column '{e.Name}' is repeated; only flat schemas are supported");
            if (!names.Add(e.Name) || e.Name.Length == 0 || e.Name.Contains('.')) throw Error($"column name '{e.Name}' is empty, duplicated or contains '.'");
            physical[i] = e.Type.Value;
            specs.Add(SpecOf(e, units, f.RowGroups.Count > 0 ? f.RowGroups[0].Columns.ElementAtOrDefault(i)?.MetaData : null));
        }
        string tableName = f.KeyValue.FirstOrDefault(kv => kv.Key == MetadataKeys.Table).Value ?? root.Name;
        if (leaves == 0) throw Error("the schema has no columns");
        TableSchema schema;
        try
        {
            schema = new TableSchema(string.IsNullOrEmpty(tableName) ? "table" : tableName, specs);
        }
        catch (ArgumentException e)
        {
            throw Error($"unsupported schema ({e.Message})");
        }

        if (f.NumRows < 0) throw Error($"negative row count {f.NumRows}");
        long sum = 0;
        var groups = new List<RowGroupInfo>();
        for (int g = 0; g < f.RowGroups.Count; g++)
        {
            var rg = f.RowGroups[g];
            if (rg.Columns.Count != leaves) throw Error($"row group {g} has {rg.Columns.Count} column chunks for {leaves} columns");
            if (rg.NumRows < 0 || rg.NumRows > int.MaxValue) throw Error($"row group {g} has an invalid row count {rg.NumRows}");
            sum += rg.NumRows;
            var cols = new List<ColumnChunkInfo>();
            long compressed = 0, uncompressed = 0;
            for (int c = 0; c < leaves; c++)
            {
                var md = rg.Columns[c].MetaData ?? throw Error($"row group {g} column {c} lacks its metadata");
                if (rg.Columns[c].FilePath != null) throw Error("column chunks in external files are not supported");
                if (md.Type != physical[c]) throw Error($"row group {g} column '{specs[c].Name}' has type {md.Type}, schema says {physical[c]}");
                if (md.NumValues != rg.NumRows) throw Error($"row group {g} column '{specs[c].Name}' has {md.NumValues} values for {rg.NumRows} rows");
                compressed += md.TotalCompressedSize;
                uncompressed += md.TotalUncompressedSize;
                cols.Add(new ColumnChunkInfo(specs[c].Name, (ParquetCodec)md.Codec,
                    md.Encodings.Select(x => (ParquetEncoding)x).ToArray(), md.NumValues, md.TotalCompressedSize,
                    md.TotalUncompressedSize, ChunkStart(md) != md.DataPageOffset, StatisticsOf(md.Statistics, specs[c])));
            }
            groups.Add(new RowGroupInfo(g, rg.NumRows, compressed, uncompressed, cols));
        }
        if (sum != f.NumRows) throw Error($"row groups hold {sum} rows but the footer says {f.NumRows}");
        return (new ParquetFileInfo(schema, f.NumRows, fileBytes, f.CreatedBy, groups, f.KeyValue), physical);
    }

    private static Dictionary<string, string> ParseUnits(List<KeyValuePair<string, string?>> kv)
    {
        var units = new Dictionary<string, string>(StringComparer.Ordinal);
        var json = kv.FirstOrDefault(p => p.Key == MetadataKeys.Units).Value;
        if (json == null) return units;
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return units;
            foreach (var p in doc.RootElement.EnumerateObject())
                if (p.Value.ValueKind == JsonValueKind.String) units[p.Name] = p.Value.GetString()!;
        }
        catch (JsonException)
        {
            // Units are informative; a malformed entry is ignored rather than failing the read.
        }
        return units;
    }

    private ColumnSpec SpecOf(SchemaElementModel e, Dictionary<string, string> units, ColumnMetaDataModel? firstChunk)
    {
        ColumnType type = e.Type!.Value switch
        {
            PhysicalType.Boolean => ColumnType.Boolean,
            PhysicalType.Int32 => ColumnType.Int32,
            PhysicalType.Int64 => ColumnType.Int64,
            PhysicalType.Float => ColumnType.Float,
            PhysicalType.Double => ColumnType.Double,
            PhysicalType.ByteArray => ColumnType.String,
            var t => throw Error($"column '{e.Name}' has physical type {t}, which is not supported"),
        };
        bool unsigned = false;
        int? bits = null;
        if (e.Logical is { Kind: LogicalKinds.Integer } lt && type is ColumnType.Int32 or ColumnType.Int64)
        {
            unsigned = !lt.IsSigned;
            bits = lt.BitWidth;
        }
        else if (e.ConvertedType is >= ConvertedTypes.Uint8 and <= ConvertedTypes.Int64 && type is ColumnType.Int32 or ColumnType.Int64)
        {
            int ct = e.ConvertedType.Value;
            unsigned = ct <= ConvertedTypes.Uint64;
            bits = 8 << ((ct - (unsigned ? ConvertedTypes.Uint8 : ConvertedTypes.Int8)) & 3);
        }
        if (bits.HasValue && !(type == ColumnType.Int32 ? bits is 8 or 16 or 32 : bits == 64)) bits = null;
        bool dictionary = firstChunk != null && firstChunk.Encodings.Any(x => x is (int)ParquetEncoding.RleDictionary or (int)ParquetEncoding.PlainDictionary);
        units.TryGetValue(e.Name, out var unit);
        return new ColumnSpec(e.Name, type, e.Repetition == Repetition.Optional, dictionary, unit, unsigned, bits);
    }

    private static ColumnStatistics? StatisticsOf(StatisticsModel? s, ColumnSpec spec)
    {
        if (s == null) return null;
        bool signedOrder = !spec.Unsigned && spec.Type != ColumnType.String;
        byte[]? min = s.MinValue ?? (signedOrder ? s.Min : null);
        byte[]? max = s.MaxValue ?? (signedOrder ? s.Max : null);
        return new ColumnStatistics(s.NullCount, s.DistinctCount, DecodeStat(min, spec), DecodeStat(max, spec), s.NanCount);
    }

    private static object? DecodeStat(byte[]? b, ColumnSpec spec)
    {
        if (b == null) return null;
        return spec.Type switch
        {
            ColumnType.Boolean when b.Length == 1 => b[0] != 0,
            ColumnType.Int32 when b.Length == 4 => spec.Unsigned ? BinaryPrimitives.ReadUInt32LittleEndian(b) : BinaryPrimitives.ReadInt32LittleEndian(b),
            ColumnType.Int64 when b.Length == 8 => spec.Unsigned ? BinaryPrimitives.ReadUInt64LittleEndian(b) : BinaryPrimitives.ReadInt64LittleEndian(b),
            ColumnType.Float when b.Length == 4 => BinaryPrimitives.ReadSingleLittleEndian(b),
            ColumnType.Double when b.Length == 8 => BinaryPrimitives.ReadDoubleLittleEndian(b),
            ColumnType.String => System.Text.Encoding.UTF8.GetString(b),
            _ => null,
        };
    }

    private static long ChunkStart(ColumnMetaDataModel md)
        => md.DictionaryPageOffset is long d && d >= 4 && d < md.DataPageOffset ? d : md.DataPageOffset;

    /// <summary>Decodes one column of one row group.</summary>
    public ColumnData ReadColumn(int rowGroup, int column)
    {
        if ((uint)rowGroup >= (uint)_footer.RowGroups.Count) throw new ArgumentOutOfRangeException(nameof(rowGroup));
        if ((uint)column >= (uint)_physical.Length) throw new ArgumentOutOfRangeException(nameof(column));
        var rg = _footer.RowGroups[rowGroup];
        var md = rg.Columns[column].MetaData!;
        var spec = Schema.Columns[column];
        string what = $"{_name}: row group {rowGroup} column '{spec.Name}'";
        long start = ChunkStart(md);
        long length = md.TotalCompressedSize;
        if (start < 4 || length < 0 || length > int.MaxValue || start + length > _dataEnd)
            throw new ParquetFormatException($"{what}: chunk [{start}, {start + length}) lies outside the data region [4, {_dataEnd})");
        var bytes = ReadAt(start, (int)length);
        var decoder = new ColumnChunkDecoder(spec, _physical[column], (ParquetCodec)md.Codec, rg.NumRows, what);
        return decoder.Decode(bytes, 0, bytes.Length);
    }

    public ColumnData ReadColumn(int rowGroup, string column) => ReadColumn(rowGroup, Schema.IndexOfRequired(column));

    /// <summary>One column over all row groups, concatenated.</summary>
    public ColumnData ReadColumn(int column)
    {
        var parts = Enumerable.Range(0, Info.RowGroups.Count).Select(g => ReadColumn(g, column)).ToList();
        var spec = Schema.Columns[column];
        if (parts.Count == 1) return parts[0];
        int total = checked((int)parts.Sum(p => (long)p.Count));
        var values = ColumnChunkDecoder.NewArray(spec.Type, total);
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

    /// <summary>Rows as object?[] in schema order (unsigned columns as uint/ulong, nulls as null).</summary>
    public IEnumerable<object?[]> ReadRows()
    {
        for (int g = 0; g < Info.RowGroups.Count; g++)
        {
            var cols = Enumerable.Range(0, _physical.Length).Select(c => ReadColumn(g, c)).ToArray();
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
        if (!_leaveOpen) _stream.Dispose();
    }
}
