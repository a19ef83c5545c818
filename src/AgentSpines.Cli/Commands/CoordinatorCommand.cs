using System.CommandLine;
using AgentSpines.Cli.CommandLine;
using AgentSpines.Cluster.Coordination;
using AgentSpines.Cluster.Execution;
using AgentSpines.Cluster.Messaging;
using AgentSpines.Cluster.Progress;
using AgentSpines.Cluster.Sweeps;

namespace AgentSpines.Cli.Commands;

/// <summary>
/// `agentspines coordinator SWEEP --out DIR [--broker URI] [--queue-prefix P] [--results-path DIR] [--republish]
/// [--connect-attempts N] [--connect-backoff-s S]`: distributes a sweep over RabbitMQ and assembles the dataset.
/// </summary>
public sealed class CoordinatorCommand : ICliCommand
{
    private static readonly Argument<string> SweepFile = new("SWEEP") { Description = "the sweep file (configs/sweeps/*.json)" };
    private static readonly Option<string?> Out = Options.Text("--out", "DIR", "dataset directory (a stopped coordinator resumes in the same one)", required: true);
    private static readonly Option<bool> Republish = Options.Flag("--republish", "publish again every job without a result (after the queue was purged)");
    private static readonly Option<string?> ResultsPath = Options.Text("--results-path", "DIR", "shared directory where workers write result files (default: ResultsPath of the sweep, else results travel in messages)");

    public AgentCommand Create() => new("coordinator", "distribute a sweep over RabbitMQ and assemble the dataset", Run)
    {
        SweepFile, Out, ClusterOptions.Broker, ClusterOptions.QueuePrefix, ResultsPath, Republish,
        ClusterOptions.ConnectAttempts, ClusterOptions.ConnectBackoff,
    };

    private static int Run(CommandInput a)
    {
        string sweepPath = a.Get(SweepFile);
        string outDir = a.Get(Out)!;
        string? brokerArg = a.Get(ClusterOptions.Broker);
        string prefix = a.Get(ClusterOptions.QueuePrefix);
        string? resultsPath = a.Get(ResultsPath);
        bool republish = a.Get(Republish);
        var retry = ClusterOptions.StartRetry(a);

        var sweep = SweepConfigLoader.Load(sweepPath);
        var broker = BrokerSettings.Resolve(brokerArg, sweep.Broker);
        var plan = SweepPlan.Build(sweep, EngineRegistry.Default);
        string? shared = resultsPath != null ? Path.GetFullPath(resultsPath) : sweep.ResultsPath;
        var options = new CoordinatorOptions(broker, new Topology(prefix), retry, TimeSpan.FromSeconds(30), shared, republish, Key: SweepKey.FromEnvironment());
        using var stop = new StopSignal();
        try
        {
            var summary = JobProgressView.RunAsync($"sweep {sweep.Name}", progress =>
                new Coordinator(options, plan, outDir, progress, ConsoleLog.Create()).RunAsync(stop.Token)).GetAwaiter().GetResult();
            Console.WriteLine($"coordinator: dataset complete in {outDir} ({summary.Manifest.Files.Count} files; {summary.Duplicates} duplicate results ignored; {summary.Rejected} invalid or forged results dead-lettered)");
            return ClusterExitCodes.Ok;
        }
        catch (BrokerUnavailableException e)
        {
            Console.Error.WriteLine($"agentspines coordinator: {broker.Redact(e.Message)}");
            return ClusterExitCodes.BrokerUnavailable;
        }
        catch (JobFailedException e)
        {
            Console.Error.WriteLine($"agentspines coordinator: {broker.Redact(e.Message.ReplaceLineEndings(" "))}");
            return ClusterExitCodes.JobFailed;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("agentspines coordinator: stopped; run the same command again to resume");
            return ClusterExitCodes.Interrupted;
        }
    }
}
