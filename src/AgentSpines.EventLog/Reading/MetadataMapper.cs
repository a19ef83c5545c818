using System.Buffers.Binary;
using System.Text.Json;
using Parquet.Meta;
using AgentSpines.EventLog.Schema;
using AgentSpines.EventLog.Writing;
using AgentSpines.EventLog.Format;

namespace AgentSpines.EventLog.Reading;

/// <summary>
/// Turns Parquet.Net's footer model into <see cref="ParquetFileInfo"/>: column specs (types, nullability, INTEGER
/// logical types, units from agentspines.units), row groups with codec, encodings, sizes and statistics. The NaN
/// count (Statistics field 9, which Parquet.Net 6.1 does not model) comes from the skimmed footer.
/// </summary>
internal static class MetadataMapper
{
    public static ParquetFileInfo Build(FileMetaData f, ThriftSkim.Node skim, long fileBytes, string name)
    {
        ParquetFormatException Error(string m) => new($"{name}: {m}");
        var kv = (f.KeyValueMetadata ?? []).Select(p => new KeyValuePair<string, string?>(p.Key ?? "", p.Value)).ToList();
        var units = ParseUnits(kv);
        var firstGroup = f.RowGroups is { Count: > 0 } ? f.RowGroups[0] : null;
        var specs = new List<ColumnSpec>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 1; i < f.Schema.Count; i++)
        {
            var e = f.Schema[i];
            if (string.IsNullOrEmpty(e.Name) || !names.Add(e.Name) || e.Name.Contains('.'))
                throw Error($"column name '{e.Name}' is empty, duplicated or contains '.'");
            specs.Add(SpecOf(e, units, firstGroup?.Columns.ElementAtOrDefault(i - 1)?.MetaData, Error));
        }
        string table = kv.FirstOrDefault(p => p.Key == MetadataKeys.Table).Value ?? f.Schema[0].Name;
        TableSchema schema;
        try
        {
            schema = new TableSchema(string.IsNullOrEmpty(table) ? "table" : table, specs);
        }
        catch (ArgumentException e)
        {
            throw Error($"unsupported schema ({e.Message})");
        }
        var groups = new List<RowGroupInfo>();
        var skimGroups = skim.List(4);
        for (int g = 0; g < (f.RowGroups?.Count ?? 0); g++)
        {
            var rg = f.RowGroups![g];
            var cols = new List<ColumnChunkInfo>();
            long compressed = 0, uncompressed = 0;
            for (int c = 0; c < specs.Count; c++)
            {
                var md = rg.Columns[c].MetaData ?? throw Error($"row group {g} column {c} lacks its metadata");
                if ((int)md.Type != (int)f.Schema[c + 1].Type!) throw Error($"row group {g} column '{specs[c].Name}' has type {md.Type}, the schema says {f.Schema[c + 1].Type}");
                compressed += md.TotalCompressedSize;
                uncompressed += md.TotalUncompressedSize;
                long? nanCount = skimGroups[g].List(1)[c].Struct(3)?.Struct(12)?.Int(9);
                cols.Add(new ColumnChunkInfo(specs[c].Name, (ParquetCodec)(int)md.Codec,
                    (md.Encodings ?? []).Select(x => (ParquetEncoding)(int)x).ToArray(), md.NumValues, md.TotalCompressedSize,
                    md.TotalUncompressedSize, md.DictionaryPageOffset is long d && d >= 4 && d < md.DataPageOffset,
                    StatisticsOf(md.Statistics, specs[c], nanCount)));
            }
            groups.Add(new RowGroupInfo(g, rg.NumRows, compressed, uncompressed, cols));
        }
        return new ParquetFileInfo(schema, f.NumRows, fileBytes, f.CreatedBy, groups, kv);
    }

    private static ColumnSpec SpecOf(SchemaElement e, Dictionary<string, string> units, ColumnMetaData? firstChunk, Func<string, ParquetFormatException> error)
    {
        ColumnType type = e.Type switch
        {
            Parquet.Meta.Type.BOOLEAN => ColumnType.Boolean,
            Parquet.Meta.Type.INT32 => ColumnType.Int32,
            Parquet.Meta.Type.INT64 => ColumnType.Int64,
            Parquet.Meta.Type.FLOAT => ColumnType.Float,
            Parquet.Meta.Type.DOUBLE => ColumnType.Double,
            Parquet.Meta.Type.BYTE_ARRAY => ColumnType.String,
            var t => throw error($"column '{e.Name}' has physical type {t}, which is not supported"),
        };
        bool unsigned = false;
        int? bits = null;
        if (e.LogicalType?.INTEGER is { } it && type is ColumnType.Int32 or ColumnType.Int64)
        {
            unsigned = !it.IsSigned;
            bits = it.BitWidth;
        }
        else if (e.ConvertedType is { } ct && type is ColumnType.Int32 or ColumnType.Int64)
        {
            (unsigned, bits) = ct switch
            {
                ConvertedType.UINT_8 => (true, 8), ConvertedType.UINT_16 => (true, 16), ConvertedType.UINT_32 => (true, 32), ConvertedType.UINT_64 => (true, 64),
                ConvertedType.INT_8 => (false, 8), ConvertedType.INT_16 => (false, 16), ConvertedType.INT_32 => (false, 32), ConvertedType.INT_64 => (false, 64),
                _ => (false, (int?)null),
            };
        }
        if (bits.HasValue && !(type == ColumnType.Int32 ? bits is 8 or 16 or 32 : bits == 64)) bits = null;
        bool dictionary = firstChunk?.Encodings?.Any(x => x is Parquet.Meta.Encoding.RLE_DICTIONARY or Parquet.Meta.Encoding.PLAIN_DICTIONARY) == true;
        units.TryGetValue(e.Name, out var unit);
        return new ColumnSpec(e.Name, type, e.RepetitionType == FieldRepetitionType.OPTIONAL, dictionary, unit, unsigned, bits);
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

    private static ColumnStatistics? StatisticsOf(Statistics? s, ColumnSpec spec, long? nanCount)
    {
        if (s == null) return null;
        bool signedOrder = !spec.Unsigned && spec.Type != ColumnType.String;
        byte[]? min = s.MinValue ?? (signedOrder ? s.Min : null);
        byte[]? max = s.MaxValue ?? (signedOrder ? s.Max : null);
        return new ColumnStatistics(s.NullCount, s.DistinctCount, DecodeStat(min, spec), DecodeStat(max, spec), nanCount);
    }

    private static object? DecodeStat(byte[]? b, ColumnSpec spec) => b == null ? null : spec.Type switch
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
