using System.Diagnostics;
using AgentSpines.Cluster.Execution;
using AgentSpines.Cluster.Messaging;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace AgentSpines.Cluster.Coordination;

/// <summary>Settings of a worker process.</summary>
public sealed record WorkerOptions(BrokerSettings Broker, Topology Topology, RetryPolicy StartRetry, TimeSpan MaxReconnectDelay,
    string Name, int? MaxJobs = null);

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
        bool connectedOnce = false;
        int failures = 0;
        while (!stop.IsCancellationRequested && !Finished)
        {
            IConnection conn;
            try
            {
                conn = connectedOnce
                    ? await BrokerConnector.ConnectAsync(options.Broker, options.Name, new RetryPolicy(1, TimeSpan.Zero, TimeSpan.Zero), TextWriter.Null, stop)
                    : await BrokerConnector.ConnectAsync(options.Broker, options.Name, options.StartRetry, log, stop);
            }
            catch (OperationCanceledException) { break; }
            catch (BrokerUnavailableException e) when (connectedOnce)
            {
                var delay = new RetryPolicy(int.MaxValue, TimeSpan.FromSeconds(0.5), options.MaxReconnectDelay).Delay(failures++);
                Log($"reconnect failed ({e.Message}); next try in {delay.TotalSeconds:0.0} s");
                try { await Task.Delay(delay, stop); } catch (OperationCanceledException) { break; }
                continue;
            }
            Log(connectedOnce ? $"reconnected to {options.Broker.Masked}" : $"connected to {options.Broker.Masked}, waiting for jobs on {options.Topology.Jobs}");
            connectedOnce = true;
            failures = 0;
            try
            {
                await ServeAsync(conn, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
            catch (Exception e) when (e is AlreadyClosedException or OperationInterruptedException or IOException or ObjectDisposedException or InvalidOperationException && !stop.IsCancellationRequested)
            {
                Log($"connection lost ({options.Broker.Redact(e.Message.ReplaceLineEndings(" "))})");
            }
            finally
            {
                try { await conn.CloseAsync(TimeSpan.FromSeconds(2)); } catch (Exception) { /* already gone */ }
                conn.Dispose();
            }
            if (!stop.IsCancellationRequested && !Finished) Log("connection lost; reconnecting");
        }
        Log($"stopped after {_jobsDone} jobs");
    }

    private bool Finished => options.MaxJobs is { } max && _jobsDone >= max;

    private void Log(string line)
    {
        lock (log) { log.WriteLine($"worker {options.Name}: {line}"); log.Flush(); }
    }

    private async Task ServeAsync(IConnection conn, CancellationToken stop)
    {
        await using var ch = await conn.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), stop);
        await options.Topology.DeclareJobsAsync(ch, stop);
        await ch.BasicQosAsync(0, 1, false, stop);
        using var lost = new CancellationTokenSource();
        conn.ConnectionShutdownAsync += (_, _) => { try { lost.Cancel(); } catch (ObjectDisposedException) { } return Task.CompletedTask; };
        var deliveries = await DeliveryPump.StartAsync(conn, ch, options.Topology.Jobs, stop);
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
            msg = JobMessage.Decode(d.Headers, d.Body);
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
            result = new ResultMessage(msg.SweepId, key, options.Name, clock.Elapsed.TotalSeconds, $"{e.GetType().Name}: {e.Message}", null, []);
        }
        byte[] body = result.Encode();
        var props = new BasicProperties
        {
            Persistent = true,
            ContentType = ResultMessage.ContentType,
            MessageId = key,
            Headers = result.Headers(body),
        };
        try
        {
            await ch.BasicPublishAsync("", msg.ResultsQueue, mandatory: true, props, body, CancellationToken.None);
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
        return new ResultMessage(msg.SweepId, run.JobKey, options.Name, run.ExecuteSeconds, null, shared, run.Files);
    }
}
