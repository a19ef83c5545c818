namespace AgentSpines.Actors.Tests.Population;

/// <summary>The same config and seed give byte-identical event-log files on 1, 2 and 8 threads.</summary>
public class DeterminismAcrossThreadsTests
{
    [Fact]
    public void DatasetIsByteIdenticalForOneTwoAndEightThreads()
    {
        var config = EngineFixtures.Config("ketamine.json", "--Run:DurationDays=12", "--Run:Replicates=1", "--Dendrites:Count=4",
            "--Output:SnapshotEveryHours=24");
        var one = EngineFixtures.Files(EngineFixtures.RunToDataset(config, 1).Dir);
        Assert.Contains(one.Keys, k => k.StartsWith("events/regime=", StringComparison.Ordinal));
        Assert.True(one.Keys.Count(k => k.EndsWith(".parquet", StringComparison.Ordinal)) >= 8, string.Join(", ", one.Keys));
        foreach (int threads in new[] { 2, 8 })
        {
            var other = EngineFixtures.Files(EngineFixtures.RunToDataset(config, threads).Dir);
            Assert.Equal(one.Keys, other.Keys);
            foreach (var (path, bytes) in one) Assert.True(bytes.AsSpan().SequenceEqual(other[path]), $"{path} differs with {threads} threads");
        }
    }

    [Fact]
    public void DatasetIsByteIdenticalWhenMoreThreadsSplitTheDendritesIntoMoreBlocks()
    {
        // 40 dendrites: 16 blocks on 1 thread, 24 on 12 (two per thread); the log must not see the partition
        var config = EngineFixtures.Config("ketamine.json", "--Run:DurationDays=2", "--Run:Replicates=1", "--Dendrites:Count=40",
            "--Output:SnapshotEveryHours=24");
        var one = EngineFixtures.Files(EngineFixtures.RunToDataset(config, 1).Dir);
        var twelve = EngineFixtures.Files(EngineFixtures.RunToDataset(config, 12).Dir);
        Assert.Equal(one.Keys, twelve.Keys);
        foreach (var (path, bytes) in one) Assert.True(bytes.AsSpan().SequenceEqual(twelve[path]), $"{path} differs with 12 threads (24 blocks)");
    }

    [Fact]
    public void AnotherSeedGivesAnotherLog()
    {
        var a = EngineFixtures.Config("baseline.json", "--Run:DurationDays=3", "--Run:Replicates=1", "--Dendrites:Count=2");
        var b = EngineFixtures.Config("baseline.json", "--Run:DurationDays=3", "--Run:Replicates=1", "--Dendrites:Count=2", "--Run:Seed=99");
        var fa = EngineFixtures.Files(EngineFixtures.RunToDataset(a, 2).Dir);
        var fb = EngineFixtures.Files(EngineFixtures.RunToDataset(b, 2).Dir);
        string events = fa.Keys.First(k => k.StartsWith("events/", StringComparison.Ordinal));
        Assert.False(fa[events].AsSpan().SequenceEqual(fb[events]));
    }
}
