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
/// a dataset identical, file for file, to the in-process run of the same sweep.
/// </summary>
[Collection("broker")]
public sealed class FaultTests(ClusterFixture fx, ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(120);
    private readonly TestSweeps _t = new();
    private readonly List<CliProcess> _processes = new();
    private readonly string _prefix = "t" + Guid.NewGuid().ToString("N")[..10];

    public void Dispose()
    {
        foreach (var p in _processes)
        {
            output.WriteLine($"--- process {p.Pid}:\n{p.Output}");
            p.Dispose();
        }
        _t.Dispose();
    }

    private BrokerSettings Broker => BrokerSettings.Resolve(fx.Broker.Uri, env: _ => null);

    private CliProcess Worker(string name, params string[] extra)
    {
        var p = new CliProcess(fx.CliDll, ["worker", "--queue-prefix", _prefix, "--name", name, .. extra],
            new Dictionary<string, string> { [BrokerSettings.EnvironmentVariable] = fx.Broker.Uri });
        _processes.Add(p);
        return p;
    }

    private Task<CoordinatorSummary> Coordinate(SweepPlan plan, string outDir, TextWriter? log = null)
    {
        var options = new CoordinatorOptions(Broker, new Topology(_prefix), new RetryPolicy(5, TimeSpan.FromSeconds(0.2), TimeSpan.FromSeconds(2)), TimeSpan.FromSeconds(2));
        var cts = new CancellationTokenSource(Long);
        return Task.Run(() => new Coordinator(options, plan, outDir, null, log ?? new StringWriter()).RunAsync(cts.Token));
    }

    private string InProcess(SweepPlan plan)
    {
        string dir = _t.NewOut("inproc");
        SweepRunner.Run(plan, dir, EngineRegistry.Default, parallelJobs: 1);
        return dir;
    }

    private static T Await<T>(Task<T> task) => task.Wait(Long) ? task.Result : throw new TimeoutException("the coordinator did not finish in time");

    [Fact]
    public void A_worker_killed_mid_job_loses_nothing_and_a_late_worker_takes_over()
    {
        var plan = _t.Plan(_t.Write("kill", replicates: 2, blocks: 2, workIterations: 15_000_000, grid: false));
        string outDir = _t.NewOut("kill");
        var coordinator = Coordinate(plan, outDir);
        var a = Worker("wA");
        string started = a.WaitForLine(l => l.Contains(" started"), Long);
        string key = started.Split(' ')[3];
        a.KillHard();
        Assert.DoesNotContain(a.Lines, l => l.Contains($"job {key} done"));

        var b = Worker("wB"); // joins late, after the crash
        var summary = Await(coordinator);
        Assert.Contains(b.Lines, l => l.Contains($"job {key} started (redelivered)"));
        Assert.Contains(key, b.JobsDone);
        Assert.Equal(plan.Jobs.Count, summary.JobsRun);
        DatasetCompare.AssertIdentical(InProcess(plan), outDir);

        b.Terminate(); // SIGTERM: clean exit
        Assert.Equal(0, b.WaitForExit(TimeSpan.FromSeconds(30)));
        Assert.Contains(b.Lines, l => l.Contains("stopped after"));
    }

    [Fact]
    public void A_worker_that_joins_late_takes_work()
    {
        var plan = _t.Plan(_t.Write("late", replicates: 3, blocks: 2, workIterations: 8_000_000, grid: false));
        string outDir = _t.NewOut("late");
        var coordinator = Coordinate(plan, outDir);
        var a = Worker("wA");
        a.WaitForLine(l => l.Contains(" done in "), Long);
        var b = Worker("wB");
        Await(coordinator);
        Assert.NotEmpty(b.JobsDone);
        Assert.NotEmpty(a.JobsDone);
        Assert.Empty(a.JobsDone.Intersect(b.JobsDone));
        DatasetCompare.AssertIdentical(InProcess(plan), outDir);
    }

    [Fact]
    public async Task A_duplicate_result_is_ignored_by_job_key()
    {
        var plan = _t.Plan(_t.Write("dup", replicates: 1, blocks: 2, workIterations: 0));
        string outDir = _t.NewOut("dup");
        var topology = new Topology(_prefix);
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
        string sweep = _t.Write("restart", replicates: 3, blocks: 2, workIterations: 6_000_000, grid: false);
        var plan = _t.Plan(sweep);
        string outDir = _t.NewOut("restart");
        var env = new Dictionary<string, string> { [BrokerSettings.EnvironmentVariable] = fx.Broker.Uri };
        var first = new CliProcess(fx.CliDll, ["coordinator", sweep, "--out", outDir, "--queue-prefix", _prefix], env);
        _processes.Add(first);
        var w = Worker("w1");
        string journal = Path.Combine(outDir, ResultStore.JournalDir);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!(Directory.Exists(journal) && Directory.GetFiles(journal, "*.json").Length >= 3) && clock.Elapsed < Long) Thread.Sleep(20);
        first.KillHard();
        var safe = Directory.GetFiles(journal, "*.json").Select(f => Path.GetFileNameWithoutExtension(f)).ToArray();
        Assert.True(safe.Length >= 3 && safe.Length < plan.Jobs.Count, $"{safe.Length} jobs safe when the coordinator was killed");

        var second = new CliProcess(fx.CliDll, ["coordinator", sweep, "--out", outDir, "--queue-prefix", _prefix], env);
        _processes.Add(second);
        Assert.Equal(0, second.WaitForExit(Long));
        Assert.Contains(second.Lines, l => l.Contains("resuming"));
        Assert.DoesNotContain(second.Lines, l => l.Contains("published"));
        foreach (var key in safe) Assert.Single(w.JobsStarted, k => k == key);
        Assert.Equal(plan.Jobs.Count, w.JobsStarted.Distinct().Count());
        DatasetCompare.AssertIdentical(InProcess(plan), outDir);
    }

    [Fact]
    public void A_broker_down_at_start_gives_one_clear_line_after_bounded_retries()
    {
        int port = FreePort();
        var env = new Dictionary<string, string> { [BrokerSettings.EnvironmentVariable] = $"amqp://guest:hunter2secret@127.0.0.1:{port}/" };
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var worker = new CliProcess(fx.CliDll, ["worker", "--connect-attempts", "3", "--connect-backoff-s", "0.2"], env);
        _processes.Add(worker);
        Assert.Equal(ClusterExitCodes.BrokerUnavailable, worker.WaitForExit(TimeSpan.FromSeconds(60)));
        Assert.DoesNotContain("hunter2secret", worker.Output);
        var errors = worker.Lines.Where(l => l.StartsWith("stderr: ", StringComparison.Ordinal)).ToArray();
        Assert.Single(errors);
        Assert.Contains("not reachable after 3 attempts", errors[0]);
        Assert.Contains($"amqp://guest:***@127.0.0.1:{port}/", errors[0]);
        Assert.Equal(2, worker.Lines.Count(l => l.Contains("retrying in")));

        string sweep = _t.Write("down", replicates: 1, blocks: 1, grid: false);
        var coordinator = new CliProcess(fx.CliDll, ["coordinator", sweep, "--out", _t.NewOut("down"), "--connect-attempts", "2", "--connect-backoff-s", "0.1"], env);
        _processes.Add(coordinator);
        Assert.Equal(ClusterExitCodes.BrokerUnavailable, coordinator.WaitForExit(TimeSpan.FromSeconds(60)));
        Assert.DoesNotContain("hunter2secret", coordinator.Output);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60));
    }

    [Fact]
    public void A_worker_that_loses_its_connection_reconnects_and_the_sweep_completes()
    {
        // Jobs long enough (seconds each, 12 of them) that the sweep is still running when rabbitmqctl, which itself
        // takes seconds to start, closes the connections: both the worker and the coordinator must then reconnect.
        var plan = _t.Plan(_t.Write("reconnect", replicates: 3, blocks: 2, workIterations: 150_000_000, grid: false));
        string outDir = _t.NewOut("reconnect");
        var log = new StringWriter();
        var coordinator = Coordinate(plan, outDir, TextWriter.Synchronized(log));
        var w = Worker("w1");
        w.WaitForLine(l => l.Contains(" done in "), Long);
        fx.Broker.CloseAllConnections();
        w.WaitForLine(l => l.Contains("reconnected"), Long);
        Await(coordinator);
        Assert.Contains("reconnected", log.ToString());
        DatasetCompare.AssertIdentical(InProcess(plan), outDir);
    }

    [Fact]
    public async Task A_job_message_that_does_not_validate_is_dead_lettered()
    {
        var topology = new Topology(_prefix);
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
            while (await ch.MessageCountAsync(topology.DeadLetters) < 1 && clock.Elapsed < TimeSpan.FromSeconds(10)) await Task.Delay(50);
            Assert.Equal(1u, await ch.MessageCountAsync(topology.DeadLetters));
            Assert.Equal(0u, await ch.MessageCountAsync(topology.Jobs));
        }
    }

    [Fact]
    public void The_model_gives_the_same_dataset_through_a_worker_process_as_in_process()
    {
        string repo = CliLocator.RepoRoot();
        File.WriteAllText(_t.Path("real.json"), $$"""
            { "Name": "real", "Regimes": ["{{Path.Combine(repo, "configs", "baseline.json")}}"], "Replicates": 1, "DendritesPerBlock": 10,
              "Overrides": ["--Run:DurationDays=1"] }
            """);
        var plan = _t.Plan(_t.Path("real.json"));
        Assert.Equal(2, plan.Jobs.Count);
        string outDir = _t.NewOut("real");
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
