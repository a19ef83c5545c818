namespace AgentSpines.Cli.Commands;

/// <summary>
/// `agentspines bench NAME [--json]`. Each benchmark lives in Commands/Bench/NAMEBench.cs, prints a human-readable
/// table, and with --json prints exactly one JSON object (nothing else on stdout) with its figures.
/// </summary>
public static class BenchCommand
{
    private static readonly SortedDictionary<string, Func<string[], int>> Benches = new(StringComparer.Ordinal)
    {
        ["population"] = Bench.PopulationBench.Run,
        ["parquet"] = Bench.ParquetBench.Run,
        ["transport"] = Bench.TransportBench.Run,
        ["electrodiffusion"] = Bench.ElectrodiffusionBench.Run,
        ["cluster"] = Bench.ClusterBench.Run,
    };

    public static int Run(string[] args)
    {
        if (args.Length == 0 || !Benches.TryGetValue(args[0], out var bench))
            throw new UsageException($"bench needs one of: {string.Join(", ", Benches.Keys)}");
        return bench(args[1..]);
    }
}
