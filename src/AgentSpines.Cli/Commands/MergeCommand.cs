using System.CommandLine;
using AgentSpines.Cli.CommandLine;
using AgentSpines.Cluster.Results;

namespace AgentSpines.Cli.Commands;

/// <summary>`agentspines merge SLICE_DIR... --out DIR`: assembles the slices of `sweep --shard i/N` into one dataset.</summary>
public sealed class MergeCommand : ICliCommand
{
    private static readonly Argument<string[]> Slices = new("SLICE_DIR") { Description = "slice directories written by `agentspines sweep --shard i/N`", Arity = ArgumentArity.OneOrMore };
    private static readonly Option<string?> Out = Options.Text("--out", "DIR", "new directory for the merged dataset", required: true);

    public AgentCommand Create() => new("merge", "assemble the slices of a sharded sweep into one dataset", Run) { Slices, Out };

    private static int Run(CommandInput a)
    {
        string outDir = a.Get(Out)!;
        var slices = a.Get(Slices);
        var manifest = SliceMerger.Merge(slices, outDir);
        Console.WriteLine($"merge: {slices.Length} slices, {manifest.Files.Count} files in {outDir}");
        return 0;
    }
}
