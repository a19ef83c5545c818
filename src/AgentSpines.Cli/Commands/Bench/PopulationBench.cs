using System.CommandLine;
using AgentSpines.Benchmarks;
using AgentSpines.Cli.CommandLine;

namespace AgentSpines.Cli.Commands.Bench;

/// <summary>`agentspines bench population`: the options of <see cref="PopulationBenchmark"/> (src/AgentSpines.Benchmarks), which says what it measures.</summary>
public sealed class PopulationBench : IBenchCommand
{
    private static readonly Option<bool> Json = Options.Flag("--json", "print exactly one JSON object with the figures");
    private static readonly Option<int> Spines = Options.Int("--spines", "spines in the baseline population", 1000, 7_000_000, 1_000_000);
    private static readonly Option<double> Days = Options.Double("--days", "simulated days at 1 h steps", 1, 365, 30);
    private static readonly Option<int> Threads = Options.Int("--threads", "dispatcher threads (0: one per core)", 0, 1024, 0);
    private static readonly Option<int> PerSpine = Options.Int("--per-spine", "spines of the one-actor-per-spine run (0: skip it)", 0, 1_000_000, 100_000);

    public AgentCommand Create() => new("population", "the Akka engine against the plain driver and one actor per spine; memory per spine",
        a => PopulationBenchmark.Run(a.Get(Json), a.Get(Spines), a.Get(Days), a.Get(Threads), a.Get(PerSpine)))
    {
        Json, Spines, Days, Threads, PerSpine,
    };
}
