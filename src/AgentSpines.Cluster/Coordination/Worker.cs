using System.Diagnostics;
using AgentSpines.Cluster.Execution;
using AgentSpines.Cluster.Messaging;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace AgentSpines.Cluster.Coordination;

/// <summary>Settings of a worker process.</summary>
public sealed record WorkerOptions(BrokerSettings Broker, Topology Topology, RetryPolicy StartRetry, TimeSpan MaxReconnectDelay,
    string Name, int? MaxJobs = null, SweepKey? Key = null, Func<TimeSpan, CancellationToken, Task>? Delay = null);

/// <summary>
/// Takes jobs one at a time (prefetch 1), validates each message (invalid ones are rejected without requeue and
/// dead-lettered), runs it through <see cref="JobRunner"/>, publishes the result (persistent, confirmed by the
/// broker) and only then acknowledges the job. A lost connection cancels the running job (the broker requeues it)
/// and reconnects with backoff; a stop request (SIGTERM) cancels it, requeues it and exits cleanly.
/// </summary>
public sealed class Worker(WorkerOptions options, EngineRegistry engines, TextWriter log)
{
    private int _jobsDone;

    public int JobsDone => _jobsDone;

    public async Task RunAsync(CancellationToken stop)
    {
        var backoff = new Backoff(options.StartRetry.Initial, options.MaxReconnectDelay, options.Delay);
        var connection = new ConnectionHealth(options.Broker, options.StartRetry, Log);
        while (!stop.IsCancellationRequested && !Finished)
        {
            string reason;
            try
            {
                var conn = await BrokerConnector.OpenAsync(options.Broker, options.Name, stop);
                try
                {
                    await ServeAsync(conn, () =>
                    {
                        bool again = connection.Established;
                        connection.Established = true;
                        backoff.Reset();
                        Log(again ? "reconnected" : $"connected to {options.Broker.Masked}, waiting for jobs on {options.Topology.Jobs}");
                    }, stop);
                    reason = "the broker closed the connection";
                }
                finally { await BrokerConnector.CloseQuietlyAsync(conn); }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested) { break; }
            catch (Exception e) when (Backoff.IsBrokerFailure(e) || e is InvalidOperationException && !stop.IsCancellationRequested)
            {
                reason = connection.ReasonOrThrow(e);
            }
            if (stop.IsCancellationRequested || Finished) break;
            connection.BeforeRetry(reason, backoff);
            try { await backoff.FailedAsync(stop); } catch (OperationCanceledException) { break; }
        }
        Log($"stopped after {_jobsDone} jobs");
    }

    private bool Finished => options.MaxJobs is { } max && _jobsDone >= max;

    private void Log(string line)
    {
        lock (log) { log.WriteLine($"worker {options.Name}: {line}"); log.Flush(); }
    }

    /// <param name="established">called once the session got through its setup (then the backoff starts again at its first step).</param>
    private async Task ServeAsync(IConnection conn, Action established, CancellationToken stop)
    {
        await using var ch = await conn.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), stop);
        await options.Topology.DeclareJobsAsync(ch, stop);
        await ch.BasicQosAsync(0, 1, false, stop);
        using var lost = new CancellationTokenSource();
        conn.ConnectionShutdownAsync += (_, _) => { try { lost.Cancel(); } catch (ObjectDisposedException) { } return Task.CompletedTask; };
        var deliveries = await DeliveryPump.StartAsync(conn, ch, options.Topology.Jobs, stop);
        established();
        while (!Finished && await deliveries.WaitToReadAsync(stop).AsTask().ContinueWith(t => !t.IsCanceled && !t.IsFaulted && t.Result))
        {
            if (!deliveries.TryRead(out var d)) continue;
            await HandleAsync(ch, d, stop, lost.Token);
            if (stop.IsCancellationRequested || lost.IsCancellationRequested) return;
        }
    }

    private async Task HandleAsync(IChannel ch, Delivery d, CancellationToken stop, CancellationToken lost)
    {
        JobMessage msg;
        try
        {
            msg = JobMessage.Decode(d.Headers, d.Body, options.Key);
            if (msg.ResultsQueue != options.Topology.Results(msg.SweepId))
                throw new MessageValidationException($"results queue '{msg.ResultsQueue}' is not {options.Topology.Results(msg.SweepId)}");
        }
        catch (MessageValidationException e)
        {
            Log($"rejected an invalid job message ({e.Message}); dead-lettered");
            await ch.BasicNackAsync(d.Tag, multiple: false, requeue: false, CancellationToken.None);
            return;
        }
        string key = msg.Job.Key;
        Log($"job {key} started{(d.Redelivered ? " (redelivered)" : "")}");
        using var jobCts = CancellationTokenSource.CreateLinkedTokenSource(stop, lost);
        var clock = Stopwatch.StartNew();
        ResultMessage result;
        try
        {
            var run = await Task.Run(() => JobRunner.Run(msg.Job, engines.Get(msg.Job.Engine), null, jobCts.Token), CancellationToken.None);
            result = ToMessage(msg, run);
        }
        catch (OperationCanceledException)
        {
            if (stop.IsCancellationRequested && ch.IsOpen)
            {
                Log($"job {key} interrupted by stop request; returned to the queue");
                try { await ch.BasicNackAsync(d.Tag, false, requeue: true, CancellationToken.None); } catch (Exception) { /* the broker requeues on close anyway */ }
            }
            else Log($"job {key} interrupted: connection lost (the broker requeues it)");
            return;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Log($"job {key} failed: {options.Broker.Redact(e.Message.ReplaceLineEndings(" "))}");
            result = new ResultMessage(msg.SweepId, msg.Nonce, ConfigHashOf(msg), key, options.Name, clock.Elapsed.TotalSeconds, $"{e.GetType().Name}: {e.Message}", null, []);
        }
        byte[] body = result.Encode();
        var props = new BasicProperties
        {
            Persistent = true,
            ContentType = ResultMessage.ContentType,
            MessageId = key,
            Headers = result.Headers(body, options.Key),
        };
        try
        {
            await ch.BasicPublishAsync(options.Topology.ResultsExchange, msg.ResultsQueue, mandatory: true, props, body, CancellationToken.None);
        }
        catch (PublishException e) when (e.IsReturn)
        {
            Log($"job {key}: results queue {msg.ResultsQueue} no longer exists (sweep finished or removed); dropping the result");
        }
        await ch.BasicAckAsync(d.Tag, false, CancellationToken.None);
        if (!result.Failed) Interlocked.Increment(ref _jobsDone);
        Log($"job {key} done in {clock.Elapsed.TotalSeconds:0.000} s (execute {result.ExecuteSeconds:0.000} s)");
    }

    private ResultMessage ToMessage(JobMessage msg, JobResult run)
    {
        string? shared = null;
        if (msg.ResultDir != null)
        {
            shared = Path.Combine(msg.ResultDir, msg.SweepId, run.JobKey);
            foreach (var f in run.Files) Results.DatasetPathsWriter.Write(shared, f);
        }
        return new ResultMessage(msg.SweepId, msg.Nonce, ConfigHashOf(msg), run.JobKey, options.Name, run.ExecuteSeconds, null, shared, run.Files);
    }

    /// <summary>The hash of the config this worker ran (computed here, not copied from the job), echoed with the nonce.</summary>
    private static string ConfigHashOf(JobMessage msg) => JobMessage.ConfigHash(msg.Job.Job.ConfigJson);
}
