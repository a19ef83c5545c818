using System.Text.Json;
using AgentSpines.EventLog.Reading;

namespace AgentSpines.EventLog.Interop;

/// <summary>
/// The reverse check: files written by DuckDB (plain and dictionary encoded, snappy, gzip and zstd) read by our reader (Parquet.Net behind our guards)
/// must equal DuckDB's own dump of the same rows (canonical JSON written by tests/interop/duckdb-fixtures.mjs).
/// </summary>
public static class DuckDbVerifier
{
    public static int Run(string dir)
    {
        using var index = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "duckdb-fixtures.json")));
        int failures = 0, files = 0;
        foreach (var f in index.RootElement.GetProperty("fixtures").EnumerateArray())
        {
            files++;
            string name = f.GetProperty("name").GetString()!;
            try
            {
                Compare(Path.Combine(dir, f.GetProperty("file").GetString()!), Path.Combine(dir, f.GetProperty("expected").GetString()!));
                Console.WriteLine($"ok   {name}");
            }
            catch (Exception e) when (e is InvalidDataException or ParquetFormatException)
            {
                failures++;
                Console.WriteLine($"FAIL {name}: {e.Message}");
            }
        }
        Console.WriteLine($"reverse check: {files - failures} of {files} DuckDB files read exactly by our reader");
        return failures == 0 && files > 0 ? 0 : 1;
    }

    private static void Compare(string parquet, string expectedPath)
    {
        using var expected = JsonDocument.Parse(File.ReadAllText(expectedPath));
        using var reader = ParquetFileReader.Open(parquet);
        var columns = expected.RootElement.GetProperty("columns").EnumerateArray().ToArray();
        var rows = expected.RootElement.GetProperty("rows").EnumerateArray().ToArray();
        if (reader.Schema.Columns.Count != columns.Length) throw new InvalidDataException($"{reader.Schema.Columns.Count} columns, DuckDB says {columns.Length}");
        for (int c = 0; c < columns.Length; c++)
        {
            string name = columns[c].GetProperty("name").GetString()!, type = columns[c].GetProperty("type").GetString()!;
            var spec = reader.Schema.Columns[c];
            if (spec.Name != name || Canonical.TypeName(spec) != type) throw new InvalidDataException($"column {c} is {spec.Name}:{Canonical.TypeName(spec)}, DuckDB says {name}:{type}");
        }
        if (reader.Info.RowCount != rows.Length) throw new InvalidDataException($"{reader.Info.RowCount} rows, DuckDB says {rows.Length}");
        int r = 0;
        foreach (var row in reader.ReadRows())
        {
            var want = rows[r].EnumerateArray().ToArray();
            for (int c = 0; c < row.Length; c++)
            {
                string got = Canonical.Value(row[c])?.ToJsonString() ?? "null";
                string exp = want[c].GetRawText();
                if (JsonDocument.Parse(got).RootElement.ToString() != want[c].ToString() || (row[c] == null) != (want[c].ValueKind == JsonValueKind.Null))
                    throw new InvalidDataException($"row {r} column {columns[c].GetProperty("name").GetString()}: read {got}, DuckDB says {exp}");
            }
            r++;
        }
    }
}
