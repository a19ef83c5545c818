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
public static class CoordinatorCommand
{
    public static int Run(string[] args)
    {
        var a = new CommandArgs(args, new HashSet<string> { "republish" });
        string sweepPath = a.Positional(0, "SWEEP (a sweep file)");
        string outDir = a.String("out") ?? throw new UsageException("coordinator needs --out DIR");
        string? brokerArg = a.String("broker");
        string prefix = a.String("queue-prefix") ?? Topology.DefaultPrefix;
        string? resultsPath = a.String("results-path");
        bool republish = a.Flag("republish");
        var retry = ClusterArgs.StartRetry(a.Int("connect-attempts", 1, 1000), a.Double("connect-backoff-s", 0, 60));
        a.RejectUnknown();
        if (a.Positionals.Count > 1) throw new UsageException($"unexpected argument '{a.Positionals[1]}'");

        var sweep = SweepConfigLoader.Load(sweepPath);
        var broker = BrokerSettings.Resolve(brokerArg, sweep.Broker);
        var plan = SweepPlan.Build(sweep, EngineRegistry.Default);
        string? shared = resultsPath != null ? Path.GetFullPath(resultsPath) : sweep.ResultsPath;
        var options = new CoordinatorOptions(broker, new Topology(prefix), retry, TimeSpan.FromSeconds(30), shared, republish);
        using var stop = new StopSignal();
        try
        {
            var summary = JobProgressView.RunAsync($"sweep {sweep.Name}", progress =>
                new Coordinator(options, plan, outDir, progress, ConsoleLog.Create()).RunAsync(stop.Token)).GetAwaiter().GetResult();
            Console.WriteLine($"coordinator: dataset complete in {outDir} ({summary.Manifest.Files.Count} files; {summary.Duplicates} duplicate results ignored)");
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
