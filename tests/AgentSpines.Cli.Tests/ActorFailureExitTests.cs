using System.Diagnostics;
using AgentSpines.Actors.Population;

namespace AgentSpines.Cli.Tests;

/// <summary>
/// Issue 13: an exception in any actor of a population run fails `agentspines run` with exit code 1, one line on
/// stderr naming the actor and the step, and no partial output. The CLI runs as a child process with a fault planted
/// through $AGENTSPINES_INJECT_FAULT (a hook only tests use), so the real exit path is what is checked.
/// </summary>
public class ActorFailureExitTests
{
    private static string CliDll => Path.Combine(AppContext.BaseDirectory, "agentspines.dll");

    [Theory]
    [InlineData("segments-00001", 5)]
    [InlineData("recorder", 3)]
    public void AFailingActorEndsTheRunWithExitCode1OneLineAndNoOutput(string actor, long step)
    {
        string outDir = CliHarness.NewDir();
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { CliDll, "run", CliHarness.Config("baseline.json"), "--out", outDir, "--quiet", "--threads", "2",
                     "--Run:DurationDays=1", "--Run:Replicates=1", "--Dendrites:Count=3", "--Regime:ReferenceDay=0", "--Imaging:SessionDays=[0,1]" })
            psi.ArgumentList.Add(a);
        psi.Environment[InjectedFault.EnvironmentVariable] = $"{actor}@{step}";
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        string stderr = p.StandardError.ReadToEnd();
        try
        {
            Assert.True(p.WaitForExit(120_000), "the run did not end within 120 s");
            p.WaitForExit();
            Assert.True(p.ExitCode == 1, $"exit code {p.ExitCode}; stderr:\n{stderr}\nstdout:\n{stdout.Result}");
            string[] lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            Assert.Equal([$"agentspines run: the run cannot go on: actor '{actor}' failed at step {step} (t = {step} h): "
                          + $"InvalidOperationException: fault injected by {InjectedFault.EnvironmentVariable}"], lines);
            Assert.False(Directory.Exists(outDir), "partial output left behind");
        }
        finally
        {
            if (!p.HasExited) p.Kill(true);
            if (Directory.Exists(outDir)) Directory.Delete(outDir, true);
        }
    }

    [Fact]
    public void WithoutThePlantedFaultTheSameRunSucceeds()
    {
        // the control: the run above fails because of the fault, not because of its arguments
        string outDir = CliHarness.NewDir();
        try
        {
            var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in new[] { CliDll, "run", CliHarness.Config("baseline.json"), "--out", outDir, "--quiet", "--threads", "2",
                         "--Run:DurationDays=1", "--Run:Replicates=1", "--Dendrites:Count=3", "--Regime:ReferenceDay=0", "--Imaging:SessionDays=[0,1]" })
                psi.ArgumentList.Add(a);
            psi.Environment.Remove(InjectedFault.EnvironmentVariable);
            using var p = Process.Start(psi)!;
            var stdout = p.StandardOutput.ReadToEndAsync();
            string stderr = p.StandardError.ReadToEnd();
            Assert.True(p.WaitForExit(120_000), "the run did not end within 120 s");
            p.WaitForExit();
            Assert.True(p.ExitCode == 0, $"exit code {p.ExitCode}; stderr:\n{stderr}");
            Assert.True(File.Exists(Path.Combine(outDir, "_SUCCESS")), "no complete dataset");
        }
        finally
        {
            if (Directory.Exists(outDir)) Directory.Delete(outDir, true);
        }
    }
}
