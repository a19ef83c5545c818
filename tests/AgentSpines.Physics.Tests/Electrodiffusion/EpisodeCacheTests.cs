using AgentSpines.Physics.Electrodiffusion;

namespace AgentSpines.Physics.Tests.Electrodiffusion;

/// <summary>The geometry-binned episode cache stays within 1 % of direct fast episodes.</summary>
public class EpisodeCacheTests
{
    [Fact]
    public void CachedEpisodesStayWithinOnePercentOfDirectOnes()
    {
        var direct = new FastEpisodeModel();
        var cached = new CachedEpisodeModel(direct);
        double worst = 0;
        // Deterministic spread over the paper's ranges (golden-ratio sequences, no random generator needed).
        for (int i = 1; i <= 12; i++)
        {
            double u1 = Frac(i * 0.6180339887), u2 = Frac(i * 0.7548776662), u3 = Frac(i * 0.5698402910), u4 = Frac(i * 0.3247179572), u5 = Frac(i * 0.8191725134);
            var g = SpineGeometry.SpineA with
            {
                HeadRadiusNm = 150 + 200 * u1,
                NeckDiameterNm = 50 + 50 * u2,
                NeckLengthNm = 300 + 500 * u3,
                HeadLengthNm = 400 + 300 * u5,
            };
            var input = new SynapticInput { CurrentPA = 15 + 20 * u4, DurationMs = 10, DendriteStepMV = 6, DendriteStepDurationMs = 10 };
            worst = Math.Max(worst, EpisodeAssert.WithinRelative(direct.Run(g, input), cached.Run(g, input), 0.01));
        }
        Assert.True(worst < 0.01);
    }

    [Fact]
    public void RepeatedQueriesInTheSameBinReuseTheCorners()
    {
        var cached = new CachedEpisodeModel(new FastEpisodeModel());
        var input = SynapticInput.PaperFig1;
        cached.Run(SpineGeometry.SpineA with { NeckDiameterNm = 71 }, input);
        int corners = cached.CornerCount;
        cached.Run(SpineGeometry.SpineA with { NeckDiameterNm = 71.5 }, input);
        Assert.Equal(corners, cached.CornerCount);
        var s = cached.Run(SpineGeometry.SpineA with { NeckDiameterNm = 71.5 }, input);
        Assert.Equal(0, s.SolverSteps);
    }

    private static double Frac(double x) => x - Math.Floor(x);
}
