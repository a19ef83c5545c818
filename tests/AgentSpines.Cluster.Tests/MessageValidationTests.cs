using System.Text;
using AgentSpines.Cluster.Execution;
using AgentSpines.Cluster.Messaging;

namespace AgentSpines.Cluster.Tests;

public sealed class MessageValidationTests : IDisposable
{
    private readonly TestSweeps _t = new();

    public void Dispose() => _t.Dispose();

    private JobMessage Job()
    {
        var plan = _t.Plan(_t.Write("msg", replicates: 1, blocks: 2));
        return new JobMessage(plan.SweepId, plan.Jobs[1], new Topology("t").Results(plan.SweepId), null);
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
        Assert.Contains("version", Assert.Throws<MessageValidationException>(() => JobMessage.Decode(new Dictionary<string, object?>(headers) { [MessageHeaders.Version] = 2 }, body)).Message);
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
        var msg = new ResultMessage(m.SweepId, run.JobKey, "w1", run.ExecuteSeconds, null, null, run.Files);
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
}
