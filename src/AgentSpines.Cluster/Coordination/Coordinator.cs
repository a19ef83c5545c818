using AgentSpines.Cluster.Execution;
using AgentSpines.Cluster.Messaging;
using AgentSpines.Cluster.Results;
using AgentSpines.Cluster.Sweeps;
using AgentSpines.EventLog;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace AgentSpines.Cluster.Coordination;

/// <summary>Settings of a coordinator.</summary>
public sealed record CoordinatorOptions(BrokerSettings Broker, Topology Topology, RetryPolicy StartRetry, TimeSpan MaxReconnectDelay,
    string? SharedResultDir = null, bool Republish = false, int ResultPrefetch = 8, SweepKey? Key = null,
    Func<TimeSpan, CancellationToken, Task>? Delay = null);

/// <summary>How a coordinated sweep ended.</summary>
public sealed record CoordinatorSummary(DatasetManifest Manifest, int JobsRun, int Duplicates, int Rejected, bool WasComplete)
{
    /// <summary>Sum of the accepted jobs' execution times as measured on the workers (seconds).</summary>
    public double ExecuteSeconds { get; init; }
}

/// <summary>A job reported failure: the sweep stops (exit code 4); fix the cause and restart to resume.</summary>
public sealed class JobFailedException(string message) : Exception(message);

/// <summary>
/// Distributes a sweep: puts every job not yet safe on the durable job queue (persistent messages, publisher
/// confirms), then takes results from the sweep's durable results queue. A result is acknowledged only after its
/// files and journal entry are on disk (<see cref="ResultStore"/>), so a coordinator killed at any point loses
/// nothing; restarted, it resumes from the journal, does not re-publish (the job messages are still on the broker,
/// unless --republish) and ignores duplicate results by job key. Finally it writes manifest.json and _SUCCESS.
/// A result is accepted only if it answers a job published for this sweep (<see cref="PublishedJobs"/>: the
/// sweep's nonce and the job's config SHA-256, and with a sweep key a valid HMAC); anything else is dead-lettered
/// and counted, never written and never fatal.
/// </summary>
public sealed class Coordinator(CoordinatorOptions options, SweepPlan plan, string outDir, IProgress<SweepProgress>? progress, TextWriter log)
{
    private int _duplicates;
    private int _rejected;
    private int _accepted;
    private double _executeSeconds;
    private PublishedJobs? _published;

