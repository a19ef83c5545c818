using AgentSpines.Cluster.Coordination;
using AgentSpines.Cluster.Execution;
using AgentSpines.Cluster.Progress;
using AgentSpines.Cluster.Sweeps;

namespace AgentSpines.Cli.Commands;

/// <summary>`agentspines sweep SWEEP --out DIR [--shard i/N] [--parallel N]`: every job of a sweep (or one static slice) in-process.</summary>
public static class SweepCommand
{
    public static int Run(string[] args)
    {
        var a = new CommandArgs(args);
        string sweepPath = a.Positional(0, "SWEEP (a sweep file)");
        string outDir = a.String("out") ?? throw new UsageException("sweep needs --out DIR");
        var shard = a.String("shard") is { } s ? ShardSpec.Parse(s) : (ShardSpec?)null;
        int parallel = a.Int("parallel", 1, 256) ?? 1;
        a.RejectUnknown();
        if (a.Positionals.Count > 1) throw new UsageException($"unexpected argument '{a.Positionals[1]}'");

        var plan = SweepPlan.Build(SweepConfigLoader.Load(sweepPath), EngineRegistry.Default);
        using var stop = new StopSignal();
        string title = shard is { } sh ? $"sweep {plan.Config.Name} slice {sh}" : $"sweep {plan.Config.Name}";
        try
        {
            var manifest = JobProgressView.RunAsync(title, progress =>
                Task.Run(() => SweepRunner.Run(plan, outDir, EngineRegistry.Default, shard, parallel, progress, stop.Token))).GetAwaiter().GetResult();
            Console.WriteLine($"{title}: complete, {manifest.Files.Count} files in {outDir}");
            return ClusterExitCodes.Ok;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine($"agentspines sweep: stopped; run the same command again to resume");
            return ClusterExitCodes.Interrupted;
        }
    }
}
