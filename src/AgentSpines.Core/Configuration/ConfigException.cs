namespace AgentSpines.Core.Configuration;

/// <summary>A configuration value that is missing, unknown, of the wrong type, out of range or inconsistent.</summary>
public sealed class ConfigException : AgentSpinesInputException
{
    /// <summary>The full key, sections joined by ':' (e.g. "Run:StepHours"), or the file name for file errors.</summary>
    public string Key { get; }

    public ConfigException(string key, string message) : base(message) => Key = key;
    public ConfigException(string key, string message, Exception inner) : base(message, inner) => Key = key;

    public static ConfigException Value(string key, object? value, string allowed)
        => new(key, $"config key '{key}' = '{FormatValue(value)}' is not allowed: {allowed}");

    internal static string FormatValue(object? value) => value switch
    {
        null => "null",
        double d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
