using AgentSpines.Cluster.Coordination;
using AgentSpines.Cluster.Execution;
using AgentSpines.Cluster.Messaging;

namespace AgentSpines.Cluster.Tests.Faults;

/// <summary>
/// Connection failures on a real broker follow the documented schedule (0.5 s doubling to 30 s), counted over a
/// simulated window: the worker's waits go through an injected delay that advances a simulated clock, so the
/// test counts attempts without racing the wall clock.
/// </summary>
[Collection("broker")]
public sealed class BackoffTests(ClusterFixture fx)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    /// <summary>Runs a worker until the simulated clock passes the window; returns the waits and the log lines.</summary>
    private static (List<TimeSpan> Waits, string[] Log) RunFor(string uri, int startAttempts, Action? onConnected = null)
    {
        var waits = new List<TimeSpan>();
        var simulated = TimeSpan.Zero;
        using var stop = new CancellationTokenSource();
        using var connected = new ManualResetEventSlim();
        var log = new SignallingWriter(line => { if (line.Contains("waiting for jobs")) connected.Set(); });
        Task FakeDelay(TimeSpan d, CancellationToken ct)
        {
            waits.Add(d);
            simulated += d;
            if (simulated >= Window) stop.Cancel();
            return Task.CompletedTask;
        }
        var options = new WorkerOptions(BrokerSettings.Resolve(uri, env: _ => null), new Topology("b" + Guid.NewGuid().ToString("N")[..8]),
            new RetryPolicy(startAttempts, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(30)), TimeSpan.FromSeconds(30), "wb", Delay: FakeDelay);
        var run = Task.Run(() => new Worker(options, EngineRegistry.Default, log).RunAsync(stop.Token));
        if (onConnected != null)
        {
            // on the test's thread, once the worker serves: rabbitmqctl takes seconds, the worker must not wait for it
            Assert.True(connected.Wait(TimeSpan.FromMinutes(3)), "the worker never connected: " + log);
            onConnected();
        }
        Assert.True(run.Wait(TimeSpan.FromMinutes(3)), "the worker did not stop: " + log);
        Assert.Null(run.Exception); // no unhandled exception on shutdown
        return (waits, log.Lines);
    }

    private static void AssertSchedule(IReadOnlyList<TimeSpan> waits)
    {
        double[] expected = [0.5, 1, 2, 4, 8, 16, 30];
        for (int i = 0; i < waits.Count; i++)
            Assert.Equal(expected[Math.Min(i, expected.Length - 1)], waits[i].TotalSeconds, 9);
        // 0.5 + 1 + ... + 16 = 31.5 s, then one attempt per 30 s: 16 attempts in 5 simulated minutes (not 48,000)
        Assert.InRange(waits.Count, 15, 17);
    }

    [Fact]
    public void A_refused_vhost_is_retried_on_the_schedule_with_one_log_line_per_attempt()
    {
        string uri = $"amqp://guest:guest@127.0.0.1:{fx.Broker.Port}/nosuchvhost";
        var (waits, log) = RunFor(uri, startAttempts: 1000);
        AssertSchedule(waits);
        var attempts = log.Where(l => l.Contains("not reachable (attempt")).ToArray();
        Assert.Equal(waits.Count, attempts.Length);
        Assert.Contains("vhost nosuchvhost not found", attempts[0]);
        Assert.True(log.Length <= waits.Count + 2, $"{log.Length} log lines for {waits.Count} attempts");
    }

    [Fact]
    public void A_refused_vhost_at_start_ends_after_the_start_attempts_with_one_clear_error()
    {
        string uri = $"amqp://guest:guest@127.0.0.1:{fx.Broker.Port}/nosuchvhost";
        var waits = new List<TimeSpan>();
        var options = new WorkerOptions(BrokerSettings.Resolve(uri, env: _ => null), new Topology("b" + Guid.NewGuid().ToString("N")[..8]),
            new RetryPolicy(4, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(30)), TimeSpan.FromSeconds(30), "wb",
            Delay: (d, _) => { waits.Add(d); return Task.CompletedTask; });
        var e = Assert.Throws<BrokerUnavailableException>(() => new Worker(options, EngineRegistry.Default, TextWriter.Null).RunAsync(default).GetAwaiter().GetResult());
        Assert.Contains("after 4 attempts", e.Message);
        Assert.Contains("vhost nosuchvhost not found", e.Message);
        Assert.Equal([0.5, 1, 2], waits.Select(w => w.TotalSeconds));
    }

    [Fact]
    public void Revoked_permissions_are_retried_on_the_schedule()
    {
        string user = "revoked-" + Guid.NewGuid().ToString("N")[..8];
        string pw = Guid.NewGuid().ToString("N");
        var ctl = TimeSpan.FromSeconds(180); // rabbitmqctl starts an Erlang VM: slow on a loaded machine
        fx.Broker.Ctl(ctl, "add_user", user, pw);
        fx.Broker.Ctl(ctl, "set_permissions", "-p", "/", user, ".*", ".*", ".*");
        // Once the worker is serving, its permissions are revoked and its connection closed: every reconnection
        // is then refused (no access to the vhost) after the TCP connection was accepted.
        var (waits, log) = RunFor($"amqp://{user}:{pw}@127.0.0.1:{fx.Broker.Port}/", startAttempts: 6, onConnected: () =>
        {
            fx.Broker.Ctl(ctl, "clear_permissions", "-p", "/", user);
            fx.Broker.Ctl(ctl, "close_all_connections", "test: permissions revoked");
        });
        AssertSchedule(waits);
        Assert.Contains(log, l => l.Contains("connected to"));
        Assert.Equal(waits.Count, log.Count(l => l.Contains("reconnecting in")));
        fx.Broker.Ctl(ctl, "delete_user", user);
    }

    [Fact]
    public void The_schedule_doubles_from_half_a_second_to_thirty_and_restarts_after_a_session()
    {
        var b = new Backoff(TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(30), (_, _) => Task.CompletedTask);
        var seen = new List<double>();
        for (int i = 0; i < 9; i++) { seen.Add(b.NextDelay.TotalSeconds); b.FailedAsync(default).GetAwaiter().GetResult(); }
        Assert.Equal([0.5, 1, 2, 4, 8, 16, 30, 30, 30], seen);
        b.Reset();
        Assert.Equal(0.5, b.NextDelay.TotalSeconds);
    }

    /// <summary>A log that keeps its lines and calls back on each (the test's synchronisation point).</summary>
    private sealed class SignallingWriter(Action<string> onLine) : TextWriter
    {
        private readonly List<string> _lines = new();
        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;
        public string[] Lines { get { lock (_lines) return _lines.ToArray(); } }
        public override void WriteLine(string? value)
        {
            lock (_lines) _lines.Add(value ?? "");
            onLine(value ?? "");
        }
        public override string ToString() => string.Join('\n', Lines);
    }
}
