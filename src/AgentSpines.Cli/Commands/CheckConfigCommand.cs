using AgentSpines.Actors.Simulation;

namespace AgentSpines.Cli.Commands;

/// <summary>`agentspines check-config CONFIG [overrides]`: the resolved configuration, or the first error (exit 2).</summary>
public static class CheckConfigCommand
{
    public static int Run(string[] args)
    {
        var a = new CommandArgs(args);
        a.RejectUnknown();
        string file = a.Positional(0, "CONFIG");
        var config = SimulationConfig.Load(file, a.ConfigOverrides);
        Console.WriteLine(config.ToJson());
        return 0;
    }
}
