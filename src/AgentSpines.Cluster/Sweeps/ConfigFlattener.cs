using System.Globalization;
using System.Text.Json;
using AgentSpines.Core.Configuration;

namespace AgentSpines.Cluster.Sweeps;

/// <summary>
/// Turns a regime config file into --Section:Key=value overrides, so a regime can be layered on a sweep's Base
/// (arrays become Section:Key:0, :1, ... as Microsoft.Extensions.Configuration numbers them).
/// </summary>
public static class ConfigFlattener
{
    public static IReadOnlyList<string> ToOverrides(string jsonFile)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(JsonInput.Read(jsonFile, "config file"), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new ConfigException(jsonFile, $"config file '{jsonFile}' is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})");
        }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object) throw new ConfigException(jsonFile, $"config file '{jsonFile}' must hold a JSON object");
            var result = new List<string>();
            Walk(doc.RootElement, "", result);
            return result;
        }
    }

    private static void Walk(JsonElement e, string path, List<string> result)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in e.EnumerateObject()) Walk(p.Value, path.Length == 0 ? p.Name : path + ":" + p.Name, result);
                break;
            case JsonValueKind.Array:
                int i = 0;
                foreach (var item in e.EnumerateArray()) Walk(item, path + ":" + i++.ToString(CultureInfo.InvariantCulture), result);
                break;
            case JsonValueKind.String: result.Add($"--{path}={e.GetString()}"); break;
            case JsonValueKind.True: result.Add($"--{path}=true"); break;
            case JsonValueKind.False: result.Add($"--{path}=false"); break;
            case JsonValueKind.Number: result.Add($"--{path}={e.GetRawText()}"); break;
            default: break; // null: leave the base value
        }
    }
}
