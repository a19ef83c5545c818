using System.Globalization;
using DuckDB.NET.Data;
using AgentSpines.EventLog.Dataset;
using AgentSpines.EventLog.Reading;
using AgentSpines.EventLog.Schema;

namespace AgentSpines.Cli.Tests;

/// <summary>
/// Issue 14 item 6: DuckDB (DuckDB.NET.Data.Full, in process) reads every table of a real run: the types it infers
/// from our files match the schema, hive partitions become typed columns, row counts per partition match the
/// manifest, and a sum over every table's first numeric column agrees with the Parquet.Net reader.
/// </summary>
[Collection("console")]
public class DuckDbNetReadsRunTests(SmallRunFixture run) : IClassFixture<SmallRunFixture>
{
    private static string DuckType(ColumnSpec c) => c.Type switch
    {
        ColumnType.Boolean => "BOOLEAN",
        ColumnType.Int32 => c.IntBits switch { 8 => c.Unsigned ? "UTINYINT" : "TINYINT", 16 => c.Unsigned ? "USMALLINT" : "SMALLINT", _ => c.Unsigned ? "UINTEGER" : "INTEGER" },
        ColumnType.Int64 => c.Unsigned ? "UBIGINT" : "BIGINT",
        ColumnType.Float => "FLOAT",
        ColumnType.Double => "DOUBLE",
        ColumnType.String => "VARCHAR",
        _ => throw new ArgumentOutOfRangeException(nameof(c)),
    };

    private static string Sql(string s) => "'" + s.Replace("'", "''") + "'";

    [Fact]
    public void DuckDbReadsEveryTableWithItsTypesPartitionsAndRowCounts()
    {
        var manifest = new DatasetReader(run.Dir).ReadManifest();
        var tables = manifest.Files.GroupBy(f => f.Table).ToList();
        Assert.True(tables.Count >= 5, $"the run wrote only {tables.Count} tables");
        using var con = new DuckDBConnection("DataSource=:memory:");
        con.Open();
        foreach (var table in tables)
        {
            string source = $"read_parquet({Sql(Path.Combine(run.Dir, table.Key, "**", "*.parquet"))}, hive_partitioning = true)";
            using var first = ParquetFileReader.Open(Path.Combine(run.Dir, table.First().Path));
            var schema = first.Schema;

            var described = new List<(string Name, string Type)>();
            using (var cmd = con.CreateCommand())
            {
                cmd.CommandText = $"DESCRIBE SELECT * FROM {source}";
                using var r = cmd.ExecuteReader();
                while (r.Read()) described.Add((r.GetString(0), r.GetString(1)));
            }
            var expected = schema.Columns.Select(c => (c.Name, DuckType(c))).Concat([("regime", "VARCHAR"), ("replicate", "BIGINT")]).ToList();
            Assert.Equal(expected, described);

            var perPartition = new Dictionary<(string, long), long>();
            using (var cmd = con.CreateCommand())
            {
                cmd.CommandText = $"SELECT regime, replicate, count(*) FROM {source} GROUP BY ALL";
                using var r = cmd.ExecuteReader();
                while (r.Read()) perPartition[(r.GetString(0), r.GetInt64(1))] = r.GetInt64(2);
            }
            var fromManifest = table.Where(f => f.Rows > 0).GroupBy(f => (f.Partition.Single(p => p.Key == "regime").Value,
                    long.Parse(f.Partition.Single(p => p.Key == "replicate").Value, CultureInfo.InvariantCulture)))
                .ToDictionary(g => g.Key, g => g.Sum(f => f.Rows));
            Assert.Equal(fromManifest.OrderBy(p => p.Key), perPartition.OrderBy(p => p.Key));

            var numeric = schema.Columns.FirstOrDefault(c => c.Type is ColumnType.Double or ColumnType.Int64 or ColumnType.Int32);
            if (numeric == null || fromManifest.Count == 0) continue;
            double ours = 0;
            foreach (var f in table)
            {
                using var r = ParquetFileReader.Open(Path.Combine(run.Dir, f.Path));
                var col = r.ReadColumn(numeric.Name);
                for (int i = 0; i < col.Count; i++) if (!col.IsNull(i)) ours += Convert.ToDouble(col.GetValue(i), CultureInfo.InvariantCulture);
            }
            using (var cmd = con.CreateCommand())
            {
                cmd.CommandText = $"SELECT coalesce(sum(\"{numeric.Name}\")::DOUBLE, 0) FROM {source}";
                double duck = Convert.ToDouble(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
                Assert.True(Math.Abs(duck - ours) <= 1e-9 * Math.Max(1, Math.Abs(ours)), $"{table.Key}.{numeric.Name}: DuckDB sum {duck}, Parquet.Net {ours}");
            }
        }
    }
}
