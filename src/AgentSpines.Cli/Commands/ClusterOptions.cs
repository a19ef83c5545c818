using System.CommandLine;
using AgentSpines.Cli.CommandLine;
using AgentSpines.Cluster.Coordination;
using AgentSpines.Cluster.Messaging;

namespace AgentSpines.Cli.Commands;

/// <summary>Options shared by the coordinator and the worker: the broker and how to wait for it at start.</summary>
public static class ClusterOptions
{
    public static readonly Option<string?> Broker = Options.Text("--broker", "URI",
        "amqp://user:pass@host:5672/vhost (default: $AGENTSPINES_BROKER_URI, else the sweep's Broker, else " + BrokerSettings.DefaultUri + ")");
    public static readonly Option<string> QueuePrefix = Options.Text("--queue-prefix", "P", "prefix of the queue and exchange names", Topology.DefaultPrefix);
    public static readonly Option<int?> ConnectAttempts = Options.OptionalInt("--connect-attempts",
        $"connection attempts at start before giving up (default: {RetryPolicy.Default.Attempts})", 1, 1000);
    public static readonly Option<double?> ConnectBackoff = Options.OptionalDouble("--connect-backoff-s",
        $"first wait between connection attempts in seconds, doubling to {RetryPolicy.Default.Max.TotalSeconds:0} s (default: {RetryPolicy.Default.Initial.TotalSeconds} s)", 0, 60);

    public static RetryPolicy StartRetry(CommandInput a) => ClusterArgs.StartRetry(a.Get(ConnectAttempts), a.Get(ConnectBackoff));
}
