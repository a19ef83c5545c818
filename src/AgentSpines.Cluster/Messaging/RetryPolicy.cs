namespace AgentSpines.Cluster.Messaging;

/// <summary>Exponential backoff: delay k (from 0) is Initial * 2^k, capped at Max.</summary>
public sealed record RetryPolicy(int Attempts, TimeSpan Initial, TimeSpan Max)
{
    public static RetryPolicy Default { get; } = new(6, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(30));

    public TimeSpan Delay(int failures)
        => TimeSpan.FromTicks(Math.Min(Max.Ticks, (long)(Initial.Ticks * Math.Pow(2, Math.Min(failures, 30)))));
}
