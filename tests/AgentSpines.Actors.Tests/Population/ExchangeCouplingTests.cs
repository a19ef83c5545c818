using AgentSpines.Actors.Simulation;
using Xunit.Abstractions;
using AgentSpines.EventLog.Reading;

namespace AgentSpines.Actors.Tests.Population;

/// <summary>
/// Issue 3 item 6 and issue 4 (PRPs feeding stabilisation): particle exchange on the spines of a population run,
/// read back from the Parquet output.
/// </summary>
public class ExchangeCouplingTests(ITestOutputHelper output)
{
    private static string[] Read(string dir, string table, string column, out int files)
    {
        var paths = Directory.EnumerateFiles(Path.Combine(dir, table), "*.parquet", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        files = paths.Count;
        var values = new List<string>();
        foreach (var p in paths)
        {
            using var r = ParquetFileReader.Open(p);
            var c = r.ReadColumn(column);
            for (int i = 0; i < c.Count; i++) values.Add(Convert.ToString(c.GetValue(i), System.Globalization.CultureInfo.InvariantCulture) ?? "");
        }
        return values.ToArray();
    }

    private static double[] Doubles(string dir, string table, string column) => Read(dir, table, column, out _).Select(s => double.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    [Fact]
    public void TrappedParticlesPerUmReachProductionOverDegradationAndRowsAreConsistent()
    {
        var config = EngineFixtures.Config("prp_tagging.json", "--Run:DurationDays=6", "--Run:Replicates=1", "--Dendrites:Count=6");
        var (dir, outcomes) = EngineFixtures.RunToDataset(config, 2);
        var t = Doubles(dir, "spine_exposure", "time_h");
        var mean = Doubles(dir, "spine_exposure", "mean_occupancy");
        var peak = Doubles(dir, "spine_exposure", "peak_occupancy");
        var now = Doubles(dir, "spine_exposure", "occupancy");
        var arrivals = Doubles(dir, "spine_exposure", "arrivals");
        for (int i = 0; i < t.Length; i++)
        {
            Assert.True(peak[i] >= mean[i] - 1e-9 && peak[i] >= now[i], $"row {i}: peak {peak[i]} below mean {mean[i]} or end {now[i]}");
            Assert.True(mean[i] > 0 || arrivals[i] > 0, $"row {i}: a row without exposure");
        }
        // steady state: removal (theta per trapped particle) = production, so trapped per um = P / theta
        var o = config.Exchange.Species[0];
        double expected = o.ProductionPerUmPerH / (o.ReactionRatePerMs * 3.6e6);
        double length = config.Dendrites.Count * config.Dendrites.LengthUm;
        var perStep = t.Zip(mean).Where(p => p.First > 48).GroupBy(p => p.First).Select(g => g.Sum(p => p.Second) / length).ToArray();
        double measured = perStep.Average();
        output.WriteLine($"trapped PRP {measured:F3} /um over days 2-6 (theory P/theta = {expected:F3}); {t.Length} rows; {outcomes.Sum(x => x.MessagesSent)} coordinator messages");
        Assert.True(Math.Abs(measured / expected - 1) < 0.06, $"trapped {measured:F3} /um vs {expected:F3}");
    }

    [Fact]
    public void SameResultOnOneAndTwoThreadsWithTrace()
    {
        var config = EngineFixtures.Config("prp_tagging.json", "--Run:DurationDays=2", "--Run:Replicates=1", "--Dendrites:Count=3", "--Exchange:TraceEvents=true");
        var a = EngineFixtures.Files(EngineFixtures.RunToDataset(config, 1).Dir);
        var b = EngineFixtures.Files(EngineFixtures.RunToDataset(config, 2).Dir);
        Assert.Contains(a.Keys, k => k.StartsWith("exchange_events/", StringComparison.Ordinal));
        Assert.Equal(a.Keys, b.Keys);
        foreach (var k in a.Keys.Where(k => k.EndsWith(".parquet", StringComparison.Ordinal))) Assert.True(a[k].AsSpan().SequenceEqual(b[k]), $"{k} differs between 1 and 2 threads");
    }

    [Fact]
    public void TraceCapturesMinusLossesMatchTheExposureRows()
    {
        var config = EngineFixtures.Config("prp_tagging.json", "--Run:DurationDays=1", "--Run:Replicates=1", "--Dendrites:Count=2", "--Exchange:TraceEvents=true");
        var dir = EngineFixtures.RunToDataset(config, 2).Dir;
        var kind = Read(dir, "exchange_events", "kind", out _);
        var spine = Read(dir, "exchange_events", "spine_id", out _);
        var time = Doubles(dir, "exchange_events", "time_h");
        var exSpine = Read(dir, "spine_exposure", "spine_id", out _);
        var exTime = Doubles(dir, "spine_exposure", "time_h");
        var exArrivals = Doubles(dir, "spine_exposure", "arrivals");
        Assert.Contains("release", kind);
        // arrivals of spine s in the step ending at T = captures of s traced in (T - 1 h, T]
        var captures = new Dictionary<(string, double), int>();
        for (int i = 0; i < kind.Length; i++)
            if (kind[i] == "capture")
            {
                var key = (spine[i], Math.Ceiling(time[i] - 1e-12));
                captures[key] = captures.GetValueOrDefault(key) + 1;
            }
        var fromRows = new Dictionary<(string, double), int>();
        for (int i = 0; i < exSpine.Length; i++) if (exArrivals[i] > 0) fromRows[(exSpine[i], exTime[i])] = (int)exArrivals[i];
        Assert.Equal(captures.OrderBy(p => p.Key).ToList(), fromRows.OrderBy(p => p.Key).ToList());
    }

    [Fact]
    public void WithoutPrpStabilisationTheExchangeLeavesTheStructuralEventsAlone()
    {
        var on = EngineFixtures.Config("prp_tagging.json", "--Run:DurationDays=4", "--Run:Replicates=1", "--Dendrites:Count=3", "--Plasticity:PrpStabilisationWeight=0");
        var off = EngineFixtures.Config("prp_tagging.json", "--Run:DurationDays=4", "--Run:Replicates=1", "--Dendrites:Count=3", "--Plasticity:PrpStabilisationWeight=0",
            "--Exchange:Enabled=false");
        var a = EngineFixtures.RunToDataset(on, 2).Dir;
        var b = EngineFixtures.RunToDataset(off, 2).Dir;
        Assert.False(Directory.Exists(Path.Combine(b, "spine_exposure")));
        foreach (var column in new[] { "time_h", "spine_id", "event_type", "head_volume_after_um3" })
            Assert.Equal(Read(b, "events", column, out _), Read(a, "events", column, out _));
    }

    [Fact]
    public void PrpsFromTheSomaEndStabiliseProximalSpinesMoreThanDistalOnes()
    {
        // PRPs made at x = 0 (soma end) only: a gradient along the dendrite; with PRP-fed stabilisation the
        // proximal third converts transient spines to persistent ones more often than the distal third; without
        // PRP feeding (weight 0) the two thirds do not differ.
        string[] common = ["--Run:DurationDays=12", "--Run:Replicates=1", "--Dendrites:Count=16",
            "--Exchange:Species:0:ProductionPlacement=Point", "--Exchange:Species:0:ProductionPositionUm=0",
            "--Exchange:Species:0:Initial:Placement=Point", "--Exchange:Species:0:Initial:PositionUm=0"];
        (int Proximal, int Distal) Stabilised(params string[] extra)
        {
            var dir = EngineFixtures.RunToDataset(EngineFixtures.Config("prp_tagging.json", [.. common, .. extra]), 2).Dir;
            var type = Read(dir, "events", "event_type", out _);
            var x = Doubles(dir, "events", "position_um");
            int p = 0, d = 0;
            for (int i = 0; i < type.Length; i++)
                if (type[i] == "stabilised") { if (x[i] < 100 / 3.0) p++; else if (x[i] > 200 / 3.0) d++; }
            return (p, d);
        }
        var fed = Stabilised();
        var unfed = Stabilised("--Plasticity:PrpStabilisationWeight=0");
        output.WriteLine($"stabilised proximal/distal: PRP-fed {fed.Proximal}/{fed.Distal}, not fed {unfed.Proximal}/{unfed.Distal}");
        Assert.True(fed.Proximal > 3 * Math.Max(1, fed.Distal), $"PRP-fed: proximal {fed.Proximal} vs distal {fed.Distal}");
        double ratio = (unfed.Proximal + 1.0) / (unfed.Distal + 1.0);
        Assert.InRange(ratio, 0.6, 1.6);
    }
}
