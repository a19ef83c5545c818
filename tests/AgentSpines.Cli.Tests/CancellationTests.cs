using System.Diagnostics;

namespace AgentSpines.Cli.Tests;

/// <summary>
/// Issue 7 item 6: Ctrl-C (SIGINT) and SIGTERM stop a run cleanly, with exit code 130, and leave no dataset that
/// looks complete (the output directory the run created is removed). Runs the CLI as a child process.
/// </summary>
public class CancellationTests
{
    private static string CliDll => Path.Combine(AppContext.BaseDirectory, "agentspines.dll");

    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public void SignalStopsTheRunAndRemovesThePartialOutput(string signal)
    {
        if (OperatingSystem.IsWindows()) return; // POSIX signals
        string outDir = CliHarness.NewDir();
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { CliDll, "run", CliHarness.Config("baseline.json"), "--out", outDir, "--Run:DurationDays=200", "--Run:Replicates=50" })
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var lines = new List<string>();
        p.OutputDataReceived += (_, e) => { if (e.Data != null) lock (lines) lines.Add(e.Data); };
        p.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (lines) lines.Add(e.Data); };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        try
        {
            // wait until it is simulating and has files open in the output directory
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < TimeSpan.FromSeconds(120) && !p.HasExited)
            {
                lock (lines) if (lines.Any(l => l.Contains("replicate", StringComparison.Ordinal) && l.Contains("t=", StringComparison.Ordinal))) break;
                Thread.Sleep(50);
            }
            Assert.False(p.HasExited, "the run ended before the signal: " + string.Join('\n', lines));
            Assert.True(Directory.Exists(outDir), "the run has not created its output directory yet");
            using (var kill = Process.Start("kill", [$"-{signal}", p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) kill.WaitForExit();
            Assert.True(p.WaitForExit(60_000), "the run did not stop within 60 s of the signal");
            p.WaitForExit();
            string output = string.Join('\n', lines);
            Assert.True(p.ExitCode == 130, $"exit code {p.ExitCode}; output:\n{output}");
            Assert.Contains("cancelled; partial output removed", output);
            Assert.False(Directory.Exists(outDir), "partial output left behind");
        }
        finally
        {
            if (!p.HasExited) p.Kill(true);
            if (Directory.Exists(outDir)) Directory.Delete(outDir, true);
        }
    }
}
