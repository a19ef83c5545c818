using System.Text.Json.Nodes;
using AgentSpines.EventLog.Dataset;
using AgentSpines.EventLog.Schema;
using AgentSpines.EventLog.Writing;
using AgentSpines.EventLog.Format;

namespace AgentSpines.EventLog.Interop;

/// <summary>
/// Writes the fixture files that DuckDB and hyparquet must read exactly, each with &lt;name&gt;.expected.json holding
/// the values that were written (not what our reader returns), and fixtures.json indexing them.
/// Covers every column type, required/optional, dictionary on/off, the three codecs, several row groups and pages,
/// an empty file, an all-null file, dictionary fallback, the events/snapshots/metrics tables and a hive dataset.
/// </summary>
public static class FixtureWriter
{
    private static readonly string[] Words = ["formed", "eliminated", "état", "日本語", "emoji 😀", "", "a", "zz", "\u00ff", "tab\tquote\"comma,", "line\nbreak"];

    public static void WriteAll(string dir)
    {
        Directory.CreateDirectory(dir);
        var index = new JsonArray();
        foreach (var codec in Enum.GetValues<ParquetCodec>())
            foreach (bool dict in new[] { true, false })
            {
                string name = $"types_{codec.ToString().ToLowerInvariant()}_{(dict ? "dict" : "plain")}";
                var schema = TypesSchema(dict);
                var rows = RandomRows(schema, 1000, seed: (ulong)codec * 2 + (dict ? 1UL : 0));
                index.Add(Write(dir, name, schema, rows, new ParquetWriterOptions { Codec = codec, RowGroupRows = 300, DataPageBytes = 512 }, dict));
            }

        var small = new TableSchema("empty", ColumnSpec.Double("x", unit: "h"), ColumnSpec.String("s", optional: true, dictionary: true), ColumnSpec.Int64("n"));
        index.Add(Write(dir, "empty", small, [], new ParquetWriterOptions(), dict: false));

        var nulls = new TableSchema("all_null", ColumnSpec.Double("d", optional: true), ColumnSpec.String("s", optional: true, dictionary: true),
            ColumnSpec.Boolean("b", optional: true), ColumnSpec.Int32("k"));
        index.Add(Write(dir, "all_null", nulls, Enumerable.Range(0, 700).Select(i => new object?[] { null, null, null, i }).ToList(),
            new ParquetWriterOptions { RowGroupRows = 500 }, dict: false));

        // Dictionary requested everywhere; the second row group has too many distinct values and falls back to PLAIN.
        var fallback = new TableSchema("fallback", ColumnSpec.String("s", dictionary: true), ColumnSpec.Double("d", optional: true, dictionary: true), ColumnSpec.Int64("i", dictionary: true));
        var fbRows = Enumerable.Range(0, 2000).Select(i => new object?[]
        {
            i < 1000 ? "low" + i % 5 : "high" + i, i % 3 == 0 ? null : i < 1000 ? i % 4 * 0.5 : i * 1.25, i < 1000 ? (long)(i % 6) : (long)i * 1_000_003,
        }).ToList();
        index.Add(Write(dir, "fallback", fallback, fbRows, new ParquetWriterOptions { RowGroupRows = 1000, DictionaryMaxEntries = 100 }, dict: true));

        var many = TypesSchema(dict: true);
        index.Add(Write(dir, "many_pages", many, RandomRows(many, 20_000, seed: 77), new ParquetWriterOptions { RowGroupRows = 6000, DataPageBytes = 1024 }, dict: true));

        index.Add(Write(dir, "events", EventRecord.Schema, SimulationRows.Events(3000).Select(Row).ToList(), new ParquetWriterOptions { RowGroupRows = 1000 }, dict: true));
        index.Add(Write(dir, "snapshots", SnapshotRecord.Schema, SimulationRows.Snapshots(1500).Select(Row).ToList(), new ParquetWriterOptions(), dict: true));
        index.Add(Write(dir, "metrics", MetricRecord.Schema, SimulationRows.Metrics(800).Select(Row).ToList(), new ParquetWriterOptions { Codec = ParquetCodec.Gzip }, dict: true));

        index.Add(WriteDataset(dir));
        Canonical.Save(Path.Combine(dir, "fixtures.json"), new JsonObject { ["fixtures"] = index });
    }

