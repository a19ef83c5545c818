namespace AgentSpines.Cli.Tests;

/// <summary>Runs the CLI in-process with captured stdout and stderr. Tests using it share one collection (the console is global).</summary>
internal static class CliHarness
{
    public static (int Code, string Out, string Err) Run(params string[] args)
    {
        var oldOut = Console.Out;
        var oldErr = Console.Error;
        var o = new StringWriter();
        var e = new StringWriter();
        Console.SetOut(o);
        Console.SetError(e);
        try { return (CommandDispatcher.Run(args), o.ToString(), e.ToString()); }
        finally { Console.SetOut(oldOut); Console.SetError(oldErr); }
    }

    public static string RepoRoot()
    {
        var stamped = typeof(CliHarness).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>().First(a => a.Key == "RepoRoot").Value!;
        return stamped;
    }

    public static string Config(string name) => Path.Combine(RepoRoot(), "configs", name);

    /// <summary>A fresh output path (not created) below the test process's temporary root, removed when the process ends.</summary>
    public static string NewDir() => TestTemp.NewPath("cli");
}

[CollectionDefinition("console", DisableParallelization = true)]
public sealed class ConsoleCollection;
