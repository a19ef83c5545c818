using System.Text.Json;

namespace AgentSpines.Core.Configuration;

/// <summary>
/// Reads a JSON input file (a config or a sweep file) the same way everywhere: a directory or a missing file is
/// named as such, a UTF-8 byte-order mark is accepted, a syntax error names line and byte, and a key given twice
/// in one object (compared ignoring case, as the configuration does) or a string longer than
/// <see cref="MaxStringLength"/> is refused, each with <see cref="ConfigException"/> (one line, exit code 2).
/// </summary>
public static class JsonInput
{
    /// <summary>Longest string value accepted in a config or sweep file, override or environment variable (characters).</summary>
    public const int MaxStringLength = 4096;

    private static readonly JsonDocumentOptions Options = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>The file's bytes without a byte-order mark, after all checks. <paramref name="what"/> is e.g. "config file".</summary>
    public static byte[] Read(string path, string what)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new ConfigException(what, $"the {what} path is empty");
        string full = Path.GetFullPath(path);
        if (Directory.Exists(full)) throw new ConfigException(path, $"{what} '{path}' is a directory, not a file");
        if (!File.Exists(full)) throw new ConfigException(path, $"{what} '{path}' does not exist");
        byte[] bytes;
        try { bytes = File.ReadAllBytes(full); }
        catch (UnauthorizedAccessException) { throw new ConfigException(path, $"{what} '{path}' cannot be read (permission denied)"); }
        if (bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) bytes = bytes[3..];
        Check(bytes, path, what);
        return bytes;
    }

    /// <summary>Checks JSON text already in memory (syntax, object at the top, duplicate keys, string lengths).</summary>
    public static void Check(ReadOnlySpan<byte> utf8, string shown, string what)
    {
        try
        {
            using var doc = JsonDocument.Parse(utf8.ToArray(), Options);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) throw new ConfigException(shown, $"{what} '{shown}' must hold a JSON object");
            Walk(doc.RootElement, "", shown, what);
        }
        catch (JsonException e)
        {
            throw new ConfigException(shown, $"{what} '{shown}' is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})");
        }
    }

    private static void Walk(JsonElement e, string path, string shown, string what)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                foreach (var p in e.EnumerateObject())
                {
                    string key = path.Length == 0 ? p.Name : path + ":" + p.Name;
                    if (!seen.Add(p.Name)) throw new ConfigException(key, $"{what} '{shown}': key '{key}' is given twice; keep one");
                    Walk(p.Value, key, shown, what);
                }
                break;
            case JsonValueKind.Array:
                int i = 0;
                foreach (var item in e.EnumerateArray()) Walk(item, $"{path}:{i++}", shown, what);
                break;
            case JsonValueKind.String:
                int length = e.GetString()!.Length;
                if (length > MaxStringLength)
                    throw new ConfigException(path, $"{what} '{shown}': {path} is a string of {length} characters; at most {MaxStringLength} are allowed");
                break;
        }
    }

    /// <summary>Refuses an override or environment value longer than <see cref="MaxStringLength"/>.</summary>
    public static void CheckLength(string key, string? value)
    {
        if (value != null && value.Length > MaxStringLength)
            throw new ConfigException(key, $"{key} is a string of {value.Length} characters; at most {MaxStringLength} are allowed");
    }
}
