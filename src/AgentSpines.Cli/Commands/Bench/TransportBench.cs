using System.CommandLine;
using AgentSpines.Benchmarks;
using AgentSpines.Cli.CommandLine;

namespace AgentSpines.Cli.Commands.Bench;

/// <summary>`agentspines bench transport`: the options of <see cref="TransportBenchmark"/> (src/AgentSpines.Benchmarks), which says what it measures.</summary>
public sealed class TransportBench : IBenchCommand
{
    private static readonly Option<bool> Json = Options.Flag("--json", "print exactly one JSON object with the figures");
    private static readonly Option<int> Particles = Options.Int("--particles", "particles exchanged", 1, 100_000_000, 1_000_000);
    private static readonly Option<int> Spines = Options.Int("--spines", "spines they visit", 1, 10_000_000, 10_000);
    private static readonly Option<int> Threads = Options.Int("--threads", "worker threads", 1, 1024, 2);
    private static readonly Option<double> Duration = Options.Double("--duration-ms", "simulated time in ms", 0.1, 1e6, 10.0);

    public AgentCommand Create() => new("transport", "capture-plus-release transitions per second of the transport engine",
        a => TransportBenchmark.Run(a.Get(Json), a.Get(Particles), a.Get(Spines), a.Get(Threads), a.Get(Duration)))
    {
        Json, Particles, Spines, Threads, Duration,
    };
}
