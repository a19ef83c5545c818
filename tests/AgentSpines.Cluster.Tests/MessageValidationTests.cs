using System.Text;
using AgentSpines.Cluster.Execution;
using AgentSpines.Cluster.Messaging;

namespace AgentSpines.Cluster.Tests;

public sealed class MessageValidationTests : IDisposable
{
    private readonly TestSweeps _t = new();
    private static readonly string Nonce = AgentSpines.Cluster.Results.PublishedJobs.NewNonce();

    public void Dispose() => _t.Dispose();

    private JobMessage Job()
    {
        var plan = _t.Plan(_t.Write("msg", replicates: 1, blocks: 2));
        return new JobMessage(plan.SweepId, plan.Jobs[1], new Topology("t").Results(plan.SweepId), null, Nonce);
    }

    [Fact]
    public void A_job_message_round_trips()
    {
        var m = Job();
        byte[] body = m.Encode();
        var back = JobMessage.Decode(m.Headers(body), body);
        Assert.Equal(m.Job.Key, back.Job.Key);
        Assert.Equal(m.Job.Job, back.Job.Job);
        Assert.Equal(m.Job.PointLevel, back.Job.PointLevel);
        Assert.Equal(m.ResultsQueue, back.ResultsQueue);
        Assert.Equal(Nonce, back.Nonce);
        Assert.Equal(m.ConfigSha256, back.ConfigSha256);
    }

    [Fact]
    public void Tampered_truncated_or_mislabelled_job_messages_are_rejected()
    {
        var m = Job();
        byte[] body = m.Encode();
        var headers = m.Headers(body);
        var tampered = (byte[])body.Clone();
        tampered[^5] ^= 1;
        Assert.Contains("checksum", Assert.Throws<MessageValidationException>(() => JobMessage.Decode(headers, tampered)).Message);
        Assert.Throws<MessageValidationException>(() => JobMessage.Decode(headers, body[..^1]));
        Assert.Contains("version", Assert.Throws<MessageValidationException>(() => JobMessage.Decode(new Dictionary<string, object?>(headers) { [MessageHeaders.Version] = 1 }, body)).Message);
        Assert.Contains("schema", Assert.Throws<MessageValidationException>(() => JobMessage.Decode(new Dictionary<string, object?>(headers) { [MessageHeaders.Schema] = "x" }, body)).Message);
        Assert.Contains("schema", Assert.Throws<MessageValidationException>(() => JobMessage.Decode(null, body)).Message);
        var huge = new byte[JobMessage.MaxBodyBytes + 1];
        Assert.Contains("exceeds", Assert.Throws<MessageValidationException>(() => JobMessage.Decode(MessageHeaders.For(JobMessage.Schema, 1, huge, "k"), huge)).Message);
    }

    [Theory]
    [InlineData("\"block\":1", "\"block\":2")]                          // block outside block_count
    [InlineData("\"replicate\":0", "\"replicate\":-1")]
    [InlineData("\"engine\":\"synthetic\"", "\"engine\":\"shell\"")]
    [InlineData("\"result_dir\":null", "\"result_dir\":\"../x\"")]
    [InlineData("\"results_queue\":\"t.results.", "\"results_queue\":\"amq.results.")]
    [InlineData("\"regime\":\"alpha\"", "\"regime\":\"../alpha\"")]
    [InlineData("\"result_dir\":null", "\"result_dir\":null,\"extra\":1")]
    [InlineData("\"nonce\":\"", "\"nonce\":\"x")]                          // not 32 hex digits
    [InlineData("\"config_sha256\":\"", "\"config_sha256\":\"0")]          // hash does not match the config
    public void Job_messages_with_valid_checksums_but_bad_content_are_rejected(string from, string to)
    {
        var m = Job();
        string json = Encoding.UTF8.GetString(m.Encode());
        Assert.Contains(from, json);
        byte[] body = Encoding.UTF8.GetBytes(json.Replace(from, to));
        Assert.Throws<MessageValidationException>(() => JobMessage.Decode(m.Headers(body), body));
    }

    [Fact]
    public void A_result_round_trips_and_rejects_escaping_paths_and_corrupt_files()
    {
        var m = Job();
        var run = JobRunner.Run(m.Job, EngineRegistry.Default.Get("synthetic"), null, default);
        var msg = new ResultMessage(m.SweepId, m.Nonce, m.ConfigSha256, run.JobKey, "w1", run.ExecuteSeconds, null, null, run.Files);
        byte[] body = msg.Encode();
        var back = ResultMessage.Decode(msg.Headers(body), body);
        Assert.Equal(run.Files.Select(f => f.Entry.Path), back.Files.Select(f => f.Entry.Path));
        Assert.True(run.Files.Zip(back.Files).All(p => p.First.Content.AsSpan().SequenceEqual(p.Second.Content)));

        var evil = msg with { Files = [run.Files[0] with { Entry = run.Files[0].Entry with { Path = "../../etc/part-00000.parquet" } }] };
        byte[] evilBody = evil.Encode();
        Assert.Contains("not a dataset part file path", Assert.Throws<MessageValidationException>(() => ResultMessage.Decode(evil.Headers(evilBody), evilBody)).Message);

        var corrupt = msg with { Files = [run.Files[0] with { Content = [.. run.Files[0].Content.Select((b, i) => i == 10 ? (byte)(b ^ 1) : b)] }] };
        byte[] corruptBody = corrupt.Encode();
        Assert.Contains("SHA-256", Assert.Throws<MessageValidationException>(() => ResultMessage.Decode(corrupt.Headers(corruptBody), corruptBody)).Message);
    }

