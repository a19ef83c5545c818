using System.CommandLine;
using AgentSpines.Benchmarks;
using AgentSpines.Cli.CommandLine;

namespace AgentSpines.Cli.Commands.Bench;

/// <summary>`agentspines bench activity`: the options of <see cref="ActivityBenchmark"/> (src/AgentSpines.Benchmarks), which says what it measures.</summary>
public sealed class ActivityBench : IBenchCommand
{
    private static readonly Option<bool> Json = Options.Flag("--json", "print exactly one JSON object with the figures");
    private static readonly Option<int> Spines = Options.Int("--spines", "spines in the baseline population", 100, 7_000_000, 100_000);
    private static readonly Option<double> Days = Options.Double("--days", "simulated days (1 h steps)", 1, 365, 30);
    private static readonly Option<int> Threads = Options.Int("--threads", "worker threads (0: one per core)", 0, 1024, 0);
    private static readonly Option<int> Sample = Options.Int("--sample", "spine shapes at which the surface is compared with the fast solver", 0, 100_000, 200);
    private static readonly Option<int> Repeat = Options.Int("--repeat", "pairs of runs (off, on, off, on, ...): times are the fastest of each kind, memory from the last pair", 1, 20, 1);
    private static readonly Option<double> WarmupDays = Options.Double("--warmup-days", "days of the two untimed warm-up runs (100 spines each): longer ones let the runtime finish optimising the shared code before the first timed run", 1, 30, 1);
    private static readonly Option<int> WarmupPairs = Options.Int("--warmup-pairs", "small untimed warm-up pairs (100 spines, off then on) before the timed runs: code run once per run (actor system, writers, footers) reaches the JIT's optimised tier only after about 30 calls", 1, 200, 30);
    private static readonly Option<bool> NoFullWarmup = Options.Flag("--no-full-warmup", "skip the untimed full-size pair (off, on) before the timed runs (faster; the first timed run then pays the shared code's optimisation and the second starts on the first one's heap)");
    private static readonly Option<string?> CacheDir = Options.Text("--cache-dir", "DIR", "episode surface cache directory (default: Activity:SurfaceCacheDir, else ~/.cache/agentspines/surfaces)");

    public AgentCommand Create() => new("activity", "the same population with activity (electrodiffusion episodes) off and on: time, memory, surface error",
        a => ActivityBenchmark.Run(a.Get(Json), a.Get(Spines), a.Get(Days), a.Get(Threads), a.Get(Sample), a.Get(CacheDir), a.ConfigOverrides, a.Get(Repeat), a.Get(WarmupDays), !a.Get(NoFullWarmup), a.Get(WarmupPairs)),
        takesConfigOverrides: true)
    {
        Json, Spines, Days, Threads, Sample, CacheDir, Repeat, WarmupDays, NoFullWarmup, WarmupPairs,
    };
}
