using AgentSpines.Cluster.Messaging;

namespace AgentSpines.Cluster.Coordination;

/// <summary>
/// What a worker or coordinator says and does when a connection attempt or session fails: before the first
/// established session, a refused login ends at once and other failures count against --connect-attempts (then
/// exit code 3, one line); afterwards every failure is retried on the backoff schedule. One log line per attempt,
/// so the log rate is bounded by the schedule (at most 2 lines a second, then one per 30 s).
/// </summary>
public sealed class ConnectionHealth(BrokerSettings broker, RetryPolicy startRetry, Action<string> log)
{
    private TimeSpan _waited;

    /// <summary>Whether a session ever got through its setup (channel, declarations, consumer).</summary>
    public bool Established { get; set; }

    public string ReasonOrThrow(Exception e)
    {
        if (!Established && Backoff.IsAuthFailure(e))
            throw new BrokerUnavailableException($"broker {broker.Masked} refused the login (check user, password and vhost)");
        return broker.Redact(Backoff.Reason(e));
    }

    /// <summary>Logs the failure and the wait to come, or throws when the attempts at start are used up.</summary>
    public void BeforeRetry(string reason, Backoff backoff)
    {
        int attempt = backoff.Failures + 1;
        var wait = backoff.NextDelay;
        if (!Established)
        {
            if (attempt >= startRetry.Attempts)
                throw new BrokerUnavailableException(
                    $"broker {broker.Masked} is not reachable after {attempt} attempts over {_waited.TotalSeconds:0.0} s ({reason}); is RabbitMQ running, and are --broker or {BrokerSettings.EnvironmentVariable} (user, password, vhost) right?");
            log($"broker {broker.Masked} not reachable (attempt {attempt}/{startRetry.Attempts}: {reason}); retrying in {wait.TotalSeconds:0.0} s");
        }
        else log($"connection lost ({reason}); reconnecting in {wait.TotalSeconds:0.0} s (attempt {attempt})");
        _waited += wait;
    }
}
