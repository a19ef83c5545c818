using System.Text;

namespace AgentSpines.EventLog.Dataset;

/// <summary>
/// Hive partition of a dataset file: ordered name=value directory levels, e.g. regime=baseline/replicate=3.
/// Values are percent-encoded in paths (every byte of the UTF-8 form outside A-Z a-z 0-9 - _ . ~), which DuckDB
/// (hive_partitioning) and pyarrow (hive, uri segment encoding) decode back to the original value.
/// </summary>
public sealed class PartitionKey
{
    public PartitionKey(IEnumerable<KeyValuePair<string, string>> parts)
    {
        Parts = parts.ToArray();
        foreach (var (name, value) in Parts)
        {
            if (string.IsNullOrEmpty(name) || Escape(name) != name)
                throw new ArgumentException($"partition name '{name}' must be non-empty and use only A-Z a-z 0-9 - _ . ~");
            if (string.IsNullOrEmpty(value)) throw new ArgumentException($"partition '{name}' has an empty value");
        }
    }

    /// <summary>The standard AgentSpines partition regime=&lt;regime&gt;/replicate=&lt;replicate&gt;.</summary>
    public static PartitionKey Of(string regime, int replicate)
    {
        if (replicate < 0) throw new ArgumentOutOfRangeException(nameof(replicate), replicate, "replicate must be >= 0");
        return new PartitionKey([new("regime", regime), new("replicate", replicate.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
    }

    public IReadOnlyList<KeyValuePair<string, string>> Parts { get; }

    /// <summary>Relative directory path with '/' separators, e.g. "regime=a%20b/replicate=0".</summary>
    public string RelativePath => string.Join('/', Parts.Select(p => p.Key + "=" + Escape(p.Value)));

    public override string ToString() => RelativePath;

    public static string Escape(string value)
    {
        var sb = new StringBuilder(value.Length);
        foreach (byte b in System.Text.Encoding.UTF8.GetBytes(value))
        {
            char c = (char)b;
            if (c is >= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '_' or '.' or '~') sb.Append(c);
            else sb.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    /// <summary>Inverse of <see cref="Escape"/> (null when the text is not valid percent-encoding of UTF-8).</summary>
    public static string? Unescape(string text)
    {
        var bytes = new List<byte>(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '%')
            {
                if (i + 2 >= text.Length || !byte.TryParse(text.AsSpan(i + 1, 2), System.Globalization.NumberStyles.HexNumber, null, out byte b)) return null;
                bytes.Add(b);
                i += 2;
            }
            else if (c < 128) bytes.Add((byte)c);
            else bytes.AddRange(System.Text.Encoding.UTF8.GetBytes(c.ToString()));
        }
        try
        {
            return new UTF8Encoding(false, true).GetString(bytes.ToArray());
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
