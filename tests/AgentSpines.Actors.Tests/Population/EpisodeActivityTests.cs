using AgentSpines.Actors.Population;
using AgentSpines.Actors.Simulation;
using AgentSpines.EventLog;
using AgentSpines.Plasticity.State;

namespace AgentSpines.Actors.Tests.Population;

public class EpisodeActivityTests
{
    [Fact]
    public void CalciumProxyFollowsChargeBalance()
    {
        var a = new EpisodeActivity(new ActivityOptions(), 0.4, null!);
        // 100 fC, 10% Ca, head 0.1 um^3: total Ca = 0.1*100e-15 C / (2F) = 5.18e-20 mol = 518 uM in 1e-16 L;
        // free = 518 / 21 = 24.7 uM, times 15 ms = 0.370 uM*s.
        double expected = 0.1 * 100e-15 / (2 * 96485.33212) / (0.1e-15) * 1e6 / 21 * 0.015;
        Assert.Equal(expected, a.CalciumUmS(100, 0.1), 12);
        Assert.Equal(0.370, a.CalciumUmS(100, 0.1), 3);
        Assert.Equal(2 * a.CalciumUmS(100, 0.2), a.CalciumUmS(100, 0.1), 12); // smaller heads reach higher concentrations
    }

    [Fact]
    public void GeometryFollowsTheSpine()
    {
        var a = new EpisodeActivity(new ActivityOptions(), 0.4, null!);
        var s = new SpineState { HeadVolumeUm3 = 0.098, NeckDiameterUm = 0.07, NeckLengthUm = 0.5, Stage = LifeStage.Mushroom };
        var g = a.Geometry(s)!;
        Assert.Equal(250, g.HeadRadiusNm, 0); // the paper's spine A: 0.098 um^3 over a 500 nm head
        Assert.Equal(70, g.NeckDiameterNm, 9);
        Assert.Null(a.Geometry(new SpineState { HeadVolumeUm3 = 0.098, NeckDiameterUm = 2, NeckLengthUm = 0.5 })); // neck wider than head
    }

    [Fact]
    public void ActiveRunLogsEpisodesAndFeedsPlasticity()
    {
        var config = EngineFixtures.Config("baseline.json", "--Run:DurationDays=4", "--Run:Replicates=1", "--Dendrites:Count=1",
            "--Activity:Enabled=true", "--Activity:EpisodesPerSpinePerHour=4");
        var (dir, _) = EngineFixtures.RunToDataset(config, 2);
        var file = Directory.EnumerateFiles(Path.Combine(dir, "episodes"), "*.parquet", SearchOption.AllDirectories).Single();
        using var r = ParquetFileReader.Open(file);
        var calcium = r.ReadColumn("calcium_um_s").ValuesAs<double>();
        var peak = r.ReadColumn("mean_peak_depolarization_mv").ValuesAs<double>();
        var n = r.ReadColumn("episodes").ValuesAs<int>();
        Assert.True(calcium.Length > 100, $"{calcium.Length} episode rows");
        Assert.All(calcium, c => Assert.True(c > 0 && double.IsFinite(c)));
        Assert.All(peak, p => Assert.InRange(p, 0.5, 60)); // mV above rest for 25 pA inputs
        Assert.InRange(n.Average(), 4 * 0.8, 4 * 1.3 + 1); // Poisson(4) conditioned on >= 1
    }
}
