using System.Diagnostics;
using AgentSpines.Actors.Simulation;
using AgentSpines.Cluster.Sweeps;
using AgentSpines.EventLog.Dataset;

namespace AgentSpines.Cluster.Execution;

/// <summary>
/// Runs one sweep job the same way in every mode (in-process sweep, shard, worker): the executor writes into a
/// private staging dataset, which is committed and read back as bytes; the point=... level is then inserted in the
/// paths when the sweep has several parameter points. The staging directory is always removed.
/// </summary>
public static class JobRunner
{
    public static JobResult Run(SweepJob job, IJobExecutor executor, IProgress<JobProgress>? progress, CancellationToken ct)
    {
        string staging = Path.Combine(Path.GetTempPath(), $"agentspines-job-{Guid.NewGuid():N}");
        var clock = Stopwatch.StartNew();
        try
        {
            DatasetManifest manifest;
            using (var writer = new DatasetWriter(staging, new DatasetOptions { ConfigJson = job.Job.ConfigJson }))
            {
                executor.Execute(job.Job, writer, progress, ct);
                ct.ThrowIfCancellationRequested();
                manifest = writer.Commit(new DatasetManifestInfo { ConfigJson = job.Job.ConfigJson });
            }
            var files = new List<ResultFile>(manifest.Files.Count);
            foreach (var f in manifest.Files)
            {
                byte[] bytes = File.ReadAllBytes(Path.Combine(staging, f.Path.Replace('/', Path.DirectorySeparatorChar)));
                files.Add(new ResultFile(WithPoint(f, job.PointLevel), bytes));
            }
            return new JobResult(job.Key, files, clock.Elapsed.TotalSeconds);
        }
        finally
        {
            try { if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>events/regime=a/... becomes events/point=3/regime=a/... (partition gains point first).</summary>
    public static DatasetFile WithPoint(DatasetFile f, int? point)
    {
        if (point is not { } p) return f;
        string pv = p.ToString(System.Globalization.CultureInfo.InvariantCulture);
        int slash = f.Path.IndexOf('/');
        string path = f.Path[..slash] + "/point=" + pv + f.Path[slash..];
        var partition = new List<KeyValuePair<string, string>> { new("point", pv) };
        partition.AddRange(f.Partition);
        return f with { Path = path, Partition = partition };
    }
}
