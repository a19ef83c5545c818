using AgentSpines.EventLog;

namespace AgentSpines.Actors.Simulation;

/// <summary>
/// One unit of work of a run or a sweep: a resolved configuration (JSON, as `check-config` prints it), one
/// replicate, one block of dendrites. Every mode (run, sweep, shard, worker) executes a job through
/// <see cref="SimulationJobs.Execute"/>, so a job gives the same files whoever runs it.
/// </summary>
/// <param name="ConfigJson">The run configuration (any overrides already applied).</param>
/// <param name="Replicate">Replicate index; its random key is RunSeed.ForReplicate(seed, replicate).</param>
/// <param name="Block">Index of the block of dendrites this job simulates (0 when the run is not split).</param>
/// <param name="BlockCount">Number of blocks the dendrites are split into (1 when not split).</param>
public sealed record SimulationJob(string ConfigJson, int Replicate, int Block = 0, int BlockCount = 1)
{
    /// <summary>Deterministic job name, used for idempotent part files and for de-duplicating results.</summary>
    public string Key => $"r{Replicate:D4}-b{Block:D4}of{BlockCount:D4}";
}

/// <summary>Progress of a running job, reported after each structural step (for progress bars).</summary>
public readonly record struct JobProgress(double SimulatedH, double TotalH, long Spines, long Events);
