using System.Security.Cryptography;
using System.Text;
using AgentSpines.Core;

namespace AgentSpines.Cluster.Messaging;

/// <summary>
/// The optional shared secret of a sweep ($AGENTSPINES_SWEEP_KEY). With it, the coordinator signs every job and
/// the workers every result (HMAC-SHA256 of the body in a header); a worker refuses an unsigned job and the
/// coordinator an unsigned result. Without it, jobs and results are still bound to the sweep by its nonce and the
/// configs' SHA-256 (see docs/cluster.md, threat model).
/// </summary>
public sealed class SweepKey
{
    public const string EnvironmentVariable = "AGENTSPINES_SWEEP_KEY";
    public const int MinLength = 16;
    private readonly byte[] _key;

    public SweepKey(string secret)
    {
        if (secret.Length < MinLength)
            throw new AgentSpinesInputException($"{EnvironmentVariable} is {secret.Length} characters long; use at least {MinLength} (e.g. `openssl rand -hex 32`)");
        _key = Encoding.UTF8.GetBytes(secret);
    }

    /// <summary>The key from the environment, or null when the variable is unset or empty.</summary>
    public static SweepKey? FromEnvironment(Func<string, string?>? env = null)
        => (env ?? Environment.GetEnvironmentVariable)(EnvironmentVariable) is { Length: > 0 } s ? new SweepKey(s) : null;

    public string Sign(ReadOnlySpan<byte> body) => Convert.ToHexStringLower(HMACSHA256.HashData(_key, body));

    public bool Verify(string? signature, ReadOnlySpan<byte> body)
    {
        if (signature is not { Length: 64 }) return false;
        byte[] given;
        try { given = Convert.FromHexString(signature); }
        catch (FormatException) { return false; }
        return CryptographicOperations.FixedTimeEquals(given, HMACSHA256.HashData(_key, body));
    }
}
