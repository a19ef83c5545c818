using AgentSpines.Cluster.Messaging;

namespace AgentSpines.Cluster.Coordination;

/// <summary>Builds the connection retry policy from --connect-attempts and --connect-backoff-s.</summary>
public static class ClusterArgs
{
    public static RetryPolicy StartRetry(int? attempts, double? initialSeconds)
        => new(attempts ?? RetryPolicy.Default.Attempts, initialSeconds is { } s ? TimeSpan.FromSeconds(s) : RetryPolicy.Default.Initial, RetryPolicy.Default.Max);
}
