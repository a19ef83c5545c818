using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using AgentSpines.Actors.Simulation;
using AgentSpines.Cluster.Execution;
using AgentSpines.Cluster.Sweeps;

namespace AgentSpines.Cluster.Messaging;

/// <summary>
/// A job on the wire: JSON body (schema "agentspines.job", version 2) with the sweep id, the coordinator's random
/// nonce for this sweep, the job, the SHA-256 of its config, where to send the result, and optionally a shared
/// directory for result files. Workers validate everything before running it and echo nonce and config SHA-256 in
/// the result, so the coordinator can tell a result of its own job from one of a forged job.
/// </summary>
public sealed partial record JobMessage(string SweepId, SweepJob Job, string ResultsQueue, string? ResultDir, string Nonce)
{
    public const string Schema = "agentspines.job";
    public const int Version = 2;
    public const int MaxBodyBytes = 4 << 20;
    public const string ContentType = "application/json";

    [GeneratedRegex("^[0-9a-f]{16}$")]
    private static partial Regex SweepIdPattern();

    [GeneratedRegex("^[0-9a-f]{32}$")]
    public static partial Regex NoncePattern();

    [GeneratedRegex("^[0-9a-f]{64}$")]
    public static partial Regex Sha256Pattern();

    /// <summary>SHA-256 (lower-case hex) of the job's config JSON as UTF-8: what a result must echo.</summary>
    public string ConfigSha256 => ConfigHash(Job.Job.ConfigJson);

    public static string ConfigHash(string configJson) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(configJson)));

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex LabelPattern();

    [GeneratedRegex(@"^[A-Za-z0-9_.-]{1,100}\.results\.[0-9a-f]{16}$")]
    private static partial Regex ResultsQueuePattern();

    public byte[] Encode()
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms))
        {
            w.WriteStartObject();
            w.WriteString("sweep_id", SweepId);
            w.WriteString("nonce", Nonce);
            w.WriteString("job_key", Job.Key);
            w.WriteString("engine", Job.Engine);
            w.WriteString("regime", Job.Regime);
            w.WriteNumber("point", Job.Point);
            if (Job.PointLevel is { } p) w.WriteNumber("point_level", p); else w.WriteNull("point_level");
            w.WriteNumber("replicate", Job.Job.Replicate);
            w.WriteNumber("block", Job.Job.Block);
            w.WriteNumber("block_count", Job.Job.BlockCount);
            w.WriteString("config_json", Job.Job.ConfigJson);
            w.WriteString("config_sha256", ConfigSha256);
            w.WriteString("results_queue", ResultsQueue);
            if (ResultDir != null) w.WriteString("result_dir", ResultDir); else w.WriteNull("result_dir");
            w.WriteEndObject();
        }
        return ms.ToArray();
    }

    public Dictionary<string, object?> Headers(ReadOnlySpan<byte> body, SweepKey? key = null) => MessageHeaders.For(Schema, Version, body, Job.Key, key);

    /// <summary>
    /// Validates headers and body (and, with a sweep key, the HMAC first); anything unexpected throws
    /// <see cref="MessageValidationException"/>.
    /// </summary>
    public static JobMessage Decode(IDictionary<string, object?>? headers, ReadOnlySpan<byte> body, SweepKey? key = null)
    {
        MessageHeaders.Check(headers, body, Schema, Version, MaxBodyBytes);
        MessageHeaders.CheckSignature(headers, body, key);
        try
        {
            using var doc = JsonDocument.Parse(body.ToArray());
            var r = doc.RootElement;
            if (r.ValueKind != JsonValueKind.Object) throw new MessageValidationException("body is not a JSON object");
            var allowed = new HashSet<string> { "sweep_id", "nonce", "job_key", "engine", "regime", "point", "point_level", "replicate", "block", "block_count", "config_json", "config_sha256", "results_queue", "result_dir" };
            foreach (var p in r.EnumerateObject())
                if (!allowed.Contains(p.Name)) throw new MessageValidationException($"unknown field '{p.Name}'");
            string sweepId = Str(r, "sweep_id");
            if (!SweepIdPattern().IsMatch(sweepId)) throw new MessageValidationException("sweep_id is not 16 hex digits");
            string nonce = Str(r, "nonce");
            if (!NoncePattern().IsMatch(nonce)) throw new MessageValidationException("nonce is not 32 hex digits");
            string engine = Str(r, "engine");
            if (!EngineRegistry.Names.Contains(engine)) throw new MessageValidationException($"engine '{engine}' is not known");
            string regime = Str(r, "regime");
            if (!LabelPattern().IsMatch(regime)) throw new MessageValidationException("regime label has characters outside A-Z a-z 0-9 . _ -");
            int point = Int(r, "point", 0, 1_000_000);
            int? pointLevel = r.GetProperty("point_level").ValueKind == JsonValueKind.Null ? null : Int(r, "point_level", 0, 1_000_000);
            int replicate = Int(r, "replicate", 0, SweepConfigLoader.MaxReplicates);
            int blockCount = Int(r, "block_count", 1, SweepConfigLoader.MaxBlocks);
            int block = Int(r, "block", 0, blockCount - 1);
            string config = Str(r, "config_json");
            using (var cfg = JsonDocument.Parse(config))
                if (cfg.RootElement.ValueKind != JsonValueKind.Object) throw new MessageValidationException("config_json is not a JSON object");
            if (Str(r, "config_sha256") != ConfigHash(config)) throw new MessageValidationException("config_sha256 does not match config_json");
            string queue = Str(r, "results_queue");
            if (!ResultsQueuePattern().IsMatch(queue) || queue.StartsWith("amq.", StringComparison.Ordinal) || !queue.EndsWith(sweepId, StringComparison.Ordinal))
                throw new MessageValidationException("results_queue is not this sweep's results queue");
            string? dir = r.GetProperty("result_dir").ValueKind == JsonValueKind.Null ? null : Str(r, "result_dir");
            if (dir != null && (!Path.IsPathFullyQualified(dir) || dir.Contains("..", StringComparison.Ordinal)))
                throw new MessageValidationException("result_dir must be an absolute path without '..'");
            var job = new SweepJob(-1, regime, point, pointLevel, engine, new SimulationJob(config, replicate, block, blockCount));
            if (job.Key != Str(r, "job_key")) throw new MessageValidationException($"job_key does not match the job ({job.Key})");
            if (MessageHeaders.GetString(headers, MessageHeaders.JobKey) != job.Key) throw new MessageValidationException("job header does not match the body");
            return new JobMessage(sweepId, job, queue, dir, nonce);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new MessageValidationException($"malformed job body ({e.GetType().Name}: {e.Message})");
        }
    }

    private static string Str(JsonElement r, string name)
        => r.GetProperty(name) is { ValueKind: JsonValueKind.String } v && v.GetString() is { Length: > 0 } s ? s : throw new MessageValidationException($"field '{name}' must be a non-empty string");

    private static int Int(JsonElement r, string name, int min, int max)
        => r.GetProperty(name) is { ValueKind: JsonValueKind.Number } v && v.TryGetInt32(out int n) && n >= min && n <= max ? n
            : throw new MessageValidationException($"field '{name}' must be an integer in [{min}, {max}]");

    public static string Describe(ReadOnlySpan<byte> body) => Encoding.UTF8.GetString(body[..Math.Min(body.Length, 80)]);
}
