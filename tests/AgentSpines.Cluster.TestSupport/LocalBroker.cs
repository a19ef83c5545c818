using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace AgentSpines.Cluster.TestSupport;

/// <summary>
/// A private RabbitMQ node on 127.0.0.1 for tests and `bench cluster`: its own node name, free AMQP and
/// distribution ports, data and logs under a temp directory, Erlang cookie in that directory (HOME). Started from
/// Debian's rabbitmq-server scripts (as the calling user), awaited with `rabbitmqctl await_startup`, stopped and
/// removed on dispose (by `rabbitmqctl stop`, then by killing its process if needed).
/// </summary>
public sealed class LocalBroker : IDisposable
{
    private const string LibDir = "/usr/lib/rabbitmq/bin";
    private readonly Process _server;
    private readonly Dictionary<string, string> _env;

    public string NodeName { get; }
    public int Port { get; }
    public string Directory { get; }
    public string Uri => $"amqp://guest:guest@127.0.0.1:{Port}/";

    private LocalBroker(string dir, int port, int distPort)
    {
        Directory = dir;
        Port = port;
        NodeName = $"agentspines{port}@localhost";
        File.WriteAllText(Path.Combine(dir, "enabled_plugins"), "[].\n");
        _env = new Dictionary<string, string>
        {
            ["HOME"] = dir,
            ["RABBITMQ_NODENAME"] = NodeName,
            ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_NODE_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RABBITMQ_DIST_PORT"] = distPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RABBITMQ_MNESIA_BASE"] = Path.Combine(dir, "mnesia"),
            ["RABBITMQ_LOG_BASE"] = Path.Combine(dir, "log"),
            ["RABBITMQ_PID_FILE"] = Path.Combine(dir, "rabbit.pid"),
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(dir, "enabled_plugins"),
            ["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = "-kernel inet_dist_use_interface {127,0,0,1}",
            ["ERL_EPMD_ADDRESS"] = "127.0.0.1",
        };
        _server = Start(Tool("rabbitmq-server"), []);
    }

    /// <summary>Whether the RabbitMQ server scripts are installed (Debian package rabbitmq-server).</summary>
    public static bool IsInstalled => File.Exists(Path.Combine(LibDir, "rabbitmq-server")) || OnPath("rabbitmq-server") != null;

    public static LocalBroker Start(TimeSpan timeout)
    {
        if (!IsInstalled)
            throw new InvalidOperationException("rabbitmq-server is not installed: the cluster tests and `bench cluster` need a real broker (apt-get install rabbitmq-server)");
        string dir = Path.Combine(Path.GetTempPath(), $"agentspines-rabbit-{Guid.NewGuid():N}"[..32]);
        System.IO.Directory.CreateDirectory(dir);
        var broker = new LocalBroker(dir, FreePort(), FreePort());
        try
        {
            // await_startup fails at once while the node is not yet registered with epmd: retry until the deadline.
            var clock = Stopwatch.StartNew();
            while (true)
            {
                try
                {
                    broker.Ctl(timeout, "await_startup", "--timeout", ((int)timeout.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture));
                    return broker;
                }
                catch (InvalidOperationException) when (clock.Elapsed < timeout && !broker._server.HasExited)
                {
                    Thread.Sleep(500);
                }
            }
        }
        catch
        {
            broker.Dispose();
            throw;
        }
    }

    /// <summary>Runs `rabbitmqctl -n NODE args...`; throws with its output when it fails.</summary>
    public string Ctl(TimeSpan timeout, params string[] args)
    {
        using var p = Start(Tool("rabbitmqctl"), ["-n", NodeName, .. args]);
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeout))
        {
            p.Kill(true);
            throw new TimeoutException($"rabbitmqctl {string.Join(' ', args)} did not finish in {timeout.TotalSeconds} s");
        }
        if (p.ExitCode != 0)
            throw new InvalidOperationException($"rabbitmqctl {string.Join(' ', args)} failed ({p.ExitCode}): {stdout.Result} {stderr.Result} (log: {Path.Combine(Directory, "log")})");
        return stdout.Result;
    }

    // rabbitmqctl starts an Erlang VM, which takes tens of seconds on a loaded machine: the timeout only guards against a hang.
    public void CloseAllConnections() => Ctl(TimeSpan.FromMinutes(5), "close_all_connections", "test: connection closed on purpose");

    private Process Start(string file, string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = Directory };
        foreach (var a in args) psi.ArgumentList.Add(a);
        foreach (var (k, v) in _env) psi.Environment[k] = v;
        var p = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {file}");
        if (file.EndsWith("rabbitmq-server", StringComparison.Ordinal))
        {
            // Drain the server's console output so it never blocks on a full pipe.
            p.OutputDataReceived += (_, _) => { };
            p.ErrorDataReceived += (_, _) => { };
            p.BeginOutputReadLine();
            p.BeginErrorReadLine();
        }
        return p;
    }

    private static string Tool(string name) => File.Exists(Path.Combine(LibDir, name)) ? Path.Combine(LibDir, name) : OnPath(name) ?? name;

    private static string? OnPath(string name)
        => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);

    private static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        int port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    public void Dispose()
    {
        try { if (!_server.HasExited) Ctl(TimeSpan.FromSeconds(30), "stop"); } catch (Exception) { /* fall through to kill */ }
        try
        {
            if (!_server.WaitForExit(TimeSpan.FromSeconds(10))) _server.Kill(entireProcessTree: true);
            string pidFile = Path.Combine(Directory, "rabbit.pid");
            if (File.Exists(pidFile) && int.TryParse(File.ReadAllText(pidFile).Trim(), out int pid))
                try { using var beam = Process.GetProcessById(pid); beam.Kill(true); } catch (ArgumentException) { } catch (InvalidOperationException) { }
        }
        catch (InvalidOperationException) { }
        _server.Dispose();
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
