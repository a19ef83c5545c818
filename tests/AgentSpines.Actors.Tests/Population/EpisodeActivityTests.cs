using AgentSpines.Actors.Population;
using AgentSpines.Actors.Simulation;
using AgentSpines.Plasticity.State;
using AgentSpines.EventLog.Reading;

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
        Assert.Equal(expected, a.CalciumUMS(100, 0.1), 12);
        Assert.Equal(0.370, a.CalciumUMS(100, 0.1), 3);
        Assert.Equal(2 * a.CalciumUMS(100, 0.2), a.CalciumUMS(100, 0.1), 12); // smaller heads reach higher concentrations
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
        string cache = Path.Combine(Path.GetTempPath(), "agentspines-surfaces-" + Guid.NewGuid().ToString("N"));
        var config = EngineFixtures.Config("baseline.json", "--Run:DurationDays=4", "--Run:Replicates=1", "--Dendrites:Count=1",
            "--Activity:Enabled=true", "--Activity:EpisodesPerSpinePerHour=4", $"--Activity:SurfaceCacheDir={cache}",
            "--Activity:SurfaceHeadVolumeMinUm3=0.01", "--Activity:SurfaceHeadVolumeMaxUm3=0.5", "--Activity:SurfaceTolerance=0.01");
        string dir;
        try
        {
            (dir, _) = EngineFixtures.RunToDataset(config, 2);
            Assert.Single(Directory.GetFiles(cache, "*.surface")); // the run built its surface into the cache directory
        }
        finally
        {
            if (Directory.Exists(cache)) Directory.Delete(cache, true);
        }
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

    [Fact]
    public void SurfaceResponsesAgreeWithDirectEpisodesForPopulationShapes()
    {
        var options = new ActivityOptions { SurfaceHeadVolumeMinUm3 = 0.02, SurfaceHeadVolumeMaxUm3 = 0.4, SurfaceTolerance = 0.002 };
        var surface = AgentSpines.Physics.Electrodiffusion.Surface.EpisodeSurfaceBuilder.Build(EpisodeActivity.SurfaceSpec(options, 0.4) with
        {
            NeckLengthNm = new AgentSpines.Physics.Electrodiffusion.Surface.SurfaceRange(300, 1500),
        });
        var viaSurface = EpisodeActivity.FromSurface(options, 0.4, surface);
        var direct = new EpisodeActivity(options, 0.4, new AgentSpines.Physics.Electrodiffusion.FastEpisodeModel());
        foreach (var (v, l) in new[] { (0.03, 0.4), (0.1, 0.8), (0.35, 1.4) })
        {
            var s = new SpineState { HeadVolumeUm3 = v, NeckLengthUm = l, NeckDiameterUm = 0.1, Stage = LifeStage.Thin };
            Assert.True(viaSurface.TryResponse(s, out var a));
            Assert.True(direct.TryResponse(s, out var b));
            Assert.True(a.MaxRelativeError(b) < 0.01, $"{v} um^3, {l} um: {a} vs {b}");
        }
        Assert.Equal(0, surface.ExactFallbacks);
        Assert.False(viaSurface.TryResponse(new SpineState { HeadVolumeUm3 = 0.002, NeckLengthUm = 0.5, NeckDiameterUm = 0.1 }, out _)); // head narrower than the neck
    }
}
