namespace AgentSpines.Cluster.Coordination;

/// <summary>Exit codes of sweep, coordinator, worker and merge (documented in docs/cluster.md).</summary>
public static class ClusterExitCodes
{
    public const int Ok = 0;
    /// <summary>Bad input: sweep file, arguments, output directory (one line naming the key or file).</summary>
    public const int InputError = 2;
    /// <summary>The broker is not reachable after the bounded retries, or refused the login.</summary>
    public const int BrokerUnavailable = 3;
    /// <summary>A job failed on a worker (its error is printed); fix and restart the coordinator to resume.</summary>
    public const int JobFailed = 4;
    /// <summary>Stopped by SIGINT/SIGTERM before the sweep was complete (it resumes when restarted).</summary>
    public const int Interrupted = 130;
}
