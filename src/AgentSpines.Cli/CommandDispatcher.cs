using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using AgentSpines.Cli.CommandLine;

namespace AgentSpines.Cli;

/// <summary>
/// Parses the command line with System.CommandLine and runs the chosen command. Input errors (a bad option, a
/// bad config, an unusable output path) print one line on stderr and give exit code 2; `--help`/`-h` on every
/// command, `--version` on the root.
/// </summary>
public static class CommandDispatcher
{
    public const int InputError = 2;

    public static int Run(string[] args)
    {
        var root = CommandCatalog.BuildRoot();
        foreach (var option in root.Options)
            if (option is VersionOption v) v.Action = new PrintVersion();
        if (args.Length == 0)
        {
            root.Parse(["--help"]).Invoke(Invocation());
            return InputError;
        }
        if (args[0] == "help") args = [.. args[1..], "--help"]; // `agentspines help run` is `agentspines run --help`

        string[] rest;
        List<string> overrides;
        try { (rest, overrides) = ConfigOverrideArgs.Split(args); }
        catch (UsageException e) { return Fail("agentspines", e.Message); }

        var parse = root.Parse(rest, new ParserConfiguration { ResponseFileTokenReplacer = null });
        var command = parse.CommandResult.Command;
        string path = CommandPath(parse);
        if (parse.Action is { } action and not ParseErrorAction)
            return parse.Invoke(Invocation()); // --help, --version, completion directives
        if (parse.Errors.Count > 0)
            return Fail(path, ParseErrors.OneLine(parse, path));
        if (parse.CommandResult.Children.OfType<System.CommandLine.Parsing.ArgumentResult>().Any(a => a.Tokens.Any(t => string.IsNullOrWhiteSpace(t.Value))))
            return Fail(path, $"an argument is empty (''); see {path} --help");
        if (command is not AgentCommand { Handler: { } handler } agent)
            return Fail(path, $"needs a command: {string.Join(", ", command.Subcommands.Select(c => c.Name))} (see {path} --help)");
        if (overrides.Count > 0 && !agent.TakesConfigOverrides)
            return Fail(path, $"{overrides[0]}: this command takes no configuration overrides");

        try
        {
            return handler(new CommandInput(parse, overrides));
        }
        catch (Exception e) when (UserErrors.IsUserError(e))
        {
            return Fail(path, UserErrors.OneLine(e));
        }
        catch (AgentSpines.Actors.Population.PopulationRunFailedException e)
        {
            // An actor threw: the model broke, not the input. The run command removed the partial output.
            Console.Error.WriteLine($"{path}: the run cannot go on: {UserErrors.OneLine(e)}");
            return 1;
        }
    }

    private static int Fail(string path, string message)
    {
        Console.Error.WriteLine($"{path}: {message}");
        return InputError;
    }

    private static string CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (var r = parse.CommandResult; r != null; r = r.Parent as System.CommandLine.Parsing.CommandResult)
            names.Insert(0, r.Parent == null ? "agentspines" : r.Command.Name);
        return string.Join(' ', names);
    }

    // Our handlers install their own Ctrl-C/SIGTERM handling; System.CommandLine must not add a second one.
    private static InvocationConfiguration Invocation() => new()
    {
        EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null,
        Output = Console.Out, Error = Console.Error,
    };

    private sealed class PrintVersion : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            Console.WriteLine(AgentSpines.Core.SoftwareVersion.Value);
            return 0;
        }
    }
}
