using System.Security.Cryptography;
using System.Text;

namespace AgentSpines.Cluster.Messaging;

/// <summary>Header names and helpers shared by job and result messages (schema, version, body SHA-256).</summary>
public static class MessageHeaders
{
    public const string Schema = "x-agentspines-schema";
    public const string Version = "x-agentspines-version";
    public const string Sha256 = "x-agentspines-sha256";
    public const string JobKey = "x-agentspines-job";
    public const string Hmac = "x-agentspines-hmac";

    /// <summary>The headers of a message; with a sweep key, also its HMAC-SHA256.</summary>
    public static Dictionary<string, object?> For(string schema, int version, ReadOnlySpan<byte> body, string jobKey, SweepKey? key = null)
    {
        var h = new Dictionary<string, object?>
        {
            [Schema] = schema,
            [Version] = version,
            [Sha256] = Convert.ToHexStringLower(SHA256.HashData(body)),
            [JobKey] = jobKey,
        };
        if (key != null) h[Hmac] = key.Sign(body);
        return h;
    }

    /// <summary>With a sweep key, the message must carry a valid HMAC of its body; checked before the body is parsed.</summary>
    public static void CheckSignature(IDictionary<string, object?>? headers, ReadOnlySpan<byte> body, SweepKey? key)
    {
        if (key == null) return;
        string? hmac = GetString(headers, Hmac);
        if (hmac == null) throw new MessageValidationException($"unsigned message refused ({SweepKey.EnvironmentVariable} is set)");
        if (!key.Verify(hmac, body)) throw new MessageValidationException("HMAC does not match the body (forged, or signed with another sweep key)");
    }

    /// <summary>AMQP delivers string headers as byte arrays; this reads either form.</summary>
    public static string? GetString(IDictionary<string, object?>? headers, string name)
        => headers != null && headers.TryGetValue(name, out var v) ? v switch
        {
            byte[] b => Encoding.UTF8.GetString(b),
            string s => s,
            _ => null,
        } : null;

    public static long? GetInteger(IDictionary<string, object?>? headers, string name)
        => headers != null && headers.TryGetValue(name, out var v) ? v switch
        {
            int i => i,
            long l => l,
            short s => s,
            byte b => b,
            sbyte sb => sb,
            uint u => u,
            _ => null,
        } : null;

    /// <summary>Checks schema, version, size limit and checksum; throws <see cref="MessageValidationException"/>.</summary>
    public static void Check(IDictionary<string, object?>? headers, ReadOnlySpan<byte> body, string schema, int version, long maxBytes)
    {
        if (body.Length > maxBytes) throw new MessageValidationException($"body of {body.Length} bytes exceeds the limit of {maxBytes}");
        string? s = GetString(headers, Schema);
        if (s != schema) throw new MessageValidationException($"schema header is '{s ?? "missing"}', expected '{schema}'");
        long? v = GetInteger(headers, Version);
        if (v != version) throw new MessageValidationException($"version header is '{v?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "missing"}', expected {version}");
        string? sha = GetString(headers, Sha256);
        string actual = Convert.ToHexStringLower(SHA256.HashData(body));
        if (!string.Equals(sha, actual, StringComparison.OrdinalIgnoreCase)) throw new MessageValidationException($"checksum header '{sha ?? "missing"}' does not match the body (SHA-256 {actual})");
    }
}
