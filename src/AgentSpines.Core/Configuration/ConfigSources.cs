using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace AgentSpines.Core.Configuration;

/// <summary>
/// Builds the layered configuration of a run: the JSON file, then AGENTSPINES__ environment variables, then
/// --Section:Key=value overrides (last wins); `--Section:List=[1, 2]` replaces a whole list (see <see cref="ListOverrides"/>). Missing or malformed files fail with the file name (<see cref="JsonInput"/>).
/// A config that names a preparation (Plasticity:Preparation = "shao2021_cg1m2") gets the file
/// preparations/&lt;name&gt;.json (next to the config, or in a configs/preparations folder above it) as its lowest
/// layer: the study's baseline turnover, drift and design live in one file that every drug config of that study shares,
/// and anything the config itself sets wins; a list the config (or a list override) sets replaces the preparation's
/// list whole (layered configuration would otherwise merge the two by index).
/// </summary>
public static class ConfigSources
{
    public const string EnvironmentPrefix = "AGENTSPINES__";

    public const string PreparationKey = "Plasticity:Preparation";

    public static IConfigurationRoot Build(string? jsonFile, IEnumerable<string> overrides, bool includeEnvironment = true)
    {
        var args = overrides.ToArray();
        var root = Build(jsonFile, args, includeEnvironment, preparationFile: null);
        string? name = root[PreparationKey];
        if (string.IsNullOrEmpty(name)) return root;
        return Build(jsonFile, args, includeEnvironment, PreparationFile(name, jsonFile));
    }

    /// <summary>preparations/&lt;name&gt;.json beside the config or in configs/preparations of a folder above it (or of the working directory).</summary>
    public static string PreparationFile(string name, string? jsonFile)
    {
        if (name.Length > 64 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_' || c == '-'))
            throw ConfigException.Value(PreparationKey, name, "a preparation name of letters, digits, '_' and '-' (a file in configs/preparations)");
        var start = new DirectoryInfo(jsonFile != null ? Path.GetDirectoryName(Path.GetFullPath(jsonFile))! : Directory.GetCurrentDirectory());
        for (var dir = start; dir != null; dir = dir.Parent)
            foreach (string candidate in new[] { Path.Combine(dir.FullName, "preparations", name + ".json"), Path.Combine(dir.FullName, "configs", "preparations", name + ".json") })
                if (File.Exists(candidate)) return candidate;
        throw ConfigException.Value(PreparationKey, name, "the name of a file in configs/preparations (none found from " + start.FullName + ")");
    }

    private static IConfigurationRoot Build(string? jsonFile, string[] args, bool includeEnvironment, string? preparationFile)
    {
        var builder = new ConfigurationBuilder();
        foreach (var a in args)
            if (!a.StartsWith("--", StringComparison.Ordinal) || !a.Contains('='))
                throw new ConfigException(a, $"override '{a}' must look like --Section:Key=value");
        var (lists, scalars) = ListOverrides.Split(args);
        byte[]? json = jsonFile != null ? JsonInput.Read(jsonFile, "config file") : null;
        if (lists.Count > 0) json = ListOverrides.Apply(json ?? "{}"u8.ToArray(), lists);
        if (preparationFile != null)
        {
            byte[] prep = JsonInput.Read(preparationFile, "preparation file");
            CheckPreparation(prep, preparationFile);
            builder.AddJsonStream(new MemoryStream(WithoutListsSetIn(prep, json)));
        }
        if (json != null) builder.AddJsonStream(new MemoryStream(json));
        if (includeEnvironment) builder.AddEnvironmentVariables(EnvironmentPrefix);
        builder.AddCommandLine(scalars);
        var root = builder.Build();
        foreach (var (key, value) in root.AsEnumerable()) JsonInput.CheckLength(key, value);
        return root;
    }

    /// <summary>The preparation without the lists (Section:Key arrays) that the config sets: the config's list replaces it whole.</summary>
    private static byte[] WithoutListsSetIn(byte[] preparation, byte[]? config)
    {
        if (config == null) return preparation;
        var options = new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
        var prep = System.Text.Json.Nodes.JsonNode.Parse(preparation, documentOptions: options)!.AsObject();
        var conf = System.Text.Json.Nodes.JsonNode.Parse(config, documentOptions: options)?.AsObject();
        if (conf == null) return preparation;
        foreach (var (section, node) in prep)
        {
            if (node is not System.Text.Json.Nodes.JsonObject obj) continue;
            var confSection = conf.FirstOrDefault(p => string.Equals(p.Key, section, StringComparison.OrdinalIgnoreCase)).Value as System.Text.Json.Nodes.JsonObject;
            if (confSection == null) continue;
            foreach (var key in obj.Where(p => p.Value is System.Text.Json.Nodes.JsonArray).Select(p => p.Key).ToList())
                if (confSection.Any(p => string.Equals(p.Key, key, StringComparison.OrdinalIgnoreCase))) obj.Remove(key);
        }
        return System.Text.Encoding.UTF8.GetBytes(prep.ToJsonString());
    }

    /// <summary>A preparation holds only the Plasticity and Imaging sections and does not name another preparation.</summary>
    private static void CheckPreparation(byte[] utf8, string file)
    {
        using var doc = JsonDocument.Parse(utf8, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        foreach (var p in doc.RootElement.EnumerateObject())
        {
            if (p.Name != "Plasticity" && p.Name != "Imaging")
                throw new ConfigException(p.Name, $"preparation file '{file}' may only hold the Plasticity and Imaging sections, not '{p.Name}'");
            if (p.Name == "Plasticity" && p.Value.ValueKind == JsonValueKind.Object && p.Value.TryGetProperty("Preparation", out _))
                throw new ConfigException(PreparationKey, $"preparation file '{file}' must not name a preparation itself");
        }
    }
}
