using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text.Json;
using AgentSpines.Cluster.Execution;
using AgentSpines.Cluster.Results;
using AgentSpines.EventLog.Dataset;

namespace AgentSpines.Cluster.Messaging;

/// <summary>
/// A job's result on the wire (schema "agentspines.result", version 2). Body: 4-byte big-endian length of a JSON
/// header, the header (sweep id, the job's nonce and config SHA-256 echoed, job key, status, error, timing, file
/// entries), then the files' bytes in order (absent when the files were written to a shared result directory). A
/// failed job carries its error instead.
/// </summary>
public sealed record ResultMessage(string SweepId, string Nonce, string ConfigSha256, string JobKey, string Worker, double ExecuteSeconds, string? Error,
    string? SharedDir, IReadOnlyList<ResultFile> Files)
{
    public const string Schema = "agentspines.result";
    public const int Version = 2;
    public const long MaxBodyBytes = 512L << 20;
    public const string ContentType = "application/vnd.agentspines.result";

    public bool Failed => Error != null;

    public byte[] Encode()
    {
        using var header = new MemoryStream();
        using (var w = new Utf8JsonWriter(header))
        {
            w.WriteStartObject();
            w.WriteString("sweep_id", SweepId);
            w.WriteString("nonce", Nonce);
            w.WriteString("config_sha256", ConfigSha256);
            w.WriteString("job_key", JobKey);
            w.WriteString("worker", Worker);
            w.WriteNumber("execute_s", ExecuteSeconds);
            if (Error != null) w.WriteString("error", Error); else w.WriteNull("error");
            if (SharedDir != null) w.WriteString("shared_dir", SharedDir); else w.WriteNull("shared_dir");
            w.WriteStartArray("files");
            foreach (var f in Files) DatasetFileJson.Write(w, f.Entry);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        long payload = SharedDir == null ? Files.Sum(f => (long)f.Content.Length) : 0;
        var body = new byte[checked(4 + header.Length + payload)];
        BinaryPrimitives.WriteInt32BigEndian(body, (int)header.Length);
        header.ToArray().CopyTo(body, 4);
        long at = 4 + header.Length;
        if (SharedDir == null)
            foreach (var f in Files) { f.Content.CopyTo(body, at); at += f.Content.Length; }
        return body;
    }

    public Dictionary<string, object?> Headers(ReadOnlySpan<byte> body, SweepKey? key = null) => MessageHeaders.For(Schema, Version, body, JobKey, key);

    /// <summary>
    /// Validates and decodes (with a sweep key, the HMAC first); with a shared dir, the files are read from there and
    /// checked against their SHA-256.
    /// </summary>
    /// <param name="sharedRoot">the only directory under which a result may name its shared files (null: none allowed).</param>
    public static ResultMessage Decode(IDictionary<string, object?>? headers, ReadOnlySpan<byte> body, SweepKey? key = null, string? sharedRoot = null)
    {
        MessageHeaders.Check(headers, body, Schema, Version, MaxBodyBytes);
        MessageHeaders.CheckSignature(headers, body, key);
        if (body.Length < 4) throw new MessageValidationException("result body is too short");
        int headerLength = BinaryPrimitives.ReadInt32BigEndian(body);
        if (headerLength <= 0 || headerLength > body.Length - 4) throw new MessageValidationException("result header length is out of range");
        try
        {
            using var doc = JsonDocument.Parse(body.Slice(4, headerLength).ToArray());
            var r = doc.RootElement;
            string sweepId = r.GetProperty("sweep_id").GetString() ?? throw new MessageValidationException("sweep_id is null");
            string nonce = r.GetProperty("nonce").GetString() ?? throw new MessageValidationException("nonce is null");
            string configSha = r.GetProperty("config_sha256").GetString() ?? throw new MessageValidationException("config_sha256 is null");
            string jobKey = r.GetProperty("job_key").GetString() ?? throw new MessageValidationException("job_key is null");
            if (MessageHeaders.GetString(headers, MessageHeaders.JobKey) != jobKey) throw new MessageValidationException("job header does not match the body");
            string worker = r.GetProperty("worker").GetString() ?? "";
            double seconds = r.GetProperty("execute_s").GetDouble();
            string? error = r.GetProperty("error").ValueKind == JsonValueKind.Null ? null : r.GetProperty("error").GetString();
            string? shared = r.GetProperty("shared_dir").ValueKind == JsonValueKind.Null ? null : r.GetProperty("shared_dir").GetString();
            if (shared != null && (!Path.IsPathFullyQualified(shared) || shared.Contains("..", StringComparison.Ordinal)
                                   || sharedRoot == null || !shared.StartsWith(Path.TrimEndingDirectorySeparator(sharedRoot) + Path.DirectorySeparatorChar, StringComparison.Ordinal)))
                throw new MessageValidationException("shared_dir is not under the sweep's results path");
            var files = new List<ResultFile>();
            long at = 4 + headerLength;
            foreach (var f in r.GetProperty("files").EnumerateArray())
            {
                var entry = DatasetFileJson.Read(f);
                DatasetPaths.CheckRelative(entry.Path);
                if (entry.Bytes < 0 || entry.Rows < 0) throw new MessageValidationException($"{entry.Path}: negative size or row count");
                byte[] content;
                if (shared == null)
                {
                    if (entry.Bytes > body.Length - at) throw new MessageValidationException($"{entry.Path}: body holds fewer bytes than declared");
                    content = body.Slice((int)at, (int)entry.Bytes).ToArray();
                    at += entry.Bytes;
                }
                else content = File.ReadAllBytes(Path.Combine(shared, entry.Path.Replace('/', Path.DirectorySeparatorChar)));
                if (content.LongLength != entry.Bytes || Convert.ToHexStringLower(SHA256.HashData(content)) != entry.Sha256)
                    throw new MessageValidationException($"{entry.Path}: content does not match its size and SHA-256");
                files.Add(new ResultFile(entry, content));
            }
            if (shared == null && at != body.Length) throw new MessageValidationException("result body has trailing bytes");
            return new ResultMessage(sweepId, nonce, configSha, jobKey, worker, seconds, error, shared, files);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or IOException or IndexOutOfRangeException)
        {
            throw new MessageValidationException($"malformed result ({e.GetType().Name}: {e.Message})");
        }
    }
}
