using AgentSpines.Cluster.Coordination;
using AgentSpines.Cluster.Execution;
using AgentSpines.Cluster.Messaging;
using AgentSpines.Cluster.Results;
using AgentSpines.Cluster.Sweeps;
using RabbitMQ.Client;
using Xunit.Abstractions;

namespace AgentSpines.Cluster.Tests.Faults;

/// <summary>
/// Against a real rabbitmq-server with workers as separate `agentspines worker` processes: every scenario ends with
/// a dataset identical, file for file, to the in-process run of the same sweep. Steps wait for events (a line a
/// process prints, a journal file) and freeze processes with SIGSTOP where an order must hold; the timeouts only
/// guard against hangs.
/// </summary>
[Collection("broker")]
public sealed class FaultTests(ClusterFixture fx, ITestOutputHelper output) : BrokerScenario(fx, output, 't')
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(10);

    private BrokerSettings Broker => BrokerSettings.Resolve(Fx.Broker.Uri, env: _ => null);

    private CliProcess Worker(string name, params string[] extra)
        => Cli(["worker", "--queue-prefix", Prefix, "--name", name, .. extra],
            new Dictionary<string, string> { [BrokerSettings.EnvironmentVariable] = Fx.Broker.Uri });

    private Task<CoordinatorSummary> Coordinate(SweepPlan plan, string outDir, TextWriter? log = null)
    {
        var options = new CoordinatorOptions(Broker, new Topology(Prefix), new RetryPolicy(5, TimeSpan.FromSeconds(0.2), TimeSpan.FromSeconds(2)), TimeSpan.FromSeconds(2));
        var cts = new CancellationTokenSource(Long);
        return Task.Run(() => new Coordinator(options, plan, outDir, null, log ?? new StringWriter()).RunAsync(cts.Token));
    }

    private static T Await<T>(Task<T> task) => task.Wait(Long) ? task.Result : throw new TimeoutException("the coordinator did not finish in time");

    [Fact]
    public void A_worker_killed_mid_job_loses_nothing_and_a_late_worker_takes_over()
    {
        var plan = Sweeps.Plan(Sweeps.Write("kill", replicates: 2, blocks: 2, workIterations: 15_000_000, grid: false));
        string outDir = Sweeps.NewOut("kill");
        var coordinator = Coordinate(plan, outDir);
        var a = Worker("wA");
        string key = FreezeMidJob(a);
        a.KillHard();
        Assert.DoesNotContain(a.Lines, l => l.Contains($"job {key} done"));

        var b = Worker("wB"); // joins late, after the crash
        var summary = Await(coordinator);
        Assert.Contains(b.Lines, l => l.Contains($"job {key} started (redelivered)"));
        Assert.Contains(key, b.JobsDone);
        Assert.Equal(plan.Jobs.Count, summary.JobsRun);
        DatasetCompare.AssertIdentical(InProcess(plan), outDir);

        b.Terminate(); // SIGTERM: clean exit
        Assert.Equal(0, b.WaitForExit(Long));
        Assert.Contains(b.Lines, l => l.Contains("stopped after"));
    }

    /// <summary>Freezes the worker in the middle of a job and returns that job's key.</summary>
    private static string FreezeMidJob(CliProcess worker)
    {
        for (int started = 1; ; started++)
        {
            worker.WaitForLines(l => l.Contains(" started"), started, Long);
            worker.Pause();
            if (worker.JobsInFlight is [var key]) return key;
            worker.Resume(); // it finished that job before the signal: take the next one
        }
    }

    [Fact]
    public void A_worker_that_joins_late_takes_work()
    {
        var plan = Sweeps.Plan(Sweeps.Write("late", replicates: 3, blocks: 2, workIterations: 2_000_000, grid: false));
        string outDir = Sweeps.NewOut("late");
        var coordinator = Coordinate(plan, outDir);
        var a = Worker("wA", "--max-jobs", "2"); // leaves 10 of the 12 jobs, whatever the speed
        a.WaitForLine(l => l.Contains(" done in "), Long);
        var b = Worker("wB");
        Await(coordinator);
        Assert.Equal(2, a.JobsDone.Length);
        Assert.Equal(plan.Jobs.Count - 2, b.JobsDone.Length);
        Assert.Empty(a.JobsDone.Intersect(b.JobsDone));
        DatasetCompare.AssertIdentical(InProcess(plan), outDir);
    }

    [Fact]
    public async Task A_duplicate_result_is_ignored_by_job_key()
    {
        var plan = Sweeps.Plan(Sweeps.Write("dup", replicates: 1, blocks: 2, workIterations: 0));
        string outDir = Sweeps.NewOut("dup");
        var topology = new Topology(Prefix);
        var coordinator = Coordinate(plan, outDir);
        // A retried job that had already reported: its result arrives twice before any worker starts. It answers a
        // published job (the coordinator's nonce, the job's config hash), so it is a duplicate, not a forgery.
        string journal = Path.Combine(outDir, ResultStore.JournalDir, "published");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        PublishedJobs? published = null;
        while ((published = File.Exists(journal) ? PublishedJobs.TryParse(File.ReadAllText(journal)) : null) == null && clock.Elapsed < Long) await Task.Delay(20);
        var run = JobRunner.Run(plan.Jobs[0], EngineRegistry.Default.Get("synthetic"), null, default);
        var result = new ResultMessage(plan.SweepId, published!.Nonce, JobMessage.ConfigHash(plan.Jobs[0].Job.ConfigJson), run.JobKey, "earlier", run.ExecuteSeconds, null, null, run.Files);
        byte[] body = result.Encode();
        await using (var conn = await Broker.CreateFactory("test").CreateConnectionAsync())
        await using (var ch = await conn.CreateChannelAsync(new CreateChannelOptions(true, true)))
        {
            for (int i = 0; i < 2; i++)
                await ch.BasicPublishAsync(topology.ResultsExchange, topology.Results(plan.SweepId), true, new BasicProperties { Persistent = true, Headers = result.Headers(body) }, body);
        }
        Worker("w1");
        var summary = Await(coordinator);
        Assert.Equal(2, summary.Duplicates); // the second early copy and the worker's own run of job 0
        Assert.Equal(plan.Jobs.Count, summary.JobsRun);
        DatasetCompare.AssertIdentical(InProcess(plan), outDir);
    }

    [Fact]
    public void A_restarted_coordinator_resumes_and_does_not_redo_safe_jobs()
    {
        string sweep = Sweeps.Write("restart", replicates: 3, blocks: 2, workIterations: 6_000_000, grid: false);
        var plan = Sweeps.Plan(sweep);
        string outDir = Sweeps.NewOut("restart");
        var env = new Dictionary<string, string> { [BrokerSettings.EnvironmentVariable] = Fx.Broker.Uri };
        var first = Cli(["coordinator", sweep, "--out", outDir, "--queue-prefix", Prefix], env);
        // Exactly three results exist (the worker stops after three jobs), so the journal holds exactly three
        // entries when the coordinator is killed, however fast anything runs.
        var w1 = Worker("w1", "--max-jobs", "3");
        Assert.Equal(0, w1.WaitForExit(Long));
        string journal = Path.Combine(outDir, ResultStore.JournalDir);
        var safe = FileWait.AtLeast(journal, "*.json", 3, Long).Select(f => Path.GetFileNameWithoutExtension(f)).ToArray();
        first.KillHard();
        Assert.Equal(3, safe.Length);
        Assert.Equal(safe.Order(), w1.JobsDone.Order());

        var second = Cli(["coordinator", sweep, "--out", outDir, "--queue-prefix", Prefix], env);
        var w2 = Worker("w2");
        Assert.Equal(0, second.WaitForExit(Long));
        Assert.Contains(second.Lines, l => l.Contains("resuming"));
        Assert.DoesNotContain(second.Lines, l => l.Contains("published"));
        var started = w1.JobsStarted.Concat(w2.JobsStarted).ToArray();
        foreach (var key in safe) Assert.Single(started, k => k == key);
        Assert.Equal(plan.Jobs.Count, started.Distinct().Count());
        DatasetCompare.AssertIdentical(InProcess(plan), outDir);
    }

    [Fact]
    public void A_broker_down_at_start_gives_one_clear_line_after_bounded_retries()
    {
        int port = FreePort();
        var env = new Dictionary<string, string> { [BrokerSettings.EnvironmentVariable] = $"amqp://guest:hunter2secret@127.0.0.1:{port}/" };
        var worker = Cli(["worker", "--connect-attempts", "3", "--connect-backoff-s", "0.2"], env);
        Assert.Equal(ClusterExitCodes.BrokerUnavailable, worker.WaitForExit(Long));
        Assert.DoesNotContain("hunter2secret", worker.Output);
        var errors = worker.Lines.Where(l => l.StartsWith("stderr: ", StringComparison.Ordinal)).ToArray();
        Assert.Single(errors);
        Assert.Contains("not reachable after 3 attempts", errors[0]);
        Assert.Contains($"amqp://guest:***@127.0.0.1:{port}/", errors[0]);
        Assert.Equal(2, worker.Lines.Count(l => l.Contains("retrying in")));

        string sweep = Sweeps.Write("down", replicates: 1, blocks: 1, grid: false);
        var coordinator = Cli(["coordinator", sweep, "--out", Sweeps.NewOut("down"), "--connect-attempts", "2", "--connect-backoff-s", "0.1"], env);
        Assert.Equal(ClusterExitCodes.BrokerUnavailable, coordinator.WaitForExit(Long));
        Assert.DoesNotContain("hunter2secret", coordinator.Output);
    }

    [Fact]
    public void A_worker_that_loses_its_connection_reconnects_and_the_sweep_completes()
    {
        // The worker is frozen in the middle of a job while rabbitmqctl closes the connections, so the sweep cannot
        // have finished: both the worker and the coordinator must reconnect to complete it.
        var plan = Sweeps.Plan(Sweeps.Write("reconnect", replicates: 3, blocks: 2, workIterations: 5_000_000, grid: false));
        string outDir = Sweeps.NewOut("reconnect");
        var log = new StringWriter();
        var coordinator = Coordinate(plan, outDir, TextWriter.Synchronized(log));
        var w = Worker("w1");
        FreezeMidJob(w);
        Fx.Broker.CloseAllConnections();
        w.Resume();
        w.WaitForLine(l => l.Contains("reconnected"), Long);
        Await(coordinator);
        Assert.Contains("reconnected", log.ToString());
        DatasetCompare.AssertIdentical(InProcess(plan), outDir);
    }

    [Fact]
    public async Task A_job_message_that_does_not_validate_is_dead_lettered()
    {
        var topology = new Topology(Prefix);
        await using (var conn = await Broker.CreateFactory("test").CreateConnectionAsync())
        await using (var ch = await conn.CreateChannelAsync(new CreateChannelOptions(true, true)))
        {
            await topology.DeclareJobsAsync(ch, default);
            byte[] body = "{\"sweep_id\":\"0000000000000000\"}"u8.ToArray();
            await ch.BasicPublishAsync("", topology.Jobs, true, new BasicProperties { Persistent = true, Headers = MessageHeaders.For("agentspines.job", 1, body, "x") }, body);
        }
        var w = Worker("w1");
        w.WaitForLine(l => l.Contains("rejected an invalid job message"), Long);
        await using (var conn = await Broker.CreateFactory("test").CreateConnectionAsync())
        await using (var ch = await conn.CreateChannelAsync())
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (await ch.MessageCountAsync(topology.DeadLetters) < 1 && clock.Elapsed < Long) await Task.Delay(50); // hang guard only
            Assert.Equal(1u, await ch.MessageCountAsync(topology.DeadLetters));
            Assert.Equal(0u, await ch.MessageCountAsync(topology.Jobs));
        }
    }

    [Fact]
    public void The_model_gives_the_same_dataset_through_a_worker_process_as_in_process()
    {
        string repo = CliLocator.RepoRoot();
        File.WriteAllText(Sweeps.Path("real.json"), $$"""
            { "Name": "real", "Regimes": ["{{Path.Combine(repo, "configs", "baseline.json")}}"], "Replicates": 1, "DendritesPerBlock": 10,
              "Overrides": ["--Run:DurationDays=1"] }
            """);
        var plan = Sweeps.Plan(Sweeps.Path("real.json"));
        Assert.Equal(2, plan.Jobs.Count);
        string outDir = Sweeps.NewOut("real");
        var coordinator = Coordinate(plan, outDir);
        Worker("w1");
        Await(coordinator);
        DatasetCompare.AssertIdentical(InProcess(plan), outDir);
        Assert.Contains(DatasetCompare.Files(outDir).Keys, k => k.StartsWith("events/regime=", StringComparison.Ordinal));
    }

    private static int FreePort()
    {
        var l = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        l.Start();
        int port = ((System.Net.IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }
}
