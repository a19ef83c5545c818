using AgentSpines.Cluster.Coordination;
using AgentSpines.Cluster.Execution;
using AgentSpines.Cluster.Results;
using AgentSpines.Cluster.Sweeps;
using AgentSpines.Core;
using AgentSpines.EventLog.Dataset;

namespace AgentSpines.Cluster.Tests;

public sealed class MergeIdentityTests : IDisposable
{
    private readonly TestSweeps _t = new();

    public void Dispose() => _t.Dispose();

    [Fact]
    public void Shards_merged_equal_the_single_run_byte_for_byte()
    {
        var plan = _t.Plan(_t.Write("merge"));
        string single = _t.NewOut("single");
        SweepRunner.Run(plan, single, EngineRegistry.Default, parallelJobs: 2);
        Assert.Empty(new DatasetReader(single).Verify());
        Assert.False(Directory.Exists(Path.Combine(single, ResultStore.JournalDir)));

        var slices = Enumerable.Range(0, 3).Select(i =>
        {
            string dir = _t.NewOut("slice" + i);
            SweepRunner.Run(plan, dir, EngineRegistry.Default, new ShardSpec(i, 3));
            return dir;
        }).Reverse().ToArray(); // order of the arguments does not matter
        string merged = _t.NewOut("merged");
        SliceMerger.Merge(slices, merged);
        DatasetCompare.AssertIdentical(single, merged);

        var manifest = new DatasetReader(merged).ReadManifest();
        Assert.Equal(manifest.Files.Select(f => f.Path).Order(StringComparer.Ordinal), manifest.Files.Select(f => f.Path));
        Assert.Null(manifest.CreatedUtc);
        Assert.Equal(2 * 2 * 2 * 2 * 2, manifest.Files.Count); // jobs x (events, metrics)
        Assert.All(manifest.Files, f => Assert.StartsWith(f.Table + "/point=", f.Path));
    }

    [Fact]
    public void Merge_refuses_missing_repeated_or_foreign_slices()
    {
        var plan = _t.Plan(_t.Write("m2", replicates: 1, blocks: 1, grid: false));
        string s0 = _t.NewOut("s0"), s1 = _t.NewOut("s1");
        SweepRunner.Run(plan, s0, EngineRegistry.Default, new ShardSpec(0, 2));
        SweepRunner.Run(plan, s1, EngineRegistry.Default, new ShardSpec(1, 2));
        Assert.Contains("missing: 1/2", Assert.Throws<AgentSpinesInputException>(() => SliceMerger.Merge([s0], _t.NewOut("x"))).Message);
        Assert.Contains("twice", Assert.Throws<AgentSpinesInputException>(() => SliceMerger.Merge([s0, s0, s1], _t.NewOut("x"))).Message);
        var other = _t.Plan(_t.Write("m3", replicates: 1, blocks: 1, grid: false));
        string o1 = _t.NewOut("o1");
        SweepRunner.Run(other, o1, EngineRegistry.Default, new ShardSpec(1, 2));
        Assert.Contains("belongs to sweep", Assert.Throws<AgentSpinesInputException>(() => SliceMerger.Merge([s0, o1], _t.NewOut("x"))).Message);
        string damaged = Directory.EnumerateFiles(s1, "*.parquet", SearchOption.AllDirectories).Order(StringComparer.Ordinal).First();
        File.AppendAllText(damaged, "x");
        string refused = _t.NewOut("x");
        var e = Assert.Throws<DatasetIncompleteException>(() => SliceMerger.Merge([s0, s1], refused));
        Assert.Contains("incomplete or damaged dataset", e.Message);
        Assert.Contains(Path.GetRelativePath(s1, damaged).Replace('\\', '/') + ":", e.Message);
        Assert.False(Directory.Exists(refused) && Directory.EnumerateFileSystemEntries(refused).Any(), "a refused merge wrote output");

        // --allow-incomplete: the damaged file is left out and the result is marked incomplete (no _SUCCESS).
        string partial = _t.NewOut("partial");
        var lines = new List<string>();
        var manifest = SliceMerger.Merge([s0, s1], partial, allowIncomplete: true, lines.Add);
        Assert.Contains(lines, l => l.Contains("1 skipped", StringComparison.Ordinal));
        Assert.False(File.Exists(Path.Combine(partial, DatasetManifest.SuccessFileName)));
        Assert.DoesNotContain(manifest.Files, f => f.Path == Path.GetRelativePath(s1, damaged).Replace('\\', '/'));
        Assert.Throws<DatasetIncompleteException>(() => new DatasetReader(partial).Select(allowIncomplete: false));
        Assert.Equal(manifest.Files.Count, new DatasetReader(partial).Select(allowIncomplete: true).Files.Count);
    }

    [Fact]
    public void The_store_ignores_duplicates_and_a_restart_resumes_from_the_journal()
    {
        var plan = _t.Plan(_t.Write("store", grid: false));
        string reference = _t.NewOut("ref");
        SweepRunner.Run(plan, reference, EngineRegistry.Default);

        string dir = _t.NewOut("resume");
        var store = new ResultStore(dir, plan);
        var first = JobRunner.Run(plan.Jobs[0], EngineRegistry.Default.Get("synthetic"), null, default);
        Assert.Equal(IngestOutcome.Accepted, store.Ingest(first));
        Assert.Equal(IngestOutcome.Duplicate, store.Ingest(first));
        Assert.Equal(IngestOutcome.Duplicate, store.Ingest(JobRunner.Run(plan.Jobs[0], EngineRegistry.Default.Get("synthetic"), null, default)));
        Assert.Equal(IngestOutcome.UnknownJob, store.Ingest(first with { JobKey = "nope" }));

        var reopened = new ResultStore(dir, plan); // as after a crash
        Assert.True(reopened.IsDone(plan.Jobs[0].Key));
        Assert.Equal(plan.Jobs.Count - 1, reopened.PendingJobs().Count);
        SweepRunner.Run(plan, dir, EngineRegistry.Default);
        DatasetCompare.AssertIdentical(reference, dir);
    }

    [Fact]
    public void Out_dir_of_another_sweep_is_refused()
    {
        var a = _t.Plan(_t.Write("a1", replicates: 1, blocks: 1, grid: false));
        var b = _t.Plan(_t.Write("b1", replicates: 1, blocks: 1, grid: false));
        string dir = _t.NewOut("mixed");
        _ = new ResultStore(dir, a);
        Assert.Contains("another sweep", Assert.Throws<AgentSpinesInputException>(() => new ResultStore(dir, b)).Message);
    }
}
