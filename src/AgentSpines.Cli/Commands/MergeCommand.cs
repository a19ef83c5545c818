using AgentSpines.Cluster.Results;

namespace AgentSpines.Cli.Commands;

/// <summary>
/// `agentspines merge SLICE_DIR... --out DIR [--allow-incomplete]`: assembles the slices of `sweep --shard i/N` into
/// one dataset. Every slice is verified (_SUCCESS, manifest SHA-256 of every file); a slice that fails is refused
/// unless --allow-incomplete, which merges the files that verify into a dataset without _SUCCESS.
/// </summary>
public static class MergeCommand
{
    public sealed record Options(IReadOnlyList<string> Slices, string Out, bool AllowIncomplete);

    public static int Run(string[] args)
    {
        var a = new CommandArgs(args, new HashSet<string> { "allow-incomplete" });
        string outDir = a.String("out") ?? throw new UsageException("merge needs --out DIR");
        bool allowIncomplete = a.Flag("allow-incomplete");
        a.RejectUnknown();
        if (a.Positionals.Count == 0) throw new UsageException("merge needs the slice directories (from `agentspines sweep --shard i/N`)");
        return Execute(new Options(a.Positionals, outDir, allowIncomplete));
    }

    public static int Execute(Options o)
    {
        var manifest = SliceMerger.Merge(o.Slices, o.Out, o.AllowIncomplete, Console.Error.WriteLine);
        bool complete = File.Exists(Path.Combine(o.Out, AgentSpines.EventLog.Dataset.DatasetManifest.SuccessFileName));
        Console.WriteLine($"merge: {o.Slices.Count} slices, {manifest.Files.Count} files in {o.Out}" + (complete ? "" : " (INCOMPLETE: no _SUCCESS)"));
        return 0;
    }
}
