using Microsoft.Extensions.Configuration;

namespace AgentSpines.Core.Configuration;

/// <summary>
/// Builds the layered configuration of a run: the JSON file, then AGENTSPINES__ environment variables, then
/// --Section:Key=value overrides (last wins); `--Section:List=[1, 2]` replaces a whole list (see <see cref="ListOverrides"/>). Missing or malformed files fail with the file name (<see cref="JsonInput"/>).
/// </summary>
public static class ConfigSources
{
    public const string EnvironmentPrefix = "AGENTSPINES__";

    public static IConfigurationRoot Build(string? jsonFile, IEnumerable<string> overrides, bool includeEnvironment = true)
    {
        var builder = new ConfigurationBuilder();
        var args = overrides.ToArray();
        foreach (var a in args)
            if (!a.StartsWith("--", StringComparison.Ordinal) || !a.Contains('='))
                throw new ConfigException(a, $"override '{a}' must look like --Section:Key=value");
        var (lists, scalars) = ListOverrides.Split(args);
        byte[]? json = jsonFile != null ? JsonInput.Read(jsonFile, "config file") : null;
        if (lists.Count > 0) json = ListOverrides.Apply(json ?? "{}"u8.ToArray(), lists);
        if (json != null) builder.AddJsonStream(new MemoryStream(json));
        if (includeEnvironment) builder.AddEnvironmentVariables(EnvironmentPrefix);
        builder.AddCommandLine(scalars);
        var root = builder.Build();
        foreach (var (key, value) in root.AsEnumerable()) JsonInput.CheckLength(key, value);
        return root;
    }
}
