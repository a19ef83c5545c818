using AgentSpines.Cli.CommandLine;

namespace AgentSpines.Cli.Commands;

/// <summary>
/// `agentspines bench NAME [--json]`. Each benchmark is one class implementing <see cref="IBenchCommand"/> in
/// Commands/Bench/; it prints a human-readable table, and with --json exactly one JSON object (nothing else on
/// stdout) with its figures.
/// </summary>
public sealed class BenchCommand : ICliCommand
{
    public AgentCommand Create()
    {
        var bench = new AgentCommand("bench", "benchmarks, reported as ratios against a baseline run in the same process", handler: null);
        foreach (var b in CommandCatalog.Create<IBenchCommand>()) bench.Add(b);
        return bench;
    }
}
