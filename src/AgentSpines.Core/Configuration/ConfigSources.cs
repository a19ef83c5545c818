using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace AgentSpines.Core.Configuration;

/// <summary>
/// Builds the layered configuration of a run: the JSON file, then AGENTSPINES__ environment variables, then
/// --Section:Key=value overrides (last wins). Missing or malformed files fail with the file name.
/// </summary>
public static class ConfigSources
{
    public const string EnvironmentPrefix = "AGENTSPINES__";

    public static IConfigurationRoot Build(string? jsonFile, IEnumerable<string> overrides, bool includeEnvironment = true)
    {
        var builder = new ConfigurationBuilder();
        if (jsonFile != null)
        {
            string full = Path.GetFullPath(jsonFile);
            if (!File.Exists(full)) throw new ConfigException(jsonFile, $"config file '{jsonFile}' does not exist");
            CheckJson(full, jsonFile);
            builder.AddJsonFile(full, optional: false, reloadOnChange: false);
        }
        if (includeEnvironment) builder.AddEnvironmentVariables(EnvironmentPrefix);
        var args = overrides.ToArray();
        foreach (var a in args)
            if (!a.StartsWith("--", StringComparison.Ordinal) || !a.Contains('='))
                throw new ConfigException(a, $"override '{a}' must look like --Section:Key=value");
        builder.AddCommandLine(args);
        return builder.Build();
    }

    /// <summary>Parses once ourselves so a syntax error names the file, line and position.</summary>
    private static void CheckJson(string full, string shown)
    {
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(full), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (doc.RootElement.ValueKind != JsonValueKind.Object) throw new ConfigException(shown, $"config file '{shown}' must hold a JSON object");
        }
        catch (JsonException e)
        {
            throw new ConfigException(shown, $"config file '{shown}' is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})");
        }
    }
}
