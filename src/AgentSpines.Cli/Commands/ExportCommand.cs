using System.CommandLine;
using AgentSpines.Cli.CommandLine;
using System.Globalization;
using System.Text;
using AgentSpines.EventLog;

namespace AgentSpines.Cli.Commands;

/// <summary>
/// `agentspines export PATH --csv OUT`: Parquet to CSV for tools without a Parquet reader.
/// PATH a .parquet file: OUT is one CSV file. PATH a dataset root (has manifest.json or table directories of
/// name=value partitions): OUT is a directory with one &lt;table&gt;.csv per table, partition columns first.
/// PATH a table directory (e.g. out/events): OUT is one CSV with the partition columns first.
/// CSV: header row, RFC 4180 quoting, invariant culture, round-trip numbers (NaN, Infinity), empty field for null.
/// </summary>
public sealed class ExportCommand : ICliCommand
{
    private static readonly Argument<string> Path_ = new("PATH") { Description = "a .parquet file, a dataset directory or a table directory" };
    private static readonly Option<string?> Csv = Options.Text("--csv", "OUT", "CSV file (a directory of <table>.csv for a dataset)", required: true);

    public AgentCommand Create() => new("export", "write a Parquet file or dataset as CSV", Run) { Path_, Csv };

    private static int Run(CommandInput a)
    {
        string output = a.Get(Csv)!;
        string path = a.Get(Path_);
        if (File.Exists(path))
        {
            long n = ExportFiles([(path, [])], output);
            Console.WriteLine($"wrote {n} rows to {output}");
            return 0;
        }
        if (!Directory.Exists(path)) throw new UsageException($"{path}: no such file or directory");
        bool isRoot = File.Exists(Path.Combine(path, DatasetManifest.FileName))
                      || Directory.EnumerateDirectories(path).Any(d => !Path.GetFileName(d).Contains('=') && !Path.GetFileName(d).StartsWith('.'));
        if (isRoot)
        {
            var files = new DatasetReader(path).ListFiles();
            if (files.Count == 0) throw new UsageException($"{path}: no Parquet files found");
            Directory.CreateDirectory(output);
            foreach (var table in files.GroupBy(f => f.Table).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                string csv = Path.Combine(output, table.Key + ".csv");
                long n = ExportFiles(table.Select(f => (f.Path, f.Partition)).ToList(), csv);
                Console.WriteLine($"wrote {n} rows of {table.Key} to {csv}");
            }
            return 0;
        }
        var tableFiles = Directory.EnumerateFiles(path, "*.parquet", SearchOption.AllDirectories)
            .Where(f => !Path.GetFileName(f).StartsWith('.')).Order(StringComparer.Ordinal)
            .Select(f => (f, PartitionOf(Path.GetRelativePath(path, f)))).ToList();
        if (tableFiles.Count == 0) throw new UsageException($"{path}: no Parquet files found");
        long rows = ExportFiles(tableFiles, output);
        Console.WriteLine($"wrote {rows} rows to {output}");
        return 0;
    }

    private static IReadOnlyList<KeyValuePair<string, string>> PartitionOf(string relative)
    {
        var parts = new List<KeyValuePair<string, string>>();
        foreach (var seg in relative.Replace(Path.DirectorySeparatorChar, '/').Split('/')[..^1])
        {
            int eq = seg.IndexOf('=');
            if (eq > 0) parts.Add(new(seg[..eq], PartitionKey.Unescape(seg[(eq + 1)..]) ?? seg[(eq + 1)..]));
        }
        return parts;
    }

    /// <summary>Writes the rows of files with one schema (partition columns first) to one CSV; returns the row count.</summary>
    private static long ExportFiles(IReadOnlyList<(string Path, IReadOnlyList<KeyValuePair<string, string>> Partition)> files, string csvPath)
    {
        string[]? header = null;
        long rows = 0;
        string? dir = Path.GetDirectoryName(Path.GetFullPath(csvPath));
        if (dir != null) Directory.CreateDirectory(dir);
        using var w = new StreamWriter(csvPath, false, new UTF8Encoding(false), 1 << 16);
        var line = new StringBuilder();
        foreach (var (file, partition) in files)
        {
            using var r = ParquetFileReader.Open(file);
            var names = partition.Select(p => p.Key).Concat(r.Schema.Columns.Select(c => c.Name)).ToArray();
            if (header == null)
            {
                header = names;
                w.WriteLine(string.Join(',', header.Select(Quote)));
            }
            else if (!header.SequenceEqual(names))
                throw new UsageException($"{file}: columns [{string.Join(", ", names)}] differ from the first file's [{string.Join(", ", header)}]");
            string prefix = string.Concat(partition.Select(p => Quote(p.Value) + ","));
            for (int g = 0; g < r.Info.RowGroups.Count; g++)
            {
                // Column-wise decode, row-wise text: one row group in memory, no boxing per value.
                var cols = Enumerable.Range(0, r.Schema.Columns.Count).Select(c => r.ReadColumn(g, c)).ToArray();
                long n = r.Info.RowGroups[g].Rows;
                for (int row = 0; row < n; row++)
                {
                    line.Clear().Append(prefix);
                    for (int c = 0; c < cols.Length; c++)
                    {
                        if (c > 0) line.Append(',');
                        AppendValue(line, cols[c], row);
                    }
                    w.WriteLine(line);
                    rows++;
                }
            }
        }
        return rows;
    }

    private static void AppendValue(StringBuilder sb, ColumnData col, int row)
    {
        if (col.IsNull(row)) return;
        var ci = CultureInfo.InvariantCulture;
        bool unsigned = col.Column.Unsigned;
        switch (col.Values)
        {
            case double[] d: sb.Append(ci, $"{d[row]:R}"); break;
            case float[] f: sb.Append(ci, $"{f[row]:R}"); break;
            case long[] l: if (unsigned) sb.Append(ci, $"{(ulong)l[row]}"); else sb.Append(ci, $"{l[row]}"); break;
            case int[] i: if (unsigned) sb.Append(ci, $"{(uint)i[row]}"); else sb.Append(ci, $"{i[row]}"); break;
            case bool[] b: sb.Append(b[row] ? "true" : "false"); break;
            case string[] s: sb.Append(Quote(s[row])); break;
        }
    }

    private static string Quote(string s)
        => s.IndexOfAny([',', '"', '\n', '\r']) >= 0 || s.Length == 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
}
