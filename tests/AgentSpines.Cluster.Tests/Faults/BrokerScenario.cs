using AgentSpines.Cluster.Coordination;
using AgentSpines.Cluster.Execution;
using AgentSpines.Cluster.Sweeps;
using Xunit.Abstractions;

namespace AgentSpines.Cluster.Tests.Faults;

/// <summary>
/// What the scenarios against the real broker share: their sweep files, a queue prefix of their own, the CLI
/// processes they start (each one's output goes to the test log when the test ends, then it is stopped) and the
/// in-process dataset a distributed run must equal.
/// </summary>
public abstract class BrokerScenario(ClusterFixture fx, ITestOutputHelper output, char prefixLetter) : IDisposable
{
    private readonly List<CliProcess> _processes = new();

    protected ClusterFixture Fx { get; } = fx;
    protected TestSweeps Sweeps { get; } = new();
    protected string Prefix { get; } = prefixLetter + Guid.NewGuid().ToString("N")[..10];

    /// <summary>Starts `agentspines ARGS` with the environment ENV; it is logged and stopped when the test ends.</summary>
    protected CliProcess Cli(string[] args, Dictionary<string, string> env)
    {
        var p = new CliProcess(Fx.CliDll, args, env);
        _processes.Add(p);
        return p;
    }

    /// <summary>The same sweep run in this process, one job at a time: the dataset every scenario must reproduce.</summary>
    protected string InProcess(SweepPlan plan)
    {
        string dir = Sweeps.NewOut("inproc");
        SweepRunner.Run(plan, dir, EngineRegistry.Default, parallelJobs: 1);
        return dir;
    }

    public void Dispose()
    {
        foreach (var p in _processes)
        {
            output.WriteLine($"--- process {p.Pid}:\n{p.Output}");
            p.Dispose();
        }
        Sweeps.Dispose();
    }
}
