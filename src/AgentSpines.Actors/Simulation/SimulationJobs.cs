using AgentSpines.Actors.Population;
using AgentSpines.Physics.Transport;
using AgentSpines.Plasticity.Imaging;
using AgentSpines.Plasticity.Population;
using AgentSpines.Plasticity.Regime;
using AgentSpines.Plasticity.State;
using AgentSpines.EventLog.Dataset;

namespace AgentSpines.Actors.Simulation;

/// <summary>What one job produced, for summaries.</summary>
public sealed record JobOutcome(SimulationJob Job, IReadOnlyList<RunResult> Runs, IReadOnlyList<ImagingRow> Imaging,
    long MessagesSent, TransportTables? Transport = null);

/// <summary>
/// Executes jobs: the one code path behind `run`, `sweep`, shards and cluster workers. A job writes its files into
/// the given dataset writer (not committed: the caller commits once every job of the dataset is in).
/// Shard numbers: population files of block b, arm a (0 drug, 1 vehicle) are part-(2b + a); imaging, cohorts and
/// transport files of block b are part-b.
/// </summary>
public static class SimulationJobs
{
    /// <summary>Validates a config file with overrides and returns the resolved JSON that jobs carry.</summary>
    public static string ResolveConfigJson(string configPath, IEnumerable<string> overrides)
        => SimulationConfig.Load(configPath, overrides).ToJson();

    /// <summary>The jobs of a run: every replicate of the config, unsplit.</summary>
    public static IReadOnlyList<SimulationJob> JobsOf(string configJson, int blockCount = 1)
    {
        var config = SimulationConfig.FromJson(configJson);
        var jobs = new List<SimulationJob>();
        for (int r = 0; r < config.Run.Replicates; r++)
            for (int b = 0; b < blockCount; b++) jobs.Add(new SimulationJob(configJson, r, b, blockCount));
        return jobs;
    }

    public static JobOutcome Execute(SimulationJob job, DatasetWriter writer, IProgress<JobProgress>? progress, CancellationToken ct, int threads = 0)
    {
        var config = SimulationConfig.FromJson(job.ConfigJson);
        if (job.Replicate < 0 || job.Replicate >= config.Run.Replicates)
            throw new ArgumentOutOfRangeException(nameof(job), job.Replicate, $"replicate must be in [0, {config.Run.Replicates})");
        if (job.BlockCount < 1 || job.Block < 0 || job.Block >= job.BlockCount)
            throw new ArgumentOutOfRangeException(nameof(job), job.Block, "block must be in [0, BlockCount)");
        var partition = PartitionKey.Of(config.Run.Name, job.Replicate);
        return config.Run.Kind == RunKind.Transport
            ? ExecuteTransport(job, config, writer, partition, progress)
            : ExecutePopulation(job, config, writer, partition, progress, ct, threads);
    }

    private static JobOutcome ExecutePopulation(SimulationJob job, SimulationConfig config, DatasetWriter writer, PartitionKey partition,
        IProgress<JobProgress>? progress, CancellationToken ct, int threads)
    {
        var regime = new DrugRegime(config.Regime, config.Run.StepHours, config.Cascade);
        var arms = regime.SimulatedArms();
        var engine = new PopulationEngine(config, threads);
        var runs = new List<RunResult>();
        long sent = 0;
        for (int a = 0; a < arms.Length; a++)
        {
            var armProgress = progress is null ? null : new ArmProgress(progress, a, arms.Length);
            int shard = 2 * job.Block + (arms[a] == Arm.Drug ? 0 : 1);
            var run = engine.Run(new RunRequest(job.Replicate, arms[a], job.Block, job.BlockCount), new RunOutput(writer, partition, shard), armProgress, ct);
            runs.Add(run.Result);
            sent += run.MessagesSent;
        }
        var experiment = new ExperimentResult { Regime = config.Run.Name, Runs = runs };
        var imaging = ImagingSessions.Rows(experiment);
        ImagingTables.Write(writer, partition, job.Block, imaging, ImagingSessions.Cohorts(experiment));
        return new JobOutcome(job, runs, imaging, sent);
    }

    private static JobOutcome ExecuteTransport(SimulationJob job, SimulationConfig config, DatasetWriter writer, PartitionKey partition, IProgress<JobProgress>? progress)
    {
        var key = Core.Random.RunSeed.ForReplicate(config.Run.Seed, job.Replicate);
        var tables = TransportRun.Run(config.Transport!, key);
        TransportTablesWriter.Write(writer, partition, job.Block, tables);
        double total = config.Transport!.DurationMs / 3.6e6;
        progress?.Report(new JobProgress(total, total, 0, tables.Transitions.Captures + tables.Transitions.Releases));
        return new JobOutcome(job, [], [], 0, tables);
    }

    /// <summary>Maps an arm's progress onto the job's: arms run one after the other.</summary>
    private sealed class ArmProgress(IProgress<JobProgress> inner, int arm, int arms) : IProgress<JobProgress>
    {
        public void Report(JobProgress p) => inner.Report(p with { SimulatedH = (arm * p.TotalH + p.SimulatedH), TotalH = p.TotalH * arms });
    }
}
