using System.CommandLine;
using AgentSpines.Cli.CommandLine;
using AgentSpines.Cluster.Results;

namespace AgentSpines.Cli.Commands;

/// <summary>
/// `agentspines merge SLICE_DIR... --out DIR [--allow-incomplete]`: assembles the slices of `sweep --shard i/N` into
/// one dataset. Every slice is verified (_SUCCESS, manifest SHA-256 of every file); a slice that fails is refused
/// unless --allow-incomplete, which merges the files that verify into a dataset without _SUCCESS.
/// </summary>
public sealed class MergeCommand : ICliCommand
{
    private static readonly Argument<string[]> Slices = new("SLICE_DIR") { Description = "slice directories written by `agentspines sweep --shard i/N`", Arity = ArgumentArity.OneOrMore };
    private static readonly Option<string?> Out = Options.Text("--out", "DIR", "new directory for the merged dataset", required: true);
    private static readonly Option<bool> AllowIncomplete = Options.Flag("--allow-incomplete",
        "merge the files of incomplete or damaged slices that verify, into a dataset without _SUCCESS (default: refuse)");

    public AgentCommand Create() => new("merge", "assemble the slices of a sharded sweep into one dataset", Run) { Slices, Out, AllowIncomplete };

    /// <summary>What `merge` was asked to do.</summary>
    public sealed record MergeOptions(IReadOnlyList<string> Slices, string Out, bool AllowIncomplete);

    private static int Run(CommandInput a) => Execute(new MergeOptions(a.Get(Slices), a.Get(Out)!, a.Get(AllowIncomplete)));

    public static int Execute(MergeOptions o)
    {
        var manifest = SliceMerger.Merge(o.Slices, o.Out, o.AllowIncomplete, Console.Error.WriteLine);
        bool complete = File.Exists(Path.Combine(o.Out, AgentSpines.EventLog.Dataset.DatasetManifest.SuccessFileName));
        Console.WriteLine($"merge: {o.Slices.Count} slices, {manifest.Files.Count} files in {o.Out}" + (complete ? "" : " (INCOMPLETE: no _SUCCESS)"));
        return 0;
    }
}
