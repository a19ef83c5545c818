using System.Diagnostics;
using AgentSpines.Cluster.TestSupport;

namespace AgentSpines.Cluster.Tests.Faults;

/// <summary>
/// One private RabbitMQ node for the fault tests (started in parallel with locating or building the agentspines
/// CLI) and stopped at the end, even when tests fail. No rabbitmq-server installed: every fault test fails with
/// that message (CI installs it); they are never skipped.
/// </summary>
public sealed class ClusterFixture : IDisposable
{
    private readonly Exception? _brokerError;
    private readonly LocalBroker? _broker;

    public ClusterFixture()
    {
        var cli = Task.Run(CliLocator.Find);
        try
        {
            _broker = LocalBroker.Start(TimeSpan.FromSeconds(90));
        }
        catch (Exception e)
        {
            _brokerError = e;
        }
        CliDll = cli.GetAwaiter().GetResult();
    }

    public LocalBroker Broker => _broker ?? throw new InvalidOperationException($"no RabbitMQ broker for the fault tests: {_brokerError!.Message}", _brokerError);

    public string CliDll { get; }

    public void Dispose() => _broker?.Dispose();
}

[CollectionDefinition("broker")]
public sealed class BrokerCollection : ICollectionFixture<ClusterFixture>;

/// <summary>Finds the agentspines CLI: $AGENTSPINES_CLI, else builds src/AgentSpines.Cli into its own artifacts path.</summary>
public static class CliLocator
{
    public static string Find()
    {
        if (Environment.GetEnvironmentVariable("AGENTSPINES_CLI") is { Length: > 0 } given)
            return File.Exists(given) ? given : throw new FileNotFoundException($"AGENTSPINES_CLI={given} does not exist");
        string repo = RepoRoot();
        // After a plain solution build (CI: dotnet build AgentSpines.sln -c Release), use the CLI of the same configuration.
        string config = new DirectoryInfo(AppContext.BaseDirectory).Parent?.Name ?? "";
        string sibling = Path.Combine(repo, "src", "AgentSpines.Cli", "bin", config, "net10.0", "agentspines.dll");
        if (AppContext.BaseDirectory.StartsWith(Path.Combine(repo, "tests"), StringComparison.Ordinal) && File.Exists(sibling)) return sibling;
        string artifacts = Path.Combine(Path.GetTempPath(), "art-cluster-tests-cli");
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "build", Path.Combine(repo, "src", "AgentSpines.Cli"), "--artifacts-path", artifacts, "-nologo", "-v", "q" }) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEndAsync();
        var errors = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"building the agentspines CLI failed: {output.Result} {errors.Result}");
        string dll = Path.Combine(artifacts, "bin", "AgentSpines.Cli", "debug", "agentspines.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"built CLI not found at {dll}");
    }

    public static string RepoRoot()
    {
        var recorded = typeof(CliLocator).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "AgentSpinesRepoRoot")?.Value;
        if (recorded != null && File.Exists(Path.Combine(recorded, "AgentSpines.sln"))) return recorded;
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d != null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "AgentSpines.sln"))) return d.FullName;
        for (var d = new DirectoryInfo(Directory.GetCurrentDirectory()); d != null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "AgentSpines.sln"))) return d.FullName;
        throw new InvalidOperationException("repository root (AgentSpines.sln) not found; set AGENTSPINES_CLI to the built agentspines.dll");
    }
}
