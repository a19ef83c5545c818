using System.Text;
using System.Text.Json;
using AgentSpines.Core;

namespace AgentSpines.EventLog.Dataset;

/// <summary>What the caller tells <see cref="DatasetWriter.Commit"/> about the run.</summary>
public sealed class DatasetManifestInfo
{
    /// <summary>The resolved run configuration as a JSON document (embedded as JSON in manifest.json); defaults to DatasetOptions.ConfigJson.</summary>
    public string? ConfigJson { get; init; }
    /// <summary>The run seed; defaults to DatasetOptions.Seed.</summary>
    public ulong? Seed { get; init; }
    /// <summary>Number of shards the run was split into (1 for an in-process run).</summary>
    public int Shards { get; init; } = 1;
    /// <summary>Written only when given, so that manifests are otherwise byte-identical for identical runs.</summary>
    public DateTimeOffset? CreatedUtc { get; init; }
    /// <summary>Extra string fields (e.g. "regimes", "command").</summary>
    public IReadOnlyDictionary<string, string>? Extra { get; init; }
}

/// <summary>One data file of a dataset as recorded in manifest.json (path relative to the dataset root, '/' separated).</summary>
public sealed record DatasetFile(
    string Path,
    string Table,
    IReadOnlyList<KeyValuePair<string, string>> Partition,
    int Shard,
    long Rows,
    long Bytes,
    string Sha256);

/// <summary>manifest.json: format, software version, seed, shards, config, per-table totals and every file with its checksum.</summary>
public sealed record DatasetManifest(
    int FormatVersion,
    string SoftwareVersion,
    ulong Seed,
    int Shards,
    DateTimeOffset? CreatedUtc,
    string? ConfigJson,
    IReadOnlyDictionary<string, string> Extra,
    IReadOnlyList<DatasetFile> Files)
{
    public const string FileName = "manifest.json";
    public const string SuccessFileName = "_SUCCESS";
    public const string Format = "agentspines-dataset";

    public string ToJson()
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("format", Format);
            w.WriteNumber("format_version", FormatVersion);
            w.WriteString("software_version", SoftwareVersion);
            w.WriteNumber("seed", Seed);
            w.WriteNumber("shards", Shards);
            if (CreatedUtc.HasValue) w.WriteString("created_utc", CreatedUtc.Value.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture));
            foreach (var (k, v) in Extra.OrderBy(p => p.Key, StringComparer.Ordinal)) w.WriteString(k, v);
            w.WritePropertyName("config");
            if (ConfigJson == null) w.WriteNullValue();
            else
            {
                using var doc = JsonDocument.Parse(ConfigJson);
                doc.RootElement.WriteTo(w);
            }
            w.WriteStartObject("tables");
            foreach (var g in Files.GroupBy(f => f.Table).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                w.WriteStartObject(g.Key);
                w.WriteNumber("files", g.Count());
                w.WriteNumber("rows", g.Sum(f => f.Rows));
                w.WriteEndObject();
            }
            w.WriteEndObject();
            w.WriteStartArray("files");
            foreach (var f in Files)
            {
                w.WriteStartObject();
                w.WriteString("path", f.Path);
                w.WriteString("table", f.Table);
                w.WriteStartObject("partition");
                foreach (var (k, v) in f.Partition) w.WriteString(k, v);
                w.WriteEndObject();
                w.WriteNumber("shard", f.Shard);
                w.WriteNumber("rows", f.Rows);
                w.WriteNumber("bytes", f.Bytes);
                w.WriteString("sha256", f.Sha256);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(ms.ToArray()) + "\n";
    }

    /// <summary>Parses manifest.json; a malformed manifest is an input error naming the file.</summary>
    public static DatasetManifest Parse(string json, string path)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("format", out var fmt) || fmt.GetString() != Format)
                throw new AgentSpinesInputException($"{path}: not an AgentSpines dataset manifest (format must be '{Format}')");
            var files = new List<DatasetFile>();
            foreach (var f in root.GetProperty("files").EnumerateArray())
            {
                var part = f.GetProperty("partition").EnumerateObject().Select(p => new KeyValuePair<string, string>(p.Name, p.Value.GetString() ?? "")).ToArray();
                files.Add(new DatasetFile(f.GetProperty("path").GetString()!, f.GetProperty("table").GetString()!, part,
                    f.GetProperty("shard").GetInt32(), f.GetProperty("rows").GetInt64(), f.GetProperty("bytes").GetInt64(), f.GetProperty("sha256").GetString()!));
            }
            var known = new HashSet<string> { "format", "format_version", "software_version", "seed", "shards", "created_utc", "config", "tables", "files" };
            var extra = root.EnumerateObject().Where(p => !known.Contains(p.Name) && p.Value.ValueKind == JsonValueKind.String)
                .ToDictionary(p => p.Name, p => p.Value.GetString()!);
            DateTimeOffset? created = root.TryGetProperty("created_utc", out var c) ? DateTimeOffset.Parse(c.GetString()!, System.Globalization.CultureInfo.InvariantCulture) : null;
            var config = root.TryGetProperty("config", out var cfg) && cfg.ValueKind != JsonValueKind.Null ? cfg.GetRawText() : null;
            return new DatasetManifest(root.GetProperty("format_version").GetInt32(), root.GetProperty("software_version").GetString()!,
                root.GetProperty("seed").GetUInt64(), root.GetProperty("shards").GetInt32(), created, config, extra, files);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or NullReferenceException)
        {
            throw new AgentSpinesInputException($"{path}: malformed manifest ({e.Message})", e);
        }
    }
}
