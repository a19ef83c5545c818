using AgentSpines.EventLog.Reading;
using AgentSpines.EventLog.Schema;
using AgentSpines.EventLog.Writing;
namespace AgentSpines.EventLog.Tests;

/// <summary>Column-wise test data for a schema: random values of each type (with edge values) and nulls.</summary>
public sealed class TableData
{
    public TableData(TableSchema schema, object?[][] columns)
    {
        Schema = schema;
        Columns = columns;
    }

    public TableSchema Schema { get; }
    public object?[][] Columns { get; }
    public int Rows => Columns[0].Length;

    public static TableData Random(TableSchema schema, int rows, ulong seed, double nullFraction = 0.2, int cardinality = 0)
    {
        var rnd = new TestRandom(seed);
        var cols = new object?[schema.Columns.Count][];
        for (int c = 0; c < cols.Length; c++)
        {
            var spec = schema.Columns[c];
            cols[c] = new object?[rows];
            for (int r = 0; r < rows; r++)
            {
                if (spec.Optional && rnd.Chance(nullFraction)) continue;
                cols[c][r] = RandomValue(spec, rnd, cardinality);
            }
        }
        return new TableData(schema, cols);
    }

    private static readonly string[] Words = ["formed", "eliminated", "état", "日本語", "emoji😀", "", "a", "zz", "\u00ff", "\uffff"];

    public static object RandomValue(ColumnSpec spec, TestRandom rnd, int cardinality)
    {
        ulong u = cardinality > 0 ? (ulong)rnd.Next(cardinality) : rnd.NextUInt64();
        bool edge = cardinality == 0 && rnd.Chance(0.02);
        switch (spec.Type)
        {
            case ColumnType.Boolean: return (u & 1) == 1;
            case ColumnType.Int32:
                if (edge) return new[] { int.MinValue, int.MaxValue, 0, -1 }[rnd.Next(4)];
                return spec.Unsigned ? (int)(uint)u : (int)u;
            case ColumnType.Int64:
                if (edge) return new[] { long.MinValue, long.MaxValue, 0L, -1L }[rnd.Next(4)];
                return (long)u;
            case ColumnType.Float:
                if (edge) return new[] { float.NaN, float.PositiveInfinity, float.NegativeInfinity, -0.0f, float.Epsilon }[rnd.Next(5)];
                return cardinality > 0 ? u * 0.25f : (float)((rnd.NextDouble() - 0.5) * 1e6);
            case ColumnType.Double:
                if (edge) return new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.0, double.Epsilon, double.MaxValue }[rnd.Next(6)];
                return cardinality > 0 ? u * 0.125 : (rnd.NextDouble() - 0.5) * 1e9;
            default:
                if (cardinality > 0) return "v" + u;
                return Words[rnd.Next(Words.Length)] + (rnd.Chance(0.5) ? rnd.Next(1000).ToString() : "");
        }
    }

    public void WriteTo(ParquetFileWriter w)
    {
        for (int r = 0; r < Rows; r++)
        {
            for (int c = 0; c < Columns.Length; c++)
            {
                object? v = Columns[c][r];
                if (v == null)
                {
                    if (r % 2 == 0) w.SetNull(c); // odd rows leave nulls unset: EndRow fills them
                    continue;
                }
                switch (v)
                {
                    case bool b: w.SetBoolean(c, b); break;
                    case int i: w.SetInt32(c, i); break;
                    case long l: w.SetInt64(c, l); break;
                    case float f: w.SetFloat(c, f); break;
                    case double d: w.SetDouble(c, d); break;
                    case string s: w.SetString(c, s); break;
                }
            }
            w.EndRow();
        }
    }

    public string WriteFile(string path, ParquetWriterOptions? options = null)
    {
        using var w = ParquetFileWriter.Create(path, Schema, options);
        WriteTo(w);
        return path;
    }

    /// <summary>Asserts that the file holds exactly this data (doubles and floats compared bit for bit).</summary>
    public void AssertEqualTo(ParquetFileReader reader)
    {
        Assert.Equal(Rows, reader.Info.RowCount);
        Assert.Equal(Schema.Columns.Count, reader.Schema.Columns.Count);
        for (int c = 0; c < Columns.Length; c++)
        {
            var spec = Schema.Columns[c];
            var read = reader.Schema.Columns[c];
            Assert.Equal(spec.Name, read.Name);
            Assert.Equal(spec.Type, read.Type);
            Assert.Equal(spec.Optional, read.Optional);
            Assert.Equal(spec.Unsigned, read.Unsigned);
            Assert.Equal(spec.Unit, read.Unit);
            var data = reader.ReadColumn(c);
            Assert.Equal(Rows, data.Count);
            for (int r = 0; r < Rows; r++)
            {
                object? expected = Columns[c][r];
                if (expected is int i && spec.Unsigned) expected = (uint)i;
                if (expected is long l && spec.Unsigned) expected = (ulong)l;
                object? actual = data.GetValue(r);
                if (!SameValue(expected, actual))
                    Assert.Fail($"column {spec.Name} row {r}: expected {Show(expected)}, read {Show(actual)}");
            }
        }
    }

    public static bool SameValue(object? a, object? b) => (a, b) switch
    {
        (null, null) => true,
        (double x, double y) => BitConverter.DoubleToInt64Bits(x) == BitConverter.DoubleToInt64Bits(y),
        (float x, float y) => BitConverter.SingleToInt32Bits(x) == BitConverter.SingleToInt32Bits(y),
        _ => Equals(a, b),
    };

    private static string Show(object? v) => v == null ? "null" : $"{v} ({v.GetType().Name})";
}
