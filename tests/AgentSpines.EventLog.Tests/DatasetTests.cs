using System.Text.Json;
using AgentSpines.EventLog.Dataset;
using AgentSpines.EventLog.Reading;
using AgentSpines.EventLog.Schema;
using AgentSpines.EventLog.Writing;

namespace AgentSpines.EventLog.Tests;

public class DatasetTests
{
    private static EventRecord Event(long i, string regime) => new(i * 0.5, i % 3, i % 5, i, EventTypes.All[(int)(i % 11)],
        i % 4 == 0 ? null : "thin", "mushroom", i % 2 == 0 ? null : 0.01 * i, 0.02 * i, 1.0, 0.1, i * 0.25, "ltp", null, regime == "ketamine" ? Arms.Drug : Arms.Baseline);

    private static DatasetManifest WriteDataset(string root, string[] regimes, int replicates)
    {
        using var ds = new DatasetWriter(root, new DatasetOptions { ConfigJson = "{\"model\":{\"k\":1}}", Seed = 42 });
        foreach (var regime in regimes)
            for (int k = 0; k < replicates; k++)
            {
                var part = PartitionKey.Of(regime, k);
                using (var ev = ds.Open<EventRecord>(part))
                    for (int i = 0; i < 100 + k; i++) ev.Append(Event(i, regime));
                using (var m = ds.Open<MetricRecord>(part))
                    m.Append(new MetricRecord(1, 0, Arms.Baseline, 10, 1.2, 1, 0, 0.05, null, null));
                var snap = ds.Open<SnapshotRecord>(part, shard: 3); // left open: Commit closes it
                snap.Append(new SnapshotRecord(24, 0, 1, 7, 3.5, "mushroom", false, 0.1, 0.6, 1.0, 0.15, 20, 4, Arms.Baseline));
            }
        return ds.Commit(new DatasetManifestInfo { ConfigJson = "{\"model\":{\"k\":1}}", Seed = 42, Shards = 1 });
    }

    [Fact]
    public void AFileCanHaveSmallerRowGroupsThanTheDataset()
    {
        using var dir = new TempDirectory();
        using (var ds = new DatasetWriter(dir.Path, new DatasetOptions { Writer = new ParquetWriterOptions { RowGroupRows = 4000 } }))
        {
            var part = PartitionKey.Of("r", 0);
            using (var small = new TableWriter<EventRecord>(ds.Open(EventRecord.Schema.Name, EventRecord.Schema, part, 0, maxRowGroupRows: 1000)))
                for (int i = 0; i < 2500; i++) small.Append(Event(i, "r"));
            using (var normal = new TableWriter<EventRecord>(ds.Open(EventRecord.Schema.Name, EventRecord.Schema, part, 1, maxRowGroupRows: 10_000)))
                for (int i = 0; i < 2500; i++) normal.Append(Event(i, "r"));
            ds.Commit(new DatasetManifestInfo { Shards = 2 });
        }
        var files = new DatasetReader(dir.Path).ListFiles("events").OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
        using (var small = ParquetFileReader.Open(files[0].Path))
            Assert.Equal([1000L, 1000, 500], small.Info.RowGroups.Select(g => g.Rows));
        using (var normal = ParquetFileReader.Open(files[1].Path)) // a cap above the dataset's size leaves it
            Assert.Equal([2500L], normal.Info.RowGroups.Select(g => g.Rows));
    }

