using AgentSpines.Actors.Simulation;
using AgentSpines.EventLog.Dataset;

namespace AgentSpines.Cluster.Execution;

/// <summary>
/// Adapter to the model's job entry points (AgentSpines.Actors.Simulation.SimulationJobs). Compiled in when the
/// project property HaveSimulationJobs is true (see AgentSpines.Cluster.csproj); before that, a clear error.
/// </summary>
public sealed class SimulationExecutor : IJobExecutor
{
#if HAVE_SIMULATION_JOBS
    public string ResolveConfigJson(string configPath, IEnumerable<string> overrides)
        => SimulationJobs.ResolveConfigJson(configPath, overrides);

    public void Execute(SimulationJob job, DatasetWriter writer, IProgress<JobProgress>? progress, CancellationToken ct)
        => SimulationJobs.Execute(job, writer, progress, ct);
#else
    private const string Missing = "the simulation engine is not part of this build yet (sweep key 'Engine' = 'simulation'); use \"Engine\": \"synthetic\" to exercise the cluster";

    public string ResolveConfigJson(string configPath, IEnumerable<string> overrides)
        => throw new AgentSpines.Core.Configuration.ConfigException("Engine", Missing);

    public void Execute(SimulationJob job, DatasetWriter writer, IProgress<JobProgress>? progress, CancellationToken ct)
        => throw new AgentSpines.Core.Configuration.ConfigException("Engine", Missing);
#endif
}
