using AgentSpines.Cluster.Coordination;
using AgentSpines.Cluster.Execution;
using AgentSpines.Cluster.Messaging;

namespace AgentSpines.Cli.Commands;

/// <summary>
/// `agentspines worker [--broker URI] [--queue-prefix P] [--name NAME] [--max-jobs N] [--connect-attempts N]
/// [--connect-backoff-s S]`: takes sweep jobs from RabbitMQ one at a time until stopped (SIGTERM/SIGINT).
/// </summary>
public static class WorkerCommand
{
    public static int Run(string[] args)
    {
        var a = new CommandArgs(args);
        string? brokerArg = a.String("broker");
        string prefix = a.String("queue-prefix") ?? Topology.DefaultPrefix;
        string name = a.String("name") ?? $"{Environment.MachineName}-{Environment.ProcessId}";
        int? maxJobs = a.Int("max-jobs", 1, int.MaxValue);
        var retry = ClusterArgs.StartRetry(a.Int("connect-attempts", 1, 1000), a.Double("connect-backoff-s", 0, 60));
        a.RejectUnknown();
        if (a.Positionals.Count > 0) throw new UsageException($"unexpected argument '{a.Positionals[0]}'");

        var broker = BrokerSettings.Resolve(brokerArg);
        var options = new WorkerOptions(broker, new Topology(prefix), retry, TimeSpan.FromSeconds(30), name, maxJobs);
        using var stop = new StopSignal();
        try
        {
            new Worker(options, EngineRegistry.Default, Console.Out).RunAsync(stop.Token).GetAwaiter().GetResult();
            return ClusterExitCodes.Ok;
        }
        catch (BrokerUnavailableException e)
        {
            Console.Error.WriteLine($"agentspines worker: {broker.Redact(e.Message)}");
            return ClusterExitCodes.BrokerUnavailable;
        }
    }
}
