namespace AgentSpines.Cli.CommandLine;

/// <summary>
/// One top-level command of `agentspines`. To add a command, add one class implementing this interface in
/// Commands/: it is found by <see cref="CommandCatalog"/>, so no other file changes.
/// </summary>
public interface ICliCommand
{
    /// <summary>The command with its arguments, options (units and defaults in the help) and handler.</summary>
    AgentCommand Create();
}

/// <summary>A subcommand of `agentspines bench` (found the same way, listed under bench).</summary>
public interface IBenchCommand : ICliCommand;
