using System.Diagnostics;

namespace AgentSpines.Cli.Tests.Commands;

/// <summary>
/// Runs the built CLI (agentspines.dll next to the tests) as a child process: for commands that write to the
/// process's standard output directly, which the in-process harness cannot capture.
/// </summary>
internal static class ChildCli
{
    public static (int Code, string Out, string Err) Run(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "agentspines.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEndAsync();
        var errors = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromMinutes(10))) // hang guard only
        {
            p.Kill(true);
            throw new TimeoutException($"agentspines {string.Join(' ', args)} did not exit");
        }
        return (p.ExitCode, output.Result, errors.Result);
    }

    public static string Succeeds(params string[] args)
    {
        var (code, output, err) = Run(args);
        Assert.True(code == 0, $"agentspines {string.Join(' ', args)}: exit {code}\n{err}");
        return output;
    }
}
