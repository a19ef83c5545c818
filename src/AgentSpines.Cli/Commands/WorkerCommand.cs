using System.CommandLine;
using AgentSpines.Cli.CommandLine;
using AgentSpines.Cluster.Coordination;
using AgentSpines.Cluster.Execution;
using AgentSpines.Cluster.Messaging;

namespace AgentSpines.Cli.Commands;

/// <summary>
/// `agentspines worker [--broker URI] [--queue-prefix P] [--name NAME] [--max-jobs N] [--connect-attempts N]
/// [--connect-backoff-s S]`: takes sweep jobs from RabbitMQ one at a time until stopped (SIGTERM/SIGINT).
/// </summary>
public sealed class WorkerCommand : ICliCommand
{
    private static readonly Option<string?> Name = Options.Text("--name", "NAME", "worker name in logs and results (default: host-pid)");
    private static readonly Option<int?> MaxJobs = Options.OptionalInt("--max-jobs", "stop after this many jobs (default: run until stopped)", 1, int.MaxValue);

    public AgentCommand Create() => new("worker", "take sweep jobs from RabbitMQ one at a time until stopped (SIGTERM/SIGINT)", Run)
    {
        ClusterOptions.Broker, ClusterOptions.QueuePrefix, Name, MaxJobs, ClusterOptions.ConnectAttempts, ClusterOptions.ConnectBackoff,
    };

    private static int Run(CommandInput a)
    {
        string? brokerArg = a.Get(ClusterOptions.Broker);
        string prefix = a.Get(ClusterOptions.QueuePrefix);
        string name = a.Get(Name) ?? $"{Environment.MachineName}-{Environment.ProcessId}";
        int? maxJobs = a.Get(MaxJobs);
        var retry = ClusterOptions.StartRetry(a);

        var broker = BrokerSettings.Resolve(brokerArg);
        var options = new WorkerOptions(broker, new Topology(prefix), retry, TimeSpan.FromSeconds(30), name, maxJobs, SweepKey.FromEnvironment());
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
