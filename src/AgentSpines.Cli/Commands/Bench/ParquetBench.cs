using System.CommandLine;
using AgentSpines.Benchmarks;
using AgentSpines.Cli.CommandLine;

namespace AgentSpines.Cli.Commands.Bench;

/// <summary>`agentspines bench parquet`: the options of <see cref="ParquetBenchmark"/> (src/AgentSpines.Benchmarks), which says what it measures.</summary>
public sealed class ParquetBench : IBenchCommand
{
    private static readonly Option<bool> Json = Options.Flag("--json", "print exactly one JSON object with the figures");
    private static readonly Option<long> Rows = Options.Long("--rows", "event rows to write and read", 1, 1_000_000_000, 10_000_000);
    private static readonly Option<string?> Keep = Options.Text("--keep", "DIR", "write the files to DIR and keep them (default: a temporary directory, removed)");

    public AgentCommand Create() => new("parquet", "events-table write and read throughput against DuckDB",
        a => ParquetBenchmark.Run(a.Get(Rows), a.Get(Json), a.Get(Keep)))
    {
        Json, Rows, Keep,
    };
}