    [Fact]
    public void CommitWritesHivePartitionsManifestAndSuccessLast()
    {
        using var dir = new TempDirectory();
        var manifest = WriteDataset(dir.Path, ["baseline", "ketamine"], 2);
        Assert.True(File.Exists(Path.Combine(dir.Path, "_SUCCESS")));
        Assert.True(File.GetLastWriteTimeUtc(Path.Combine(dir.Path, "_SUCCESS")) >= File.GetLastWriteTimeUtc(Path.Combine(dir.Path, "manifest.json")));
        Assert.True(File.Exists(Path.Combine(dir.Path, "events", "regime=ketamine", "replicate=1", "part-00000.parquet")));
        Assert.True(File.Exists(Path.Combine(dir.Path, "snapshots", "regime=baseline", "replicate=0", "part-00003.parquet")));
        Assert.Empty(Directory.EnumerateFiles(dir.Path, "*.tmp", SearchOption.AllDirectories));
        Assert.Equal(12, manifest.Files.Count);

        var reader = new DatasetReader(dir.Path);
        Assert.True(reader.IsComplete);
        Assert.Empty(reader.Verify());
        var read = reader.ReadManifest();
        Assert.Equal(42UL, read.Seed);
        Assert.Equal(manifest.Files, read.Files, new FileComparer());
        Assert.Equal(100 + 101 + 100 + 101, read.Files.Where(f => f.Table == "events").Sum(f => f.Rows));
        var events = reader.ListFiles("events");
        Assert.Equal(4, events.Count);
        Assert.Equal([new("regime", "baseline"), new("replicate", "0")], events[0].Partition);

        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.Path, "manifest.json")));
        Assert.Equal(1, json.RootElement.GetProperty("config").GetProperty("model").GetProperty("k").GetInt32());
        Assert.Equal(402, json.RootElement.GetProperty("tables").GetProperty("events").GetProperty("rows").GetInt64());

        using var file = ParquetFileReader.Open(events[0].Path);
        Assert.Equal("42", file.Info.Metadata(MetadataKeys.Seed));
        Assert.Equal("{\"model\":{\"k\":1}}", file.Info.Metadata(MetadataKeys.Config));
        Assert.Equal("events", file.Info.Metadata(MetadataKeys.Table));
        Assert.Equal(100, file.Info.RowCount);
        Assert.Equal(Event(7, "baseline").HeadVolumeBeforeUm3, file.ReadColumn("head_volume_before_um3").GetValue(7));
    }

    [Fact]
    public void SameRunGivesIdenticalFilesAndManifest()
    {
        using var a = new TempDirectory();
        using var b = new TempDirectory();
        WriteDataset(a.Path, ["r"], 1);
        WriteDataset(b.Path, ["r"], 1);
        Assert.Equal(File.ReadAllText(Path.Combine(a.Path, "manifest.json")), File.ReadAllText(Path.Combine(b.Path, "manifest.json")));
    }

    [Fact]
    public void VerifyDetectsTamperingMissingAndUnlistedFiles()
    {
        using var dir = new TempDirectory();
        WriteDataset(dir.Path, ["r"], 1);
        var reader = new DatasetReader(dir.Path);
        var events = reader.ListFiles("events")[0].Path;
        var bytes = File.ReadAllBytes(events);
        bytes[10] ^= 1;
        File.WriteAllBytes(events, bytes);
        File.Copy(events, Path.Combine(Path.GetDirectoryName(events)!, "part-00009.parquet"));
        File.Delete(reader.ListFiles("metrics")[0].Path);
        var problems = reader.Verify();
        Assert.Contains(problems, p => p.Contains("SHA-256"));
        Assert.Contains(problems, p => p.Contains("missing"));
        Assert.Contains(problems, p => p.Contains("not listed"));
    }

    [Fact]
    public void AbortLeavesNoTempFilesAndNoSuccess()
    {
        using var dir = new TempDirectory();
        using (var ds = new DatasetWriter(dir.Path))
        {
            var w = ds.Open<EventRecord>(PartitionKey.Of("r", 0));
            w.Append(Event(1, "r"));
            Assert.Single(Directory.EnumerateFiles(dir.Path, ".part-00000.parquet.tmp", SearchOption.AllDirectories));
            ds.Abort();
            Assert.Throws<InvalidOperationException>(() => w.Append(Event(2, "r"))); // the writer is abandoned ...
            w.Dispose();                                                              // ... and closing it neither throws nor renames
        }
        Assert.Empty(Directory.EnumerateFiles(dir.Path, "*", SearchOption.AllDirectories));
        Assert.False(new DatasetReader(dir.Path).IsComplete);
    }

    [Fact]
    public void DisposingWithoutCommitIsAnAbortAndCompleteDatasetsAreNotOverwritten()
    {
        using var dir = new TempDirectory();
        using (var ds = new DatasetWriter(dir.Path))
            ds.Open<MetricRecord>(PartitionKey.Of("r", 0)).Append(new MetricRecord(0, 0, Arms.Baseline, 0, 0, 0, 0, null, null, null));
        Assert.Empty(Directory.EnumerateFiles(dir.Path, "*", SearchOption.AllDirectories));
        WriteDataset(dir.Path, ["r"], 1);
        Assert.Throws<AgentSpines.Core.AgentSpinesInputException>(() => new DatasetWriter(dir.Path));
    }

    [Theory]
    [InlineData("baseline")]
    [InlineData("a b/c=d%e")]
    [InlineData("../etc")]
    [InlineData("ketamine 10 mg/kg (i.p.)")]
    [InlineData("état-日本")]
    public void PartitionValuesAreEscapedIntoOneSafeDirectory(string regime)
    {
        var key = PartitionKey.Of(regime, 3);
        var path = key.RelativePath;
        Assert.Equal(2, path.Split('/').Length);
        Assert.Matches("^regime=[A-Za-z0-9._~%-]+/replicate=3$", path);
        Assert.Equal(regime, PartitionKey.Unescape(path.Split('/')[0]["regime=".Length..]));
        Assert.Equal("events/" + path + "/part-00012.parquet", DatasetWriter.RelativePathOf("events", key, 12));
    }

    [Fact]
    public void BadNamesAreRejected()
    {
        Assert.Throws<ArgumentException>(() => PartitionKey.Of("", 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => PartitionKey.Of("r", -1));
        Assert.Throws<ArgumentException>(() => DatasetWriter.RelativePathOf("../x", PartitionKey.Of("r", 0), 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => DatasetWriter.RelativePathOf("events", PartitionKey.Of("r", 0), 100_000));
    }

    private sealed class FileComparer : IEqualityComparer<DatasetFile>
    {
        public bool Equals(DatasetFile? x, DatasetFile? y) => x!.Path == y!.Path && x.Rows == y.Rows && x.Sha256 == y.Sha256 && x.Bytes == y.Bytes
            && x.Partition.SequenceEqual(y.Partition) && x.Shard == y.Shard && x.Table == y.Table;
        public int GetHashCode(DatasetFile obj) => obj.Path.GetHashCode();
    }
}
