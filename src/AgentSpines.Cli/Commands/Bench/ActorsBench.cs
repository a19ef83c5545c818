using System.CommandLine;
using AgentSpines.Cli.CommandLine;
using System.Diagnostics;
using AgentSpines.Actors.Benchmarks;
using AgentSpines.Actors.Simulation;
using AgentSpines.EventLog.Dataset;

namespace AgentSpines.Cli.Commands.Bench;

/// <summary>
/// `agentspines bench actors [--json] [--spines N] [--days D]`: scheduler throughput (small messages through
/// canonical-order rounds, all cores), managed memory per idle actor, and the baseline population (default
/// 100,000 spines for 30 days at 1 h steps, written to a temporary dataset).
/// </summary>
public sealed class ActorsBench : IBenchCommand
{
    private static readonly Option<bool> Json = Options.Flag("--json", "print exactly one JSON object with the figures");
    private static readonly Option<int> Spines = Options.Int("--spines", "spines in the baseline population", 1000, 7_000_000, 100_000);
    private static readonly Option<double> Days = Options.Double("--days", "simulated days of the baseline population", 1, 365, 30);
    private static readonly Option<int> Threads = Options.Int("--threads", "worker threads (0: one per core)", 0, 1024, 0);

    public AgentCommand Create() => new("actors", "scheduler throughput, memory per idle actor and the baseline population", Run)
    {
        Json, Spines, Days, Threads,
    };

    private static int Run(CommandInput a)
    {
        bool json = a.Get(Json);
        int spines = a.Get(Spines);
        double days = a.Get(Days);
        int threads = a.Get(Threads);

        var local = SchedulerBenchmark.Run(actors: 2_000, fanOut: 500, steps: 40, threads: threads);
        var scattered = SchedulerBenchmark.Run(actors: 50_000, fanOut: 20, steps: 40, threads: threads);
        double bytes = SchedulerBenchmark.BytesPerIdleActor();
        var (seconds, finalSpines) = Population(spines, days, threads);
        BenchJson.Emit(json,
        [
            ("messages_per_s", local.MessagesPerSecond, "msg/s (2,000 actors x 500 msgs/step)"),
            ("messages_per_s_scattered", scattered.MessagesPerSecond, "msg/s (50,000 actors x 20 msgs/step to random peers)"),
            ("threads", local.Threads, ""),
            ("bytes_per_idle_actor", bytes, "B beyond the actor's own state"),
            ("population_spines", finalSpines, "spines at the end"),
            ("population_days", days, "days at 1 h steps"),
            ("population_s", seconds, "s wall time, dataset written"),
        ]);
        return 0;
    }

    private static (double Seconds, long Spines) Population(int spines, double days, int threads)
    {
        string root = Path.Combine(Path.GetTempPath(), "agentspines-bench-" + Guid.NewGuid().ToString("N"));
        try
        {
            int dendrites = (int)Math.Ceiling(spines / (1.2 * 100.0));
            var config = SimulationConfig.Load(null, [$"--Run:Name=bench", $"--Run:DurationDays={days.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
                "--Run:Replicates=1", $"--Dendrites:Count={dendrites}", "--Regime:Arms=VehicleOnly", "--Output:SnapshotEveryHours=0",
                "--Imaging:SessionDays:0=0", "--Imaging:SessionDays:1=7", "--Regime:ReferenceDay=0"], includeEnvironment: false);
            string cfg = config.ToJson();
            var sw = Stopwatch.StartNew();
            using var writer = new DatasetWriter(root);
            var outcome = SimulationJobs.Execute(new SimulationJob(cfg, 0), writer, null, CancellationToken.None, threads);
            writer.Commit(new DatasetManifestInfo { ConfigJson = cfg, Seed = config.Run.Seed });
            sw.Stop();
            long live = (long)Math.Round(outcome.Runs[0].DailyDensityPerUm[^1] * dendrites * 100.0);
            return (sw.Elapsed.TotalSeconds, live);
        }
        finally
        {
            try { Directory.Delete(root, true); } catch (IOException) { }
        }
    }
}
