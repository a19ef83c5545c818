using System.Text.Json;
using System.Text.Json.Nodes;

namespace AgentSpines.Core.Configuration;

/// <summary>
/// `--Section:Key=[a, b, ...]` replaces a whole list (e.g. `--Imaging:SessionDays=[-1, 1]`), where
/// `--Section:Key:0=a` replaces one entry and keeps the others. The list is written into the config file's JSON
/// before layering, so it can also be shorter than the file's; an environment variable for one entry still wins.
/// </summary>
public static class ListOverrides
{
    public static (List<(string Key, JsonArray Value)> Lists, string[] Scalars) Split(IEnumerable<string> overrides)
    {
        var lists = new List<(string, JsonArray)>();
        var scalars = new List<string>();
        foreach (var o in overrides)
        {
            int eq = o.IndexOf('=');
            string value = o[(eq + 1)..].Trim();
            if (value.StartsWith('[') && TryArray(value) is { } array) lists.Add((o[2..eq], array));
            else scalars.Add(o);
        }
        return (lists, scalars.ToArray());
    }

    public static byte[] Apply(byte[] json, IEnumerable<(string Key, JsonArray Value)> lists)
    {
        var root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })!.AsObject();
        foreach (var (key, value) in lists)
        {
            var parts = key.Split(':');
            var node = root;
            foreach (var part in parts[..^1])
            {
                string name = Existing(node, part) ?? part;
                if (node[name] is not JsonObject child)
                {
                    if (node[name] != null) throw new ConfigException(key, $"override --{key}: '{name}' is not a section");
                    node[name] = child = new JsonObject();
                }
                node = child;
            }
            node[Existing(node, parts[^1]) ?? parts[^1]] = value.DeepClone();
        }
        return System.Text.Encoding.UTF8.GetBytes(root.ToJsonString());
    }

    // the file's own spelling is kept, so `--imaging:sessiondays=[...]` replaces "Imaging": { "SessionDays" } (the binder
    // then sees only the exact key names; a scalar override must spell them exactly)
    private static string? Existing(JsonObject node, string name)
        => node.Select(p => p.Key).FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase));

    private static JsonArray? TryArray(string text)
    {
        try { return JsonNode.Parse(text) as JsonArray; }
        catch (JsonException) { return null; }
    }
}
