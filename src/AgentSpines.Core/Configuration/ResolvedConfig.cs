using System.Text.Json;
using System.Text.Json.Serialization;

namespace AgentSpines.Core.Configuration;

/// <summary>Serialises bound options to canonical JSON: what check-config prints and every output file carries.</summary>
public static class ResolvedConfig
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
        NumberHandling = JsonNumberHandling.Strict,
    };

    public static string ToJson(object options) => JsonSerializer.Serialize(options, options.GetType(), Options);
}
