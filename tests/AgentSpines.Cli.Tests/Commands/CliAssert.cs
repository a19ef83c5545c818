namespace AgentSpines.Cli.Tests.Commands;

/// <summary>Assertions on what a command line gives back: exit code and output, whatever parses the arguments.</summary>
internal static class CliAssert
{
    /// <summary>Runs the command; asserts exit code 0 and returns stdout.</summary>
    public static string Succeeds(params string[] args)
    {
        var (code, output, err) = CliHarness.Run(args);
        Assert.True(code == 0, $"agentspines {string.Join(' ', args)}: exit {code}\n{err}");
        return output;
    }

    /// <summary>Runs the command; asserts an input error: exit code 2 and one line on stderr naming <paramref name="named"/>.</summary>
    public static string IsInputError(string named, params string[] args)
    {
        var (code, _, err) = CliHarness.Run(args);
        Assert.True(code == 2, $"agentspines {string.Join(' ', args)}: exit {code}, want 2\n{err}");
        string line = Assert.Single(err.Trim().Split('\n'));
        Assert.Contains(named, line);
        return line;
    }
}
