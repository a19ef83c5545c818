using System.CommandLine;
using AgentSpines.Cli.CommandLine;
using System.Globalization;
using AgentSpines.EventLog;

namespace AgentSpines.Cli.Commands;

/// <summary>
/// `agentspines inspect PATH [--full]`: for a Parquet file, its schema (types, nullability, units), row groups with
/// per-column codec, encodings, sizes and statistics, and the key-value metadata (long values cut at 200 characters
/// unless --full). For a dataset directory, first whether it is complete and whether every checksum in manifest.json
/// matches, then every data file.
/// </summary>
public sealed class InspectCommand : ICliCommand
{
    private static readonly Argument<string> Path_ = new("PATH") { Description = "a .parquet file or a dataset directory" };
    private static readonly Option<bool> Full = Options.Flag("--full", "print long metadata values whole (default: cut at 200 characters)");

    public AgentCommand Create() => new("inspect", "schema, row groups, statistics and metadata of a Parquet file or dataset (exit code 1 if a checksum fails)", Run)
    {
        Path_, Full,
    };

    private static int Run(CommandInput a)
    {
        bool full = a.Get(Full);
        string path = a.Get(Path_);
        var w = Console.Out;
        if (File.Exists(path))
        {
            InspectFile(w, path, path, full);
            return 0;
        }
        if (!Directory.Exists(path)) throw new UsageException($"{path}: no such file or directory");
        return InspectDataset(w, path, full);
    }

    private static int InspectDataset(TextWriter w, string path, bool full)
    {
        var ds = new DatasetReader(path);
        bool hasManifest = File.Exists(Path.Combine(ds.Root, DatasetManifest.FileName));
        w.WriteLine($"dataset: {ds.Root}");
        w.WriteLine($"complete (_SUCCESS): {(ds.IsComplete ? "yes" : "NO")}");
        int status = 0;
        if (hasManifest)
        {
            var m = ds.ReadManifest();
            w.WriteLine($"manifest: software {m.SoftwareVersion}, seed {m.Seed}, shards {m.Shards}, {m.Files.Count} files" +
                        (m.CreatedUtc is { } t ? $", created {t.UtcDateTime.ToString("u", CultureInfo.InvariantCulture)}" : ""));
            foreach (var g in m.Files.GroupBy(f => f.Table).OrderBy(g => g.Key, StringComparer.Ordinal))
                w.WriteLine($"  table {g.Key}: {g.Count()} files, {g.Sum(f => f.Rows)} rows");
            var problems = ds.Verify();
            w.WriteLine(problems.Count == 0 ? "checksums: all files match the manifest" : $"checksums: {problems.Count} PROBLEMS");
            foreach (var p in problems) w.WriteLine("  " + p);
            if (problems.Count > 0) status = 1;
        }
        else w.WriteLine("manifest: none (incomplete or not an AgentSpines dataset)");
        var files = ds.ListFiles();
        if (files.Count == 0)
        {
            var direct = Directory.EnumerateFiles(path, "*.parquet", SearchOption.AllDirectories).Where(f => !Path.GetFileName(f).StartsWith('.')).Order(StringComparer.Ordinal).ToList();
            foreach (var f in direct) { w.WriteLine(); InspectFile(w, f, Path.GetRelativePath(path, f), full); }
            if (direct.Count == 0) w.WriteLine("no Parquet files found");
            return status;
        }
        foreach (var f in files)
        {
            w.WriteLine();
            InspectFile(w, f.Path, f.RelativePath + (f.Partition.Count > 0 ? "  [" + string.Join(", ", f.Partition.Select(p => $"{p.Key}={p.Value}")) + "]" : ""), full);
        }
        return status;
    }

    private static void InspectFile(TextWriter w, string path, string label, bool full)
    {
        using var r = ParquetFileReader.Open(path);
        var info = r.Info;
        w.WriteLine($"file: {label}");
        w.WriteLine($"  {info.FileBytes} bytes, {info.RowCount} rows in {info.RowGroups.Count} row groups, created by {info.CreatedBy ?? "(unknown)"}");
        w.WriteLine($"  schema ({info.Schema.Name}):");
        int width = Math.Max(8, info.Schema.Columns.Max(c => c.Name.Length));
        foreach (var c in info.Schema.Columns)
            w.WriteLine($"    {c.Name.PadRight(width)}  {TypeName(c),-8} {(c.Optional ? "optional" : "required")}{(c.Dictionary ? "  dictionary" : "")}{(c.Unit != null ? "  unit " + c.Unit : "")}");
        if (info.KeyValueMetadata.Count > 0)
        {
            w.WriteLine("  key-value metadata:");
            foreach (var (k, v) in info.KeyValueMetadata)
            {
                string value = (v ?? "(null)").ReplaceLineEndings(" ");
                if (!full && value.Length > 200) value = value[..200] + $"... ({value.Length} chars, --full shows all)";
                w.WriteLine($"    {k} = {value}");
            }
        }
        foreach (var g in info.RowGroups)
        {
            w.WriteLine($"  row group {g.Index}: {g.Rows} rows, {g.CompressedBytes} bytes compressed, {g.UncompressedBytes} uncompressed");
            foreach (var c in g.Columns)
            {
                var s = c.Statistics;
                string stats = s == null ? "no statistics"
                    : $"nulls {(s.NullCount?.ToString(CultureInfo.InvariantCulture) ?? "?")}, min {Show(s.Min)}, max {Show(s.Max)}" + (s.NanCount is > 0 ? $", NaN {s.NanCount}" : "");
                w.WriteLine($"    {c.Column.PadRight(width)}  {c.Codec.ToString().ToUpperInvariant(),-12} {string.Join('+', c.Encodings.Select(SpecName)),-26} {c.CompressedBytes,10} B  {stats}");
            }
        }
    }

    /// <summary>Encoding names as the Parquet spec spells them (RLE_DICTIONARY, ...).</summary>
    private static string SpecName(ParquetEncoding e)
        => string.Concat(e.ToString().Select((ch, i) => i > 0 && char.IsUpper(ch) ? "_" + ch : ch.ToString())).ToUpperInvariant();

    private static string TypeName(ColumnSpec c) => c.Type switch
    {
        ColumnType.Int32 when c.Unsigned => "UINT32",
        ColumnType.Int64 when c.Unsigned => "UINT64",
        var t => t.ToString().ToUpperInvariant(),
    };

    private static string Show(object? v) => v switch
    {
        null => "-",
        string s => "\"" + (s.Length > 40 ? s[..40] + "..." : s) + "\"",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        IFormattable x => x.ToString(null, CultureInfo.InvariantCulture),
        _ => v.ToString() ?? "",
    };
}
