using System.Text.Json.Nodes;
using AgentSpines.Cluster.Coordination;
using AgentSpines.Cluster.Execution;
using AgentSpines.Cluster.Messaging;
using AgentSpines.Cluster.Results;
using AgentSpines.Cluster.Sweeps;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using Xunit.Abstractions;

namespace AgentSpines.Cluster.Tests.Faults;

/// <summary>
/// An attacker with broker credentials publishes forged jobs and results into a running sweep on a real broker; the
/// coordinator still assembles exactly the in-process dataset and exits 0. Also: the least-privilege users of
/// docs/cluster.md run a sweep, and a worker user cannot publish jobs.
/// </summary>
[Collection("broker")]
public sealed class ForgeryTests(ClusterFixture fx, ITestOutputHelper output) : BrokerScenario(fx, output, 'f')
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(180);

    private BrokerSettings Guest => BrokerSettings.Resolve(Fx.Broker.Uri, env: _ => null);

    private static string WithSeed(string configJson, int seed)
    {
        var node = JsonNode.Parse(configJson)!.AsObject();
        node["Run"]!["Seed"] = seed;
        return node.ToJsonString();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Forged_jobs_and_results_are_dead_lettered_and_the_dataset_is_the_in_process_one(bool signed)
    {
        var plan = Sweeps.Plan(Sweeps.Write("forged", replicates: 1, blocks: 2, grid: false));
        Assert.Equal(4, plan.Jobs.Count);
        string sweep = Sweeps.Path("forged.json");
        string outDir = Sweeps.NewOut("forged");
        var topology = new Topology(Prefix);
        string resultsQueue = topology.Results(plan.SweepId);
        string guessedNonce = PublishedJobs.NewNonce(); // the attacker does not know the coordinator's nonce

        // Before the coordinator publishes, so the worker takes the forged jobs first (FIFO) and the forged results
        // are the first the coordinator sees: on a coordinator that keeps the first result per key, they would win.
        var realJob = plan.Jobs[0];
        var otherSeed = realJob with { Job = realJob.Job with { ConfigJson = WithSeed(realJob.Job.ConfigJson, 999) } };
        var invalid = plan.Jobs[1] with { Job = plan.Jobs[1].Job with { ConfigJson = """{"Regime":{"Name":"beta"},"Synthetic":{"Rows":-5}}""" } };
        var fabricated = JobRunner.Run(plan.Jobs[2] with { Job = plan.Jobs[2].Job with { ConfigJson = WithSeed(plan.Jobs[2].Job.ConfigJson, 7) } },
            EngineRegistry.Default.Get("synthetic"), null, default);
        var forgedResults = new[]
        {
            // claims the genuine config's hash, with data of another seed
            new ResultMessage(plan.SweepId, guessedNonce, JobMessage.ConfigHash(plan.Jobs[2].Job.ConfigJson), plan.Jobs[2].Key, "mallory", 1, null, null, fabricated.Files),
            // the hash of a config that was never published
            new ResultMessage(plan.SweepId, guessedNonce, JobMessage.ConfigHash("{}"), plan.Jobs[3].Key, "mallory", 1, null, null, fabricated.Files),
        };
        await using (var conn = await Guest.CreateFactory("mallory").CreateConnectionAsync())
        await using (var ch = await conn.CreateChannelAsync(new CreateChannelOptions(true, true)))
        {
            await topology.DeclareJobsAsync(ch, default);
            await topology.DeclareResultsAsync(ch, plan.SweepId, default);
            foreach (var job in new[] { otherSeed, invalid })
            {
                var msg = new JobMessage(plan.SweepId, job, resultsQueue, null, guessedNonce);
                byte[] body = msg.Encode();
                await ch.BasicPublishAsync("", topology.Jobs, true, new BasicProperties { Persistent = true, Headers = msg.Headers(body) }, body);
            }
            foreach (var r in forgedResults)
            {
                byte[] body = r.Encode();
                await ch.BasicPublishAsync("", resultsQueue, true, new BasicProperties { Persistent = true, Headers = r.Headers(body) }, body);
            }
        }

        var env = new Dictionary<string, string> { [BrokerSettings.EnvironmentVariable] = Fx.Broker.Uri };
        if (signed) env[SweepKey.EnvironmentVariable] = "a-test-sweep-key-" + Guid.NewGuid().ToString("N");
        var coordinator = Cli(["coordinator", sweep, "--out", outDir, "--queue-prefix", Prefix], env);
        var worker = Cli(["worker", "--queue-prefix", Prefix, "--name", "w1"], env);
        Assert.Equal(ClusterExitCodes.Ok, coordinator.WaitForExit(Long));
        DatasetCompare.AssertIdentical(InProcess(plan), outDir);

        // Unsigned sweep: the worker runs the forged jobs, and their results are dead-lettered with the forged ones (4).
        // Signed sweep: the worker refuses the unsigned jobs (dead-lettered), the coordinator the 2 unsigned results.
        int rejectedResults = signed ? 2 : 4;
        Assert.Contains(coordinator.Lines, l => l.Contains($"{rejectedResults} invalid or forged results dead-lettered"));
        Assert.Equal(signed ? 2 : 0, worker.Lines.Count(l => l.Contains("unsigned message refused")));
        Assert.Equal(plan.Jobs.Count + (signed ? 0 : 2), worker.JobsStarted.Length);
        await using (var conn = await Guest.CreateFactory("check").CreateConnectionAsync())
        await using (var ch = await conn.CreateChannelAsync())
            Assert.Equal(4u, await ch.MessageCountAsync(topology.DeadLetters));
        worker.Terminate();
        Assert.Equal(0, worker.WaitForExit(TimeSpan.FromSeconds(60)));
    }

    [Fact]
    public async Task Least_privilege_users_run_a_sweep_and_a_worker_cannot_publish_jobs()
    {
        var topology = new Topology(Prefix);
        string pw = Guid.NewGuid().ToString("N");
        string coordUser = "coord-" + Prefix, workerUser = "worker-" + Prefix;
        var ctl = TimeSpan.FromSeconds(60);
        foreach (var (user, perms) in new[] { (coordUser, topology.CoordinatorPermissions()), (workerUser, topology.WorkerPermissions()) })
        {
            Fx.Broker.Ctl(ctl, "add_user", user, pw);
            Fx.Broker.Ctl(ctl, "set_permissions", "-p", "/", user, perms.Configure, perms.Write, perms.Read);
        }
        // docs/cluster.md shows the same patterns (for the default prefix)
        string docs = File.ReadAllText(Path.Combine(CliLocator.RepoRoot(), "docs", "cluster.md"));
        var defaults = new Topology(Topology.DefaultPrefix);
        foreach (var p in new[] { defaults.CoordinatorPermissions(), defaults.WorkerPermissions() })
            Assert.Contains($"\"{p.Configure}\" \"{p.Write}\" \"{p.Read}\"", docs);

        string Uri(string user) => $"amqp://{user}:{pw}@127.0.0.1:{Fx.Broker.Port}/";
        var plan = Sweeps.Plan(Sweeps.Write("lp", replicates: 1, blocks: 2, grid: false));
        string outDir = Sweeps.NewOut("lp");
        var options = new CoordinatorOptions(BrokerSettings.Resolve(Uri(coordUser), env: _ => null), topology,
            new RetryPolicy(5, TimeSpan.FromSeconds(0.2), TimeSpan.FromSeconds(2)), TimeSpan.FromSeconds(2));
        var log = new StringWriter();
        var coordinator = Task.Run(() => new Coordinator(options, plan, outDir, null, TextWriter.Synchronized(log)).RunAsync(new CancellationTokenSource(Long).Token));
        var worker = Cli(["worker", "--queue-prefix", Prefix, "--name", "w1"], new Dictionary<string, string> { [BrokerSettings.EnvironmentVariable] = Uri(workerUser) });
        Assert.True(coordinator.Wait(Long), "the coordinator did not finish: " + log);
        Assert.Equal(plan.Jobs.Count, coordinator.Result.JobsRun);
        DatasetCompare.AssertIdentical(InProcess(plan), outDir);

        // A worker's credentials cannot put a job on the queue: no write permission on the default exchange.
        await using var conn = await BrokerSettings.Resolve(Uri(workerUser), env: _ => null).CreateFactory("mallory").CreateConnectionAsync();
        await using var ch = await conn.CreateChannelAsync(new CreateChannelOptions(true, true));
        byte[] body = "{}"u8.ToArray();
        var refused = await Assert.ThrowsAnyAsync<Exception>(async () =>
            await ch.BasicPublishAsync("", topology.Jobs, true, new BasicProperties { Persistent = true }, body));
        Assert.Contains("ACCESS_REFUSED", refused.ToString());
        worker.Terminate();
        Assert.Equal(0, worker.WaitForExit(TimeSpan.FromSeconds(60)));
    }
}
