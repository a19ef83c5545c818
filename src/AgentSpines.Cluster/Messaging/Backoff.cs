using RabbitMQ.Client.Exceptions;

namespace AgentSpines.Cluster.Messaging;

/// <summary>
/// The reconnection schedule of workers and coordinators: after the k-th consecutive failure (from 0) wait
/// Initial * 2^k, capped at Max (0.5 s doubling to 30 s by default). It is reset only once a session got through
/// its setup (channel, declarations, consumer), so a broker that accepts the TCP connection and then refuses the
/// vhost or the permissions is retried on the same schedule, not in a tight loop. The wait is injectable so tests
/// can count attempts over a simulated window.
/// </summary>
public sealed class Backoff(TimeSpan initial, TimeSpan max, Func<TimeSpan, CancellationToken, Task>? delay = null)
{
    private readonly Func<TimeSpan, CancellationToken, Task> _delay = delay ?? Task.Delay;

    /// <summary>Consecutive failures since the last established session.</summary>
    public int Failures { get; private set; }

    public TimeSpan NextDelay => new RetryPolicy(int.MaxValue, initial, max).Delay(Failures);

    /// <summary>Counts a failure and waits for the next attempt (throws <see cref="OperationCanceledException"/> when stopped).</summary>
    public async Task FailedAsync(CancellationToken ct)
    {
        var wait = NextDelay;
        Failures++;
        await _delay(wait, ct);
        ct.ThrowIfCancellationRequested();
    }

    public void Reset() => Failures = 0;

    /// <summary>Whether an exception means "the broker or the connection failed" (retry), not a bug or bad input.</summary>
    public static bool IsBrokerFailure(Exception e)
    {
        for (var x = e; x != null; x = x.InnerException)
            if (x is RabbitMQClientException or IOException or System.Net.Sockets.SocketException or TimeoutException or ObjectDisposedException
                or BrokerUnavailableException)
                return true;
        return false;
    }

    /// <summary>The innermost message, on one line (the broker's reason, e.g. "NOT_ALLOWED - vhost x not found").</summary>
    public static string Reason(Exception e)
    {
        while (e.InnerException != null) e = e.InnerException;
        return e.Message.ReplaceLineEndings(" ");
    }

    public static bool IsAuthFailure(Exception e)
    {
        for (var x = e; x != null; x = x.InnerException)
            if (x is AuthenticationFailureException or PossibleAuthenticationFailureException) return true;
        return false;
    }
}
