using System.Diagnostics;

namespace AgentSpines.Cluster.Tests.Faults;

/// <summary>
/// An `agentspines` process (worker or coordinator) with its output collected line by line. Waiting for a line
/// wakes on each new line (no polling); the timeouts only guard against hangs.
/// </summary>
public sealed class CliProcess : IDisposable
{
    private readonly Process _p;
    private readonly List<string> _lines = new();
    private int _openStreams = 2;

    public CliProcess(string cliDll, IEnumerable<string> args, IDictionary<string, string>? env = null)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(cliDll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment.Remove("AGENTSPINES_BROKER_URI");
        if (env != null) foreach (var (k, v) in env) psi.Environment[k] = v;
        _p = new Process { StartInfo = psi };
        _p.OutputDataReceived += (_, e) => Received(e.Data, "");
        _p.ErrorDataReceived += (_, e) => Received(e.Data, "stderr: ");
        _p.Start();
        _p.BeginOutputReadLine();
        _p.BeginErrorReadLine();
    }

    private void Received(string? line, string prefix)
    {
        lock (_lines)
        {
            if (line != null) _lines.Add(prefix + line);
            else _openStreams--; // end of that stream: the process has exited (or closed it)
            Monitor.PulseAll(_lines);
        }
    }

    public string[] Lines { get { lock (_lines) return _lines.ToArray(); } }
    public string Output => string.Join('\n', Lines);
    public int Pid => _p.Id;
    public bool HasExited => _p.HasExited;
    public int ExitCode => _p.ExitCode;

    /// <summary>The first line that matches, as soon as it is printed.</summary>
    public string WaitForLine(Func<string, bool> match, TimeSpan hangGuard) => WaitForLines(match, 1, hangGuard)[0];

    /// <summary>The first <paramref name="count"/> lines that match, as soon as the last of them is printed.</summary>
    public string[] WaitForLines(Func<string, bool> match, int count, TimeSpan hangGuard)
    {
        var clock = Stopwatch.StartNew();
        lock (_lines)
        {
            while (true)
            {
                var hits = _lines.Where(match).Take(count).ToArray();
                if (hits.Length == count) return hits;
                if (_openStreams == 0) throw new InvalidOperationException($"the process ended with {hits.Length} of {count} matching lines; output:\n{string.Join('\n', _lines)}");
                var left = hangGuard - clock.Elapsed;
                if (left <= TimeSpan.Zero)
                    throw new TimeoutException($"{hits.Length} of {count} matching lines after {clock.Elapsed.TotalSeconds:0} s (hang guard); output:\n{string.Join('\n', _lines)}");
                Monitor.Wait(_lines, left); // woken by the next line or the end of output
            }
        }
    }

    public int WaitForExit(TimeSpan hangGuard)
    {
        if (!_p.WaitForExit(hangGuard)) throw new TimeoutException($"process did not exit in {hangGuard.TotalSeconds} s (hang guard); output:\n{Output}");
        _p.WaitForExit(); // flush redirected output
        return _p.ExitCode;
    }

    /// <summary>SIGKILL: no chance to clean up, exactly like a crashed machine.</summary>
    public void KillHard()
    {
        if (!_p.HasExited) _p.Kill();
        _p.WaitForExit(10_000);
    }

    public void Terminate() => Signal("TERM");

    /// <summary>SIGSTOP: the process is frozen where it is (a job it holds stays unacknowledged) until <see cref="Resume"/>.</summary>
    public void Pause() => Signal("STOP");

    public void Resume() => Signal("CONT");

    private void Signal(string name)
    {
        using var kill = Process.Start("kill", [$"-{name}", _p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        if (kill.ExitCode != 0) throw new InvalidOperationException($"kill -{name} {_p.Id} failed");
    }

    /// <summary>Jobs this process started (from its "job K started" lines).</summary>
    public string[] JobsStarted => Lines.Where(l => l.Contains(" started")).Select(l => l.Split(' ')[3]).ToArray();
    public string[] JobsDone => Lines.Where(l => l.Contains(" done in ")).Select(l => l.Split(' ')[3]).ToArray();

    /// <summary>Jobs started and not (yet) done.</summary>
    public string[] JobsInFlight => JobsStarted.Except(JobsDone).ToArray();

    public void Dispose()
    {
        try { if (!_p.HasExited) { Signal("CONT"); _p.Kill(true); } } catch (InvalidOperationException) { }
        _p.Dispose();
    }
}
