using AgentSpines.Cluster.Execution;
using AgentSpines.Cluster.Results;
using AgentSpines.Cluster.Sweeps;
using AgentSpines.EventLog.Dataset;

namespace AgentSpines.Cluster.Coordination;

/// <summary>
/// The embedded default: runs a sweep (or one static slice of it) in this process, no broker. Jobs go through
/// <see cref="JobRunner"/> exactly as on a worker and land in a <see cref="ResultStore"/>, so a run that is stopped
/// resumes from its journal, and the dataset is the same as a distributed run's.
/// </summary>
public static class SweepRunner
{
    public static DatasetManifest Run(SweepPlan plan, string outDir, EngineRegistry engines, ShardSpec? slice = null,
        int parallelJobs = 1, IProgress<SweepProgress>? progress = null, CancellationToken ct = default)
    {
        var store = new ResultStore(outDir, plan, slice);
        if (store.IsComplete) return store.Assemble();
        var pending = store.PendingJobs();
        progress?.Report(new SweepProgress(store.DoneCount, store.ExpectedCount, 0, null));
        Parallel.ForEach(pending, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelJobs), CancellationToken = ct }, job =>
        {
            var result = JobRunner.Run(job, engines.Get(job.Engine), null, ct);
            store.Ingest(result);
            progress?.Report(new SweepProgress(store.DoneCount, store.ExpectedCount, 0, job.Key));
        });
        return store.Assemble();
    }
}
