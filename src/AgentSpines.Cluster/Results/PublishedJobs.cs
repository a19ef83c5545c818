using System.Security.Cryptography;
using System.Text.Json;

namespace AgentSpines.Cluster.Results;

/// <summary>
/// The journal of the jobs a coordinator published for a sweep: the sweep's random nonce and, per job key, the
/// SHA-256 of the config sent. A result is accepted only if it echoes this nonce and its job's config hash.
/// Kept in the output directory's journal, so a restarted coordinator recognises results of jobs it published before.
/// </summary>
public sealed record PublishedJobs(string Nonce, IReadOnlyDictionary<string, string> ConfigSha256ByJob)
{
    /// <summary>128 random bits as 32 hex digits.</summary>
    public static string NewNonce() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public PublishedJobs With(IEnumerable<(string JobKey, string ConfigSha256)> jobs)
    {
        var all = new SortedDictionary<string, string>(ConfigSha256ByJob.ToDictionary(), StringComparer.Ordinal);
        foreach (var (k, sha) in jobs) all[k] = sha;
        return this with { ConfigSha256ByJob = all };
    }

    /// <summary>Why a result does not answer a published job, or null when it does.</summary>
    public string? Mismatch(string nonce, string jobKey, string configSha256)
    {
        if (!CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(nonce), System.Text.Encoding.ASCII.GetBytes(Nonce)))
            return "its nonce is not this sweep's";
        if (!ConfigSha256ByJob.TryGetValue(jobKey, out var expected)) return $"job {jobKey} was never published";
        return expected == configSha256 ? null : $"it ran another config than the one published for job {jobKey}";
    }

    public string ToJson() => JsonSerializer.Serialize(new Dto(Nonce, new SortedDictionary<string, string>(ConfigSha256ByJob.ToDictionary(), StringComparer.Ordinal)));

    /// <summary>Null for a damaged or old-style file (the jobs are then published again under a new nonce).</summary>
    public static PublishedJobs? TryParse(string json)
    {
        try
        {
            var d = JsonSerializer.Deserialize<Dto>(json);
            return d is { Nonce.Length: 32, Jobs: not null } ? new PublishedJobs(d.Nonce, d.Jobs) : null;
        }
        catch (JsonException) { return null; }
    }

    private sealed record Dto(string Nonce, SortedDictionary<string, string> Jobs);
}