    private static TableSchema TypesSchema(bool dict)
    {
        var cols = new List<ColumnSpec>();
        foreach (var t in Enum.GetValues<ColumnType>())
            foreach (bool optional in new[] { false, true })
                foreach (string card in new[] { "hi", "lo" })
                    cols.Add(new ColumnSpec($"{t.ToString().ToLowerInvariant()}_{(optional ? "opt" : "req")}_{card}", t, optional, dict, t == ColumnType.Double ? "um" : null));
        cols.Add(ColumnSpec.Int32("uint32_req", unsigned: true, dictionary: dict));
        cols.Add(ColumnSpec.Int64("uint64_opt", optional: true, unsigned: true));
        cols.Add(new ColumnSpec("int8_req", ColumnType.Int32, IntBits: 8));
        cols.Add(new ColumnSpec("int16_opt", ColumnType.Int32, Optional: true, IntBits: 16, Dictionary: dict));
        return new TableSchema("types", cols);
    }

    private static List<object?[]> RandomRows(TableSchema schema, int rows, ulong seed)
    {
        var rnd = new FixtureRandom(seed);
        var list = new List<object?[]>();
        for (int r = 0; r < rows; r++)
        {
            var row = new object?[schema.Columns.Count];
            for (int c = 0; c < row.Length; c++)
            {
                var spec = schema.Columns[c];
                if (spec.Optional && rnd.Chance(0.25)) continue;
                bool low = spec.Name.EndsWith("_lo", StringComparison.Ordinal);
                row[c] = Value(spec, rnd, low);
            }
            list.Add(row);
        }
        return list;
    }

