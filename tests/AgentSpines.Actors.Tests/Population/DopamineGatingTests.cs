using Xunit.Abstractions;
using AgentSpines.EventLog.Reading;

namespace AgentSpines.Actors.Tests.Population;

/// <summary>
/// Issue 4: dopamine-gated enlargement in D1 neurons (Yagishita 2014) under cocaine. Activity drives the CaMKII
/// switch in both arms; enlargement (LTP) needs dopamine, which only cocaine's DAT block provides, while it is bound.
/// Issue 12: the shipped config has activity on, and its output differs from the same config with gating off.
/// </summary>
public class DopamineGatingTests(ITestOutputHelper output)
{
    private static List<(double TimeH, string Arm)> LtpEnlargements(params string[] extra)
    {
        // the shipped config as it is (activity on, D1-gated), only shorter and smaller
        var config = EngineFixtures.Config("cocaine.json", [.. new[] { "--Run:DurationDays=4.5", "--Run:Replicates=1", "--Dendrites:Count=3" }, .. extra]);
        Assert.True(config.Activity.Enabled, "configs/cocaine.json must ship with activity on");
        if (extra.Length == 0) Assert.True(config.Plasticity.DopamineGated, "configs/cocaine.json must ship with D1 gating");
        var dir = EngineFixtures.RunToDataset(config, 2).Dir;
        // early LTP inductions are counted per dendrite and step in the episodes table (the events table keeps what lasts)
        var rows = new List<(double, string)>();
        foreach (var f in Directory.EnumerateFiles(Path.Combine(dir, "episodes"), "*.parquet", SearchOption.AllDirectories))
        {
            using var r = ParquetFileReader.Open(f);
            var t = r.ReadColumn("time_h").ValuesAs<double>();
            var ltp = r.ReadColumn("ltp_inductions").ValuesAs<int>();
            var arm = r.ReadColumn("arm");
            for (int i = 0; i < t.Length; i++)
                for (int k = 0; k < ltp[i]; k++) rows.Add((t[i], (string)arm.GetValue(i)!));
        }
        return rows;
    }

    [Fact]
    public void EnlargementNeedsTheDopamineThatCocaineProvides()
    {
        var gated = LtpEnlargements();
        var ungated = LtpEnlargements("--Plasticity:DopamineGated=false");
        double[] doses = [72, 96]; // ReferenceDay 3, daily, within the 4.5 days
        bool NearDose(double t) => doses.Any(d => t > d && t <= d + 3);
        int drug = gated.Count(e => e.Arm == "drug"), vehicle = gated.Count(e => e.Arm == "vehicle");
        output.WriteLine($"D1-gated: drug {drug} LTP enlargements ({gated.Count(e => e.Arm == "drug" && NearDose(e.TimeH))} within 3 h of a dose), vehicle {vehicle}; " +
                         $"ungated: drug {ungated.Count(e => e.Arm == "drug")}, vehicle {ungated.Count(e => e.Arm == "vehicle")}");
        Assert.Equal(0, vehicle);                                          // no dopamine, no enlargement
        Assert.True(drug >= 10, $"only {drug} enlargements under cocaine");
        Assert.All(gated.Where(e => e.Arm == "drug"), e => Assert.True(NearDose(e.TimeH), $"enlargement at {e.TimeH} h, away from any dose"));
        // without gating, activity enlarges spines in both arms and at all times
        int uv = ungated.Count(e => e.Arm == "vehicle");
        Assert.True(uv > 3 * drug, $"ungated vehicle {uv} vs gated drug {drug}");
        Assert.Contains(ungated, e => e.Arm == "vehicle" && e.TimeH < 72);
    }
}
