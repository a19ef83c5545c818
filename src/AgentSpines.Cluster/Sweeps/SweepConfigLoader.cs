using System.Text.Json;
using System.Text.RegularExpressions;
using AgentSpines.Core.Configuration;

namespace AgentSpines.Cluster.Sweeps;

/// <summary>
/// Reads and strictly validates a sweep file. Every problem is a <see cref="ConfigException"/> with one line naming
/// the file, the key, the value and what is allowed (the CLI turns it into exit code 2).
/// </summary>
public static partial class SweepConfigLoader
{
    private static readonly string[] Known =
        ["Name", "Engine", "Base", "Regimes", "Overrides", "Grid", "Replicates", "BlockCount", "DendritesPerBlock", "Broker", "ResultsPath"];

    public const int MaxReplicates = 100_000;
    public const int MaxBlocks = 10_000;

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^--[A-Za-z0-9_]+(:[A-Za-z0-9_]+)+=.*$", RegexOptions.Singleline)]
    private static partial Regex OverridePattern();

    public static SweepConfig Load(string path)
    {
        byte[] bytes = JsonInput.Read(path, "sweep file"); // BOM, directory, duplicate keys, string lengths
        return Parse(System.Text.Encoding.UTF8.GetString(bytes), Path.GetFullPath(path), path);
    }

