using System.CommandLine;

namespace AgentSpines.Cli.CommandLine;

/// <summary>
/// Builds the command tree: every <see cref="ICliCommand"/> class of this assembly is a top-level command, every
/// <see cref="IBenchCommand"/> a subcommand of `bench`. Adding a command is adding its file.
/// </summary>
public static class CommandCatalog
{
    public const string Description = "agent-based stochastic simulator of dendritic-spine populations under drug regimes";

    public static RootCommand BuildRoot()
    {
        var root = new RootCommand($"agentspines {AgentSpines.Core.SoftwareVersion.Value}: {Description}") { HelpName = "agentspines" };
        foreach (var c in Create<ICliCommand>(exclude: typeof(IBenchCommand))) root.Add(c);
        return root;
    }

    /// <summary>The commands of every class implementing <typeparamref name="T"/>, sorted by name.</summary>
    public static IEnumerable<AgentCommand> Create<T>(Type? exclude = null) where T : ICliCommand
        => typeof(CommandCatalog).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(T).IsAssignableFrom(t) && !(exclude?.IsAssignableFrom(t) ?? false))
            .Select(t => ((ICliCommand)Activator.CreateInstance(t)!).Create())
            .OrderBy(c => c.Name, StringComparer.Ordinal);
}
