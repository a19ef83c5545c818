using System.CommandLine;
using AgentSpines.Actors.Simulation;
using AgentSpines.Cli.CommandLine;

namespace AgentSpines.Cli.Commands;

/// <summary>`agentspines check-config CONFIG [overrides]`: the resolved configuration, or the first error (exit 2).</summary>
public sealed class CheckConfigCommand : ICliCommand
{
    private static readonly Argument<string> ConfigFile = new("CONFIG") { Description = "the JSON configuration to check" };

    public AgentCommand Create() => new("check-config", "print the resolved configuration, or the first error (exit code 2)", Run, takesConfigOverrides: true)
    {
        ConfigFile,
    };

    private static int Run(CommandInput a)
    {
        string file = a.Get(ConfigFile);
        var config = SimulationConfig.Load(file, a.ConfigOverrides);
        SessionDayCheck.Require(config);
        // the estimate goes to stderr, so stdout stays the resolved config (valid JSON)
        if (config.Run.Kind == RunKind.Population) Console.Error.WriteLine(RunEstimate.Of(config));
        Console.WriteLine(config.ToJson());
        return 0;
    }
}
