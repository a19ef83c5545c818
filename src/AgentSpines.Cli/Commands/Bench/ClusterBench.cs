using System.CommandLine;
using AgentSpines.Benchmarks;
using AgentSpines.Cli.CommandLine;

namespace AgentSpines.Cli.Commands.Bench;

/// <summary>`agentspines bench cluster`: the options of <see cref="ClusterBenchmark"/> (src/AgentSpines.Benchmarks), which says what it measures.</summary>
public sealed class ClusterBench : IBenchCommand
{
    private static readonly Option<bool> Json = Options.Flag("--json", "print exactly one JSON object with the figures");
    private static readonly Option<string?> Broker = Options.Text("--broker", "URI", "RabbitMQ broker to use (default: a broker started for the benchmark)");
    private static readonly Option<int> Jobs = Options.Int("--jobs", "jobs in the sweep", 2, 10_000, 12);
    // Default job: about 3 s of work on this machine, the size of one replicate of a ready config (drug and
    // vehicle arms); --work-iterations 40000000 gives 0.25 s jobs, where broker overhead is about 10%.
    private static readonly Option<long> Work = Options.Long("--work-iterations", "busy-loop iterations per job (300,000,000: about 3 s)", 0, 100_000_000_000, 300_000_000);
    private static readonly Option<long> Rows = Options.Long("--rows", "event rows each job writes", 0, 10_000_000, 20_000);

    public AgentCommand Create() => new("cluster", "speedup of 2 workers over 1 and broker overhead per job",
        a => ClusterBenchmark.Run(a.Get(Json), a.Get(Broker), a.Get(Jobs), a.Get(Work), a.Get(Rows)))
    {
        Json, Broker, Jobs, Work, Rows,
    };
}
