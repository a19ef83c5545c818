using AgentSpines.Actors.Simulation;
using AgentSpines.EventLog.Dataset;

namespace AgentSpines.Cluster.Execution;

/// <summary>
/// What the cluster needs from an engine: resolve a config file plus overrides into the JSON a job carries, and
/// write one job's Parquet files into a dataset writer without committing it. Mirrors the lead's SimulationJobs.
/// </summary>
public interface IJobExecutor
{
    /// <summary>Validated, resolved config JSON; throws ConfigException on bad input.</summary>
    string ResolveConfigJson(string configPath, IEnumerable<string> overrides);

    void Execute(SimulationJob job, DatasetWriter writer, IProgress<JobProgress>? progress, CancellationToken ct);
}