    /// <summary>Parses sweep JSON; relative paths resolve against the directory of <paramref name="fullPath"/>.</summary>
    public static SweepConfig Parse(string json, string fullPath, string shownPath)
    {
        JsonInput.Check(System.Text.Encoding.UTF8.GetBytes(json), shownPath, "sweep file");
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new ConfigException(shownPath, $"sweep file '{shownPath}' is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})");
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new ConfigException(shownPath, $"sweep file '{shownPath}' must hold a JSON object");
            foreach (var p in root.EnumerateObject())
                if (!Known.Contains(p.Name, StringComparer.Ordinal))
                    throw Bad(shownPath, p.Name, p.Value, $"unknown key (allowed: {string.Join(", ", Known)})");
            string dir = Path.GetDirectoryName(fullPath)!;

            string name = RequiredString(root, "Name", shownPath);
            if (!NamePattern().IsMatch(name)) throw Bad(shownPath, "Name", root.GetProperty("Name"), "1-64 characters A-Z a-z 0-9 . _ -, starting with a letter or digit");

            string engine = OptionalString(root, "Engine", shownPath) ?? Execution.EngineRegistry.Simulation;
            if (!Execution.EngineRegistry.Names.Contains(engine))
                throw Bad(shownPath, "Engine", root.GetProperty("Engine"), $"one of: {string.Join(", ", Execution.EngineRegistry.Names)}");

            SweepBase? baseConfig = null;
            if (root.TryGetProperty("Base", out var b))
            {
                baseConfig = b.ValueKind switch
                {
                    JsonValueKind.String when b.GetString() is { Length: > 0 } s => new SweepBase(ExistingFile(dir, s, shownPath, "Base"), null),
                    JsonValueKind.Object => new SweepBase(null, b.GetRawText()),
                    _ => throw Bad(shownPath, "Base", b, "a config file path or an inline JSON object"),
                };
            }

            var regimes = new List<string>();
            if (root.TryGetProperty("Regimes", out var r))
            {
                if (r.ValueKind != JsonValueKind.Array || r.GetArrayLength() == 0) throw Bad(shownPath, "Regimes", r, "a non-empty list of config file paths");
                int i = 0;
                foreach (var e in r.EnumerateArray())
                {
                    string key = $"Regimes:{i++}";
                    if (e.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(e.GetString())) throw Bad(shownPath, key, e, "a config file path");
                    regimes.Add(ExistingFile(dir, e.GetString()!, shownPath, key));
                }
                var labels = regimes.Select(SweepPlan.LabelOf).ToList();
                for (int k = 0; k < labels.Count; k++)
                    if (labels.IndexOf(labels[k]) != k)
                        throw new ConfigException($"Regimes:{k}", $"{shownPath}: sweep key 'Regimes:{k}' = '{r[k].GetString()}' is not allowed: two regimes have the file name '{labels[k]}' (regime files need distinct names)");
            }
            if (baseConfig == null && regimes.Count == 0)
                throw new ConfigException("Regimes", $"{shownPath}: sweep needs 'Base' (a config file or inline object) or 'Regimes' (a list of config files)");

            var overrides = OverrideList(root, "Overrides", shownPath);

            var grid = new List<IReadOnlyList<string>>();
            if (root.TryGetProperty("Grid", out var g))
            {
                if (g.ValueKind != JsonValueKind.Array || g.GetArrayLength() == 0) throw Bad(shownPath, "Grid", g, "a non-empty list of override lists, e.g. [[\"--Plasticity:DensityPerUm=1.0\"], [...]]");
                int i = 0;
                foreach (var point in g.EnumerateArray()) grid.Add(OverrideArray(point, $"Grid:{i++}", shownPath));
                var seen = new HashSet<string>(StringComparer.Ordinal);
                for (int k = 0; k < grid.Count; k++)
                    if (!seen.Add(string.Join('\n', grid[k])))
                        throw new ConfigException($"Grid:{k}", $"{shownPath}: sweep key 'Grid:{k}' repeats an earlier parameter point");
            }
            else grid.Add(Array.Empty<string>());

            int? replicates = OptionalInt(root, "Replicates", shownPath, 1, MaxReplicates);
            int? blockCount = OptionalInt(root, "BlockCount", shownPath, 1, MaxBlocks);
            int? perBlock = OptionalInt(root, "DendritesPerBlock", shownPath, 1, 1_000_000);
            if (blockCount.HasValue && perBlock.HasValue)
                throw new ConfigException("DendritesPerBlock", $"{shownPath}: sweep keys 'BlockCount' and 'DendritesPerBlock' exclude each other (give one)");

            string? broker = OptionalString(root, "Broker", shownPath);
            if (broker != null) Messaging.BrokerSettings.Validate(broker, $"{shownPath}: sweep key 'Broker'");
            string? resultsPath = OptionalString(root, "ResultsPath", shownPath);
            if (resultsPath != null) resultsPath = Path.GetFullPath(Path.Combine(dir, resultsPath));

            return new SweepConfig(name, fullPath, engine, baseConfig, regimes, overrides, grid, replicates, blockCount, perBlock, broker, resultsPath);
        }
    }

    private static ConfigException Bad(string file, string key, JsonElement value, string allowed)
    {
        string shown = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
        if (shown.Length > 80) shown = shown[..77] + "...";
        shown = shown.ReplaceLineEndings(" ");
        return new ConfigException(key, $"{file}: sweep key '{key}' = '{shown}' is not allowed: {allowed}");
    }

    private static string RequiredString(JsonElement root, string key, string file)
    {
        if (!root.TryGetProperty(key, out var v)) throw new ConfigException(key, $"{file}: sweep key '{key}' is missing");
        return v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s ? s : throw Bad(file, key, v, "a non-empty string");
    }

    private static string? OptionalString(JsonElement root, string key, string file)
        => !root.TryGetProperty(key, out var v) ? null
            : v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s ? s : throw Bad(file, key, v, "a non-empty string");

    private static int? OptionalInt(JsonElement root, string key, string file, int min, int max)
    {
        if (!root.TryGetProperty(key, out var v)) return null;
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out int n) || n < min || n > max)
            throw Bad(file, key, v, $"an integer in [{min}, {max}]");
        return n;
    }

    private static IReadOnlyList<string> OverrideList(JsonElement root, string key, string file)
        => root.TryGetProperty(key, out var v) ? OverrideArray(v, key, file) : Array.Empty<string>();

    private static IReadOnlyList<string> OverrideArray(JsonElement v, string key, string file)
    {
        if (v.ValueKind != JsonValueKind.Array) throw Bad(file, key, v, "a list of \"--Section:Key=value\" strings");
        var list = new List<string>();
        int i = 0;
        foreach (var e in v.EnumerateArray())
        {
            string k = $"{key}:{i++}";
            if (e.ValueKind != JsonValueKind.String || !OverridePattern().IsMatch(e.GetString()!))
                throw Bad(file, k, e, "an override \"--Section:Key=value\"");
            list.Add(e.GetString()!);
        }
        return list;
    }

    private static string ExistingFile(string dir, string path, string file, string key)
    {
        string full = Path.GetFullPath(Path.Combine(dir, path));
        if (!File.Exists(full)) throw new ConfigException(key, $"{file}: sweep key '{key}' = '{path}' is not allowed: the file does not exist (paths are relative to the sweep file)");
        return full;
    }
}
