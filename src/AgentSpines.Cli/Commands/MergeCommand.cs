using AgentSpines.Cluster.Results;

namespace AgentSpines.Cli.Commands;

/// <summary>`agentspines merge SLICE_DIR... --out DIR`: assembles the slices of `sweep --shard i/N` into one dataset.</summary>
public static class MergeCommand
{
    public static int Run(string[] args)
    {
        var a = new CommandArgs(args);
        string outDir = a.String("out") ?? throw new UsageException("merge needs --out DIR");
        a.RejectUnknown();
        if (a.Positionals.Count == 0) throw new UsageException("merge needs the slice directories (from `agentspines sweep --shard i/N`)");
        var manifest = SliceMerger.Merge(a.Positionals, outDir);
        Console.WriteLine($"merge: {a.Positionals.Count} slices, {manifest.Files.Count} files in {outDir}");
        return 0;
    }
}
