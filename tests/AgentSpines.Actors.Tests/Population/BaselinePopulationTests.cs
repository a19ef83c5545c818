using AgentSpines.EventLog.Reading;

namespace AgentSpines.Actors.Tests.Population;

/// <summary>
/// The baseline of MODEL.md section 4 through the actor engine and the event log, measured from the files:
/// density within 3% of its target over 30 days, formation matching elimination, transient and persistent
/// subpopulations (about 20% of spines living under a day, about 60% over 8 days).
/// </summary>
public class BaselinePopulationTests
{
    private static readonly Lazy<(string Dir, double TargetDensity)> Run = new(() =>
    {
        var config = EngineFixtures.Config("baseline.json", "--Run:DurationDays=30", "--Run:Replicates=1", "--Dendrites:Count=40",
            "--Output:SnapshotEveryHours=24");
        return (EngineFixtures.RunToDataset(config, 0).Dir, config.Plasticity.DensityPerUm);
    });

    private static ColumnsOf Read(string table)
    {
        var file = Directory.EnumerateFiles(Path.Combine(Run.Value.Dir, table), "*.parquet", SearchOption.AllDirectories).Single();
        return new ColumnsOf(file);
    }

    [Fact]
    public void DensityStaysWithinThreePercentOfTargetFor30Days()
    {
        var m = Read("metrics");
        var time = m.Doubles("time_h");
        var n = m.Ints("n_spines");
        var byTime = time.Zip(n).GroupBy(p => p.First).OrderBy(g => g.Key).Select(g => (T: g.Key, N: g.Sum(p => (double)p.Second))).ToList();
        double length = 40 * 100;
        Assert.True(byTime.Last().T >= 30 * 24 - 1e-9);
        foreach (var (t, count) in byTime.Where(p => p.T % 24 == 0))
            Assert.InRange(count / length, 0.97 * Run.Value.TargetDensity, 1.03 * Run.Value.TargetDensity);
    }

    [Fact]
    public void FormationMatchesElimination()
    {
        var m = Read("metrics");
        double formed = m.Ints("formed").Sum(), eliminated = m.Ints("eliminated").Sum();
        Assert.True(formed > 500);
        // Poisson noise of the difference: sqrt(formed + eliminated); allow 3 sigma.
        Assert.True(Math.Abs(formed - eliminated) < 3 * Math.Sqrt(formed + eliminated), $"formed {formed}, eliminated {eliminated}");
    }

    [Fact]
    public void TransientAndPersistentSubpopulations()
    {
        // Daily imaging for 8 days (9 sessions) as in Trachtenberg 2002 (configs/baseline_barrel_cortex.json), through
        // the actor engine: of all spines seen, about 20% appear and vanish within a day and about 60% last the 8 days.
        var config = EngineFixtures.Config("baseline_barrel_cortex.json", "--Run:Replicates=4", "--Dendrites:Count=20");
        var (_, outcomes) = EngineFixtures.RunToDataset(config, 0);
        var classes = outcomes.SelectMany(o => o.Runs).Select(r => AgentSpines.Plasticity.Imaging.ImagingSessions.LifetimeClasses(r.Sessions)).ToList();
        double once = classes.Average(c => c.SeenOnce), always = classes.Average(c => c.SeenAlways);
        Assert.InRange(always, 0.53, 0.67);
        Assert.InRange(once, 0.15, 0.25);
    }
}

/// <summary>Reads whole columns of one Parquet file by name.</summary>
internal sealed class ColumnsOf(string path)
{
    private readonly ParquetFileReader _r = ParquetFileReader.Open(path);

    private object?[] Column(string name)
    {
        var c = _r.ReadColumn(name);
        return Enumerable.Range(0, c.Count).Select(c.GetValue).ToArray();
    }

    public double[] Doubles(string name) => Column(name).Select(v => (double)v!).ToArray();
    public int[] Ints(string name) => Column(name).Select(v => (int)v!).ToArray();
    public long[] Longs(string name) => Column(name).Select(v => (long)v!).ToArray();
    public string?[] Strings(string name) => Column(name).Select(v => (string?)v).ToArray();
}