    public async Task<CoordinatorSummary> RunAsync(CancellationToken ct)
    {
        var store = new ResultStore(outDir, plan);
        if (store.IsComplete)
        {
            Log("the output directory already holds the complete dataset");
            return new CoordinatorSummary(store.Assemble(), 0, 0, 0, true);
        }
        if (store.DoneCount > 0) Log($"resuming: {store.DoneCount} of {store.ExpectedCount} jobs are already safe in the journal");
        string resultsQueue = options.Topology.Results(plan.SweepId);
        var backoff = new Backoff(options.StartRetry.Initial, options.MaxReconnectDelay, options.Delay);
        var connection = new ConnectionHealth(options.Broker, options.StartRetry, Log);
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            string reason;
            try
            {
                var conn = await BrokerConnector.OpenAsync(options.Broker, "agentspines-coordinator", ct);
                try
                {
                    bool finished = await SessionAsync(conn, store, resultsQueue, () =>
                    {
                        bool again = connection.Established;
                        connection.Established = true;
                        backoff.Reset();
                        if (again) Log("reconnected");
                    }, ct);
                    if (finished)
                    {
                        var manifest = store.Assemble();
                        await DeleteResultsQueueAsync(conn, resultsQueue);
                        Log($"sweep {plan.Config.Name} complete: {store.ExpectedCount} jobs, {manifest.Files.Count} files, {_duplicates} duplicate results ignored, {_rejected} invalid or forged results dead-lettered");
                        return new CoordinatorSummary(manifest, _accepted, _duplicates, _rejected, false) { ExecuteSeconds = _executeSeconds };
                    }
                    reason = "the broker closed the connection";
                }
                finally { await BrokerConnector.CloseQuietlyAsync(conn); }
            }
            catch (Exception e) when (Backoff.IsBrokerFailure(e) && !ct.IsCancellationRequested)
            {
                reason = connection.ReasonOrThrow(e);
            }
            connection.BeforeRetry(reason, backoff);
            await backoff.FailedAsync(ct);
        }
    }

    private void Log(string line)
    {
        lock (log) { log.WriteLine($"coordinator: {line}"); log.Flush(); }
    }

    /// <summary>One connection's worth of work; true when every job is safe.</summary>
    private async Task<bool> SessionAsync(IConnection conn, ResultStore store, string resultsQueue, Action established, CancellationToken ct)
    {
        await using var ch = await conn.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), ct);
        await options.Topology.DeclareJobsAsync(ch, ct);
        await options.Topology.DeclareResultsAsync(ch, plan.SweepId, ct);
        _published = store.Published;
        if (_published == null || options.Republish)
        {
            var pending = store.PendingJobs();
            var journal = (_published ?? new PublishedJobs(PublishedJobs.NewNonce(), new Dictionary<string, string>()))
                .With(pending.Select(j => (j.Key, JobMessage.ConfigHash(j.Job.ConfigJson))));
            store.MarkPublished(journal); // journal first: a result can never precede the record of its job
            _published = journal;
            await PublishJobsAsync(ch, pending, resultsQueue, journal.Nonce, ct);
            Log($"published {pending.Count} jobs to {options.Topology.Jobs} (sweep {plan.SweepId}{(options.Key != null ? ", signed" : "")})");
        }
        progress?.Report(new SweepProgress(store.DoneCount, store.ExpectedCount, _duplicates, null));
        established();
        if (store.DoneCount == store.ExpectedCount) return true;
        await ch.BasicQosAsync(0, (ushort)options.ResultPrefetch, false, ct);
        var deliveries = await DeliveryPump.StartAsync(conn, ch, resultsQueue, ct);
        await foreach (var d in deliveries.ReadAllAsync(ct))
        {
            await HandleResultAsync(ch, store, d);
            if (store.DoneCount == store.ExpectedCount) return true;
        }
        return false;
    }

    private async Task PublishJobsAsync(IChannel ch, IReadOnlyList<SweepJob> jobs, string resultsQueue, string nonce, CancellationToken ct)
    {
        const int Window = 256; // confirms in flight at once
        for (int start = 0; start < jobs.Count; start += Window)
        {
            var batch = jobs.Skip(start).Take(Window).Select(job =>
            {
                var msg = new JobMessage(plan.SweepId, job, resultsQueue, options.SharedResultDir, nonce);
                byte[] body = msg.Encode();
                var props = new BasicProperties { Persistent = true, ContentType = JobMessage.ContentType, MessageId = job.Key, Headers = msg.Headers(body, options.Key) };
                return ch.BasicPublishAsync("", options.Topology.Jobs, mandatory: true, props, body, ct).AsTask();
            }).ToArray();
            await Task.WhenAll(batch);
        }
    }

    private async Task HandleResultAsync(IChannel ch, ResultStore store, Delivery d)
    {
        ResultMessage result;
        try
        {
            result = ResultMessage.Decode(d.Headers, d.Body, options.Key, options.SharedResultDir);
            if (result.SweepId != plan.SweepId) throw new MessageValidationException($"result of another sweep ({result.SweepId})");
            if (_published!.Mismatch(result.Nonce, result.JobKey, result.ConfigSha256) is { } why)
                throw new MessageValidationException($"result for job {result.JobKey} does not answer a job of this sweep: {why}");
        }
        catch (MessageValidationException e)
        {
            _rejected++;
            Log($"dead-lettered a result ({e.Message}); {_rejected} rejected so far");
            await ch.BasicNackAsync(d.Tag, false, requeue: false, CancellationToken.None);
            progress?.Report(new SweepProgress(store.DoneCount, store.ExpectedCount, _duplicates, null));
            return;
        }
        if (result.Failed)
        {
            if (store.IsDone(result.JobKey)) { await ch.BasicAckAsync(d.Tag, false, CancellationToken.None); return; }
            await ch.BasicAckAsync(d.Tag, false, CancellationToken.None);
            throw new JobFailedException($"job {result.JobKey} failed on worker {result.Worker}: {result.Error}");
        }
        var outcome = store.Ingest(new JobResult(result.JobKey, result.Files, result.ExecuteSeconds));
        await ch.BasicAckAsync(d.Tag, false, CancellationToken.None);
        switch (outcome)
        {
            case IngestOutcome.Accepted:
                _accepted++;
                _executeSeconds += result.ExecuteSeconds;
                if (result.SharedDir != null) TryDelete(result.SharedDir);
                break;
            case IngestOutcome.Duplicate:
                _duplicates++;
                Log($"ignored a duplicate result for job {result.JobKey} (from {result.Worker})");
                break;
            default:
                _rejected++;
                Log($"ignored a result for job {result.JobKey}, which is not part of this sweep");
                break;
        }
        progress?.Report(new SweepProgress(store.DoneCount, store.ExpectedCount, _duplicates, result.JobKey));
    }

    private static void TryDelete(string dir)
    {
        try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static async Task DeleteResultsQueueAsync(IConnection conn, string queue)
    {
        try
        {
            await using var ch = await conn.CreateChannelAsync();
            await ch.QueueDeleteAsync(queue, ifUnused: false, ifEmpty: false);
        }
        catch (Exception) { /* best effort: late duplicates then have nowhere to go and are dropped by workers */ }
    }
}
