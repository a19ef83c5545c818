using System.CommandLine;
using AgentSpines.Cli.CommandLine;
using System.Globalization;
using System.Text;
using AgentSpines.EventLog.Dataset;
using AgentSpines.EventLog.Reading;

namespace AgentSpines.Cli.Commands;

/// <summary>
/// `agentspines export PATH --csv OUT [--allow-incomplete] [--force]`: Parquet to CSV for tools without a Parquet reader.
/// PATH a .parquet file: OUT is one CSV file. PATH a dataset root (has manifest.json or table directories of
/// name=value partitions): OUT is a directory with one &lt;table&gt;.csv per table, partition columns first.
/// PATH a table directory (e.g. out/events): OUT is one CSV with the partition columns first.
/// A dataset (root or one of its tables) is verified first: without _SUCCESS, or with a file that does not match
/// manifest.json, export refuses (exit 2) unless --allow-incomplete, which exports the files that verify and says
/// what it skipped. An existing OUT file is not overwritten without --force; each CSV is written under a temporary
/// name and renamed, so a failed export leaves no half-written file.
/// CSV: header row, RFC 4180 quoting, invariant culture, round-trip numbers (NaN, Infinity), empty field for null.
/// </summary>
public sealed class ExportCommand : ICliCommand
{
    private static readonly Argument<string> Path_ = new("PATH") { Description = "a .parquet file, a dataset directory or a table directory" };
    private static readonly Option<string?> Csv = Options.Text("--csv", "OUT", "CSV file (a directory of <table>.csv for a dataset)", required: true);
    private static readonly Option<bool> AllowIncomplete = Options.Flag("--allow-incomplete",
        "export the files of an incomplete or damaged dataset that verify (default: refuse it)");
    private static readonly Option<bool> Force = Options.Flag("--force", "overwrite existing CSV files");

    public AgentCommand Create() => new("export", "write a Parquet file or dataset as CSV", Run) { Path_, Csv, AllowIncomplete, Force };

    /// <summary>What `export` was asked to do.</summary>
    public sealed record ExportOptions(string Path, string Csv, bool AllowIncomplete, bool Force);

    private static int Run(CommandInput a)
        => Execute(new ExportOptions(a.Get(Path_), a.Get(Csv)!, a.Get(AllowIncomplete), a.Get(Force)), Console.Out, Console.Error);

    public static int Execute(ExportOptions o, TextWriter stdout, TextWriter stderr)
    {
        if (File.Exists(o.Path))
        {
            CheckTarget(o.Csv, o.Force);
            long n = ExportFiles([(o.Path, [])], o.Csv);
            stdout.WriteLine($"wrote {n} rows to {o.Csv}");
            return 0;
        }
        if (!Directory.Exists(o.Path)) throw new UsageException($"{o.Path}: no such file or directory");
        string dir = Path.GetFullPath(o.Path).TrimEnd(Path.DirectorySeparatorChar);
        bool isRoot = File.Exists(Path.Combine(dir, DatasetManifest.FileName)) || File.Exists(Path.Combine(dir, DatasetManifest.SuccessFileName))
                      || Directory.EnumerateDirectories(dir).Any(d => !Path.GetFileName(d).Contains('=') && !Path.GetFileName(d).StartsWith('.') && !Path.GetFileName(d).StartsWith('_'));
        if (isRoot)
        {
            var selection = new DatasetReader(dir).Select(o.AllowIncomplete);
            foreach (var line in selection.Report(o.Path)) stderr.WriteLine(line);
            if (selection.Files.Count == 0) throw new UsageException($"{o.Path}: no Parquet files to export");
            var tables = selection.Files.GroupBy(f => f.Table).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
            foreach (var table in tables) CheckTarget(Path.Combine(o.Csv, table.Key + ".csv"), o.Force);
            Directory.CreateDirectory(o.Csv);
            foreach (var table in tables)
            {
                string csv = Path.Combine(o.Csv, table.Key + ".csv");
                long n = ExportFiles(table.Select(f => (f.Path, f.Partition)).ToList(), csv);
                stdout.WriteLine($"wrote {n} rows of {table.Key} to {csv}");
            }
            return 0;
        }
        List<(string, IReadOnlyList<KeyValuePair<string, string>>)> tableFiles;
        string? parent = Path.GetDirectoryName(dir);
        bool inDataset = parent != null && Directory.EnumerateDirectories(dir).Any(d => Path.GetFileName(d).Contains('='));
        if (inDataset)
        {
            // A table directory of a dataset: verify the dataset's files of this table.
            var selection = new DatasetReader(parent!).Select(o.AllowIncomplete, Path.GetFileName(dir));
            foreach (var line in selection.Report(o.Path)) stderr.WriteLine(line);
            tableFiles = selection.Files.Select(f => (f.Path, f.Partition)).ToList();
        }
        else
        {
            tableFiles = Directory.EnumerateFiles(dir, "*.parquet", SearchOption.AllDirectories)
                .Where(f => !Path.GetFileName(f).StartsWith('.')).Order(StringComparer.Ordinal)
                .Select(f => (f, PartitionOf(Path.GetRelativePath(dir, f)))).ToList();
        }
        if (tableFiles.Count == 0) throw new UsageException($"{o.Path}: no Parquet files to export");
        CheckTarget(o.Csv, o.Force);
        long rows = ExportFiles(tableFiles, o.Csv);
        stdout.WriteLine($"wrote {rows} rows to {o.Csv}");
        return 0;
    }

    private static void CheckTarget(string csv, bool force)
    {
        if (Directory.Exists(csv)) throw new UsageException($"{csv}: is a directory; export of one file or table writes one CSV file");
        if (File.Exists(csv) && !force) throw new UsageException($"{csv}: already exists; pass --force to overwrite it");
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
        long rows;
        string? dir = Path.GetDirectoryName(Path.GetFullPath(csvPath));
        if (dir != null) Directory.CreateDirectory(dir);
        string temp = Path.Combine(dir ?? ".", "." + Path.GetFileName(csvPath) + ".tmp");
        try
        {
            rows = WriteCsv(files, temp);
            File.Move(temp, csvPath, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
        return rows;
    }

    private static long WriteCsv(IReadOnlyList<(string Path, IReadOnlyList<KeyValuePair<string, string>> Partition)> files, string csvPath)
    {
        string[]? header = null;
        long rows = 0;
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
