using System.CommandLine;
using AgentSpines.Cli.CommandLine;
using AgentSpines.Cluster.Coordination;
using AgentSpines.Cluster.Execution;
using AgentSpines.Cluster.Progress;
using AgentSpines.Cluster.Sweeps;

namespace AgentSpines.Cli.Commands;

/// <summary>`agentspines sweep SWEEP --out DIR [--shard i/N] [--parallel N]`: every job of a sweep (or one static slice) in-process.</summary>
public sealed class SweepCommand : ICliCommand
{
    private static readonly Argument<string> SweepFile = new("SWEEP") { Description = "the sweep file (configs/sweeps/*.json)" };
    private static readonly Option<string?> Out = Options.Text("--out", "DIR", "dataset directory (a stopped sweep resumes in the same one)", required: true);
    private static readonly Option<string?> Shard = Options.Text("--shard", "i/N", "run only static slice i of N (1-based); assemble slices with merge");
    private static readonly Option<int> Parallel = Options.Int("--parallel", "jobs run at the same time", 1, 256, 1);

    public AgentCommand Create() => new("sweep", "run every job of a sweep in-process (or one static slice)", Run)
    {
        SweepFile, Out, Shard, Parallel,
    };

    private static int Run(CommandInput a)
    {
        string sweepPath = a.Get(SweepFile);
        string outDir = a.Get(Out)!;
        var shard = a.Get(Shard) is { } s ? ShardSpec.Parse(s) : (ShardSpec?)null;
        int parallel = a.Get(Parallel);

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
