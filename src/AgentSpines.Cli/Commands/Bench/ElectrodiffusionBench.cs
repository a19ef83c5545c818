using System.CommandLine;
using AgentSpines.Benchmarks;
using AgentSpines.Cli.CommandLine;

namespace AgentSpines.Cli.Commands.Bench;

/// <summary>`agentspines bench electrodiffusion`: the options of <see cref="ElectrodiffusionBenchmark"/> (src/AgentSpines.Benchmarks), which says what it measures.</summary>
public sealed class ElectrodiffusionBench : IBenchCommand
{
    private static readonly Option<bool> Json = Options.Flag("--json", "print exactly one JSON object with the figures");
    private static readonly Option<double> Dt = Options.Double("--dt-ns", "time step of the reference solver in ns", 0.01, 10, 0.1);
    private static readonly Option<int> Repeats = Options.Int("--fast-repeats", "timed runs of the fast solver (the median is reported)", 1, 10000, 20);

    public AgentCommand Create() => new("electrodiffusion", "reference against fast electrodiffusion solver on the paper's Fig. 1 case",
        a => ElectrodiffusionBenchmark.Run(a.Get(Json), a.Get(Dt), a.Get(Repeats)))
    {
        Json, Dt, Repeats,
    };
}
