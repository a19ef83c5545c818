using System.CommandLine;

namespace AgentSpines.Cli.CommandLine;

/// <summary>
/// A System.CommandLine command with the handler that runs it. Handlers return the exit code and throw user
/// errors (<see cref="UsageException"/>, validation exceptions), which become one line and exit code 2.
/// </summary>
public sealed class AgentCommand : Command
{
    /// <param name="takesConfigOverrides">true if the command reads a config and accepts `--Section:Key=value`.</param>
    public AgentCommand(string name, string description, Func<CommandInput, int>? handler, bool takesConfigOverrides = false)
        : base(name, description)
    {
        Handler = handler;
        TakesConfigOverrides = takesConfigOverrides;
        // Shown in the help only: overrides are taken off the command line before parsing (ConfigOverrideArgs).
        if (takesConfigOverrides) Add(new Option<string>(OverrideHelpName) { Description = ConfigOverrideHelp, HelpName = "value" });
    }

    /// <summary>The help entry for configuration overrides; its name has a colon, so it never matches a real argument.</summary>
    public const string OverrideHelpName = "--Section:Key";

    public Func<CommandInput, int>? Handler { get; }
    public bool TakesConfigOverrides { get; }

    private const string ConfigOverrideHelp =
        "override any configuration key, e.g. --Run:Seed=7 or --Imaging:SessionDays:0=1 (also as environment variable" +
        " AGENTSPINES__Section__Key; arguments win over the environment, which wins over the file); repeatable";
}

/// <summary>What a handler gets: the parsed command line and the configuration overrides, in the order given.</summary>
public sealed record CommandInput(ParseResult Parse, IReadOnlyList<string> ConfigOverrides)
{
    public T Get<T>(Option<T> option) => Parse.GetValue(option)!;
    public T Get<T>(Argument<T> argument) => Parse.GetValue(argument)!;
    /// <summary>True if the option was given on the command line (not just defaulted).</summary>
    public bool Given(Option option) => Parse.GetResult(option) is { Implicit: false };
}