    private static object Value(ColumnSpec spec, FixtureRandom rnd, bool low)
    {
        ulong u = low ? (ulong)rnd.Next(6) : rnd.Next();
        bool edge = !low && rnd.Chance(0.03);
        if (spec.IntBits == 8) return (int)(sbyte)u;
        if (spec.IntBits == 16) return (int)(short)u;
        return spec.Type switch
        {
            ColumnType.Boolean => (u & 1) == 1,
            ColumnType.Int32 when spec.Unsigned => (uint)u,
            ColumnType.Int32 => edge ? new[] { int.MinValue, int.MaxValue, 0, -1 }[rnd.Next(4)] : low ? (int)u - 3 : (int)u,
            ColumnType.Int64 when spec.Unsigned => u,
            ColumnType.Int64 => edge ? new[] { long.MinValue, long.MaxValue, 0L, -1L }[rnd.Next(4)] : low ? (long)u * 1_000_000_007L : (long)u,
            ColumnType.Float => edge ? new[] { float.NaN, float.PositiveInfinity, float.NegativeInfinity, -0.0f, float.Epsilon, float.MaxValue }[rnd.Next(6)]
                : low ? u * 0.25f : (float)((rnd.Unit() - 0.5) * 1e6),
            ColumnType.Double => edge ? new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.0, double.Epsilon, double.MaxValue }[rnd.Next(6)]
                : low ? u * 0.1 : (rnd.Unit() - 0.5) * 1e9,
            _ => low ? Words[(int)u] : Words[rnd.Next(Words.Length)] + rnd.Next(100_000),
        };
    }

    private static object?[] Row<T>(T record) where T : struct, ITableRow<T>
    {
        // The positional properties in declaration order are the table's columns in schema order.
        return typeof(T).GetProperties().Where(p => p.Name != "Schema" && p.GetMethod!.IsStatic == false && p.DeclaringType == typeof(T))
            .Select(p => p.GetValue(record)).ToArray();
    }

    private static JsonObject Write(string dir, string name, TableSchema schema, List<object?[]> rows, ParquetWriterOptions options, bool dict)
    {
        string file = name + ".parquet";
        using (var w = ParquetFileWriter.Create(Path.Combine(dir, file), schema, options))
            foreach (var row in rows) SetRow(w, row);
        var entry = new JsonObject
        {
            ["name"] = name,
            ["file"] = file,
            ["expected"] = name + ".expected.json",
            ["codec"] = options.Codec.ToString().ToUpperInvariant(),
            ["dictionary"] = dict,
            ["row_groups"] = (rows.Count + options.RowGroupRows - 1) / options.RowGroupRows,
            ["rows"] = rows.Count,
        };
        Canonical.Save(Path.Combine(dir, name + ".expected.json"), Canonical.Document(schema, rows.Select(r => Normalise(schema, r))));
        return entry;
    }

    private static object?[] Normalise(TableSchema schema, object?[] row) => row.Select((v, c) => v switch
    {
        int i when schema.Columns[c].Unsigned => (uint)i,
        long l when schema.Columns[c].Unsigned => (ulong)l,
        _ => v,
    }).ToArray();

    internal static void SetRow(ParquetFileWriter w, object?[] row)
    {
        for (int c = 0; c < row.Length; c++)
        {
            switch (row[c])
            {
                case null: w.SetNull(c); break;
                case bool b: w.SetBoolean(c, b); break;
                case int i: w.SetInt32(c, i); break;
                case uint u: w.SetUInt32(c, u); break;
                case long l: w.SetInt64(c, l); break;
                case ulong u: w.SetUInt64(c, u); break;
                case float f: w.SetFloat(c, f); break;
                case double d: w.SetDouble(c, d); break;
                case string s: w.SetString(c, s); break;
                default: throw new ArgumentException($"unexpected {row[c]!.GetType()}");
            }
        }
        w.EndRow();
    }

    /// <summary>events under a hive layout with two regimes (one needing escaping) and two replicates.</summary>
    private static JsonObject WriteDataset(string dir)
    {
        string root = Path.Combine(dir, "dataset");
        if (Directory.Exists(root)) Directory.Delete(root, true);
        var expected = new List<object?[]>();
        using (var ds = new DatasetWriter(root, new DatasetOptions { ConfigJson = "{\"fixture\":true}", Seed = 7 }))
        {
            string[] regimes = ["baseline", "ketamine 10 mg/kg=x%"];
            foreach (var regime in regimes.OrderBy(r => r, StringComparer.Ordinal))
                for (int k = 0; k < 2; k++)
                {
                    using var w = ds.Open<EventRecord>(PartitionKey.Of(regime, k));
                    foreach (var e in SimulationRows.Events(200 + 50 * k, seed: (ulong)(k + 1) * 31 + (ulong)regime.Length))
                    {
                        w.Append(e);
                        expected.Add([regime, (long)k, .. Row(e)]);
                    }
                }
            ds.Commit(new DatasetManifestInfo { ConfigJson = "{\"fixture\":true}", Seed = 7 });
        }
        var schema = new TableSchema("dataset", [ColumnSpec.String("regime"), ColumnSpec.Int64("replicate"), .. EventRecord.Schema.Columns]);
        Canonical.Save(Path.Combine(dir, "dataset.expected.json"), Canonical.Document(schema, expected));
        return new JsonObject { ["name"] = "dataset", ["dataset"] = "dataset", ["table"] = "events", ["expected"] = "dataset.expected.json", ["rows"] = expected.Count };
    }
}

/// <summary>Deterministic generator for fixtures (the project's counter-based RandomStream).</summary>
internal sealed class FixtureRandom(ulong seed)
{
    private readonly AgentSpines.Core.Random.RandomStream _stream = new(seed, entityId: 0, stream: 0);

    public ulong Next() => _stream.NextUInt64();
    public int Next(int n) => (int)(Next() % (ulong)n);
    public double Unit() => _stream.NextDouble();
    public bool Chance(double p) => Unit() < p;
}