    [Fact]
    public void With_a_sweep_key_unsigned_and_wrongly_signed_messages_are_refused()
    {
        var key = new SweepKey("0123456789abcdef-the-sweep-key");
        var other = new SweepKey("another-key-of-16-chars-or-more");
        var m = Job();
        byte[] body = m.Encode();
        Assert.Equal(m.Job.Key, JobMessage.Decode(m.Headers(body, key), body, key).Job.Key);
        Assert.Contains("unsigned", Assert.Throws<MessageValidationException>(() => JobMessage.Decode(m.Headers(body), body, key)).Message);
        Assert.Contains("HMAC", Assert.Throws<MessageValidationException>(() => JobMessage.Decode(m.Headers(body, other), body, key)).Message);
        // a signature copied from another message does not fit this body
        var forged = m with { Job = m.Job with { Job = m.Job.Job with { ConfigJson = m.Job.Job.ConfigJson + " " } } };
        byte[] forgedBody = forged.Encode();
        Assert.NotEqual(body, forgedBody);
        var stolen = forged.Headers(forgedBody);
        stolen[MessageHeaders.Hmac] = key.Sign(body);
        Assert.Contains("HMAC", Assert.Throws<MessageValidationException>(() => JobMessage.Decode(stolen, forgedBody, key)).Message);

        var run = JobRunner.Run(m.Job, EngineRegistry.Default.Get("synthetic"), null, default);
        var result = new ResultMessage(m.SweepId, m.Nonce, m.ConfigSha256, run.JobKey, "w1", run.ExecuteSeconds, null, null, run.Files);
        byte[] rb = result.Encode();
        Assert.Equal(run.JobKey, ResultMessage.Decode(result.Headers(rb, key), rb, key).JobKey);
        Assert.Contains("unsigned", Assert.Throws<MessageValidationException>(() => ResultMessage.Decode(result.Headers(rb), rb, key)).Message);
        Assert.Throws<AgentSpines.Core.AgentSpinesInputException>(() => new SweepKey("short"));
    }

    [Fact]
    public void Only_a_result_echoing_the_sweeps_nonce_and_the_published_config_hash_answers_a_job()
    {
        var m = Job();
        var published = new AgentSpines.Cluster.Results.PublishedJobs(Nonce, new Dictionary<string, string>()).With([(m.Job.Key, m.ConfigSha256)]);
        Assert.Null(published.Mismatch(Nonce, m.Job.Key, m.ConfigSha256));
        Assert.Contains("nonce", published.Mismatch(AgentSpines.Cluster.Results.PublishedJobs.NewNonce(), m.Job.Key, m.ConfigSha256));
        Assert.Contains("another config", published.Mismatch(Nonce, m.Job.Key, JobMessage.ConfigHash(m.Job.Job.ConfigJson + " ")));
        Assert.Contains("never published", published.Mismatch(Nonce, "alpha-r9-b0", m.ConfigSha256));
        var back = AgentSpines.Cluster.Results.PublishedJobs.TryParse(published.ToJson())!;
        Assert.Null(back.Mismatch(Nonce, m.Job.Key, m.ConfigSha256));
        Assert.Null(AgentSpines.Cluster.Results.PublishedJobs.TryParse("yes\n"));
    }

    [Fact]
    public void A_result_may_name_shared_files_only_under_the_sweeps_results_path()
    {
        var m = Job();
        var run = JobRunner.Run(m.Job, EngineRegistry.Default.Get("synthetic"), null, default);
        string root = _t.Path("shared");
        string dir = Path.Combine(root, m.SweepId, run.JobKey);
        foreach (var f in run.Files) AgentSpines.Cluster.Results.DatasetPathsWriter.Write(dir, f);
        var msg = new ResultMessage(m.SweepId, m.Nonce, m.ConfigSha256, run.JobKey, "w1", run.ExecuteSeconds, null, dir, run.Files);
        byte[] body = msg.Encode();
        Assert.Equal(run.Files.Count, ResultMessage.Decode(msg.Headers(body), body, null, root).Files.Count);
        Assert.Contains("results path", Assert.Throws<MessageValidationException>(() => ResultMessage.Decode(msg.Headers(body), body, null, null)).Message);
        Assert.Contains("results path", Assert.Throws<MessageValidationException>(() => ResultMessage.Decode(msg.Headers(body), body, null, _t.Path("elsewhere"))).Message);
    }
}
