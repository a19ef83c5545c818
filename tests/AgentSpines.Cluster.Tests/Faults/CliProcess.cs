using System.Diagnostics;

namespace AgentSpines.Cluster.Tests.Faults;

/// <summary>An `agentspines` process (worker or coordinator) with its output collected line by line.</summary>
public sealed class CliProcess : IDisposable
{
    private readonly Process _p;
    private readonly List<string> _lines = new();

    public CliProcess(string cliDll, IEnumerable<string> args, IDictionary<string, string>? env = null)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(cliDll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment.Remove("AGENTSPINES_BROKER_URI");
        if (env != null) foreach (var (k, v) in env) psi.Environment[k] = v;
        _p = new Process { StartInfo = psi };
        _p.OutputDataReceived += (_, e) => { if (e.Data != null) lock (_lines) _lines.Add(e.Data); };
        _p.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (_lines) _lines.Add("stderr: " + e.Data); };
        _p.Start();
        _p.BeginOutputReadLine();
        _p.BeginErrorReadLine();
    }

    public string[] Lines { get { lock (_lines) return _lines.ToArray(); } }
    public string Output => string.Join('\n', Lines);
    public int Pid => _p.Id;
    public bool HasExited => _p.HasExited;
    public int ExitCode => _p.ExitCode;

    public string WaitForLine(Func<string, bool> match, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            var hit = Lines.FirstOrDefault(match);
            if (hit != null) return hit;
            if (_p.HasExited) { Thread.Sleep(200); hit = Lines.FirstOrDefault(match); if (hit != null) return hit; break; }
            Thread.Sleep(20);
        }
        throw new TimeoutException($"no matching line after {clock.Elapsed.TotalSeconds:0} s; output:\n{Output}");
    }

    public int WaitForExit(TimeSpan timeout)
    {
        if (!_p.WaitForExit(timeout)) throw new TimeoutException($"process did not exit in {timeout.TotalSeconds} s; output:\n{Output}");
        _p.WaitForExit(); // flush redirected output
        return _p.ExitCode;
    }

    /// <summary>SIGKILL: no chance to clean up, exactly like a crashed machine.</summary>
    public void KillHard()
    {
        if (!_p.HasExited) _p.Kill();
        _p.WaitForExit(10_000);
    }

    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", _p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    /// <summary>Jobs this process started (from its "job K started" lines).</summary>
    public string[] JobsStarted => Lines.Where(l => l.Contains(" started")).Select(l => l.Split(' ')[3]).ToArray();
    public string[] JobsDone => Lines.Where(l => l.Contains(" done in ")).Select(l => l.Split(' ')[3]).ToArray();

    public void Dispose()
    {
        try { if (!_p.HasExited) _p.Kill(true); } catch (InvalidOperationException) { }
        _p.Dispose();
    }
}
