using AgentSpines.Core;
using AgentSpines.Physics.Electrodiffusion;

namespace AgentSpines.Physics.Tests.Electrodiffusion;

public class GeometryTests
{
    [Fact]
    public void SpineAIsFourteenCompartmentsAsThePaperCodeBuildsIt()
    {
        var chain = CompartmentChain.Build(SpineGeometry.SpineA);
        Assert.Equal(14, chain.Count);
        Assert.Equal((5, 5, 4), (chain.HeadCount, chain.NeckCount, chain.DendriteCount));
        Assert.All(chain.LengthM, h => Assert.Equal(100e-9, h, 1e-20));
        Assert.All(chain.RadiusM.Take(5), r => Assert.Equal(250e-9, r, 1e-18));
        Assert.All(chain.RadiusM.Skip(5).Take(5), r => Assert.Equal(35e-9, r, 1e-18));
        Assert.All(chain.RadiusM.Skip(10), r => Assert.Equal(400e-9, r, 1e-18));
        // The head volume the figures need (0.098 um^3, not the text's 0.01 um^3).
        Assert.Equal(0.0982, SpineGeometry.SpineA.HeadVolumeUm3, 1e-4);
    }

    [Fact]
    public void HeadVolumeReplacesHeadRadiusAtTheGivenLength()
    {
        var g = SpineGeometry.WithHeadVolume(SpineGeometry.SpineA, 0.098);
        Assert.Equal(249.7, g.HeadRadiusNm, 0.1);
        Assert.Equal(0.098, g.HeadVolumeUm3, 1e-12);
    }

    [Fact]
    public void LengthsOffTheLatticeKeepHeadVolumeAndNeckResistance()
    {
        var g = SpineGeometry.SpineA with { HeadLengthNm = 430, NeckLengthNm = 660 };
        var chain = CompartmentChain.Build(g);
        Assert.Equal(4, chain.HeadCount);
        Assert.Equal(7, chain.NeckCount);
        double headVolume = 0, neckLengthOverArea = 0;
        for (int i = 0; i < chain.HeadCount; i++) headVolume += Math.PI * chain.RadiusM[i] * chain.RadiusM[i] * chain.LengthM[i];
        for (int i = chain.FirstNeckIndex; i < chain.FirstDendriteIndex; i++) neckLengthOverArea += chain.LengthM[i] / (Math.PI * chain.RadiusM[i] * chain.RadiusM[i]);
        Assert.Equal(g.HeadVolumeUm3 * 1e-18, headVolume, 1e-30);
        Assert.Equal(660e-9 / (Math.PI * 35e-9 * 35e-9), neckLengthOverArea, 1e-3 * neckLengthOverArea);
    }

    [Fact]
    public void EpisodesChangeSmoothlyAcrossACompartmentCountChange()
    {
        // 449 nm -> 4 neck compartments, 451 nm -> 5: every quantity moves by well under 1 %.
        var model = new FastEpisodeModel();
        var a = model.Run(SpineGeometry.SpineA with { NeckLengthNm = 449, HeadLengthNm = 449 }, SynapticInput.PaperFig1);
        var b = model.Run(SpineGeometry.SpineA with { NeckLengthNm = 451, HeadLengthNm = 451 }, SynapticInput.PaperFig1);
        EpisodeAssert.WithinRelative(a, b, 0.01);
    }

    [Theory]
    [InlineData(-250, 70, "head radius")]
    [InlineData(250, 600, "neck diameter")]
    [InlineData(double.NaN, 70, "head radius")]
    public void BadGeometryIsAUserError(double headRadiusNm, double neckDiameterNm, string named)
    {
        var g = SpineGeometry.SpineA with { HeadRadiusNm = headRadiusNm, NeckDiameterNm = neckDiameterNm };
        var ex = Assert.ThrowsAny<AgentSpinesInputException>(() => new FastEpisodeModel().Run(g, SynapticInput.PaperFig1));
        Assert.Contains(named, ex.Message);
    }

    [Fact]
    public void BadInputIsAUserError()
    {
        Assert.ThrowsAny<AgentSpinesInputException>(() => new FastEpisodeModel().Run(SpineGeometry.SpineA, SynapticInput.PaperFig1 with { CurrentPA = -5 }));
        Assert.ThrowsAny<AgentSpinesInputException>(() => new FastEpisodeModel().Run(SpineGeometry.SpineA, SynapticInput.PaperFig1 with { DendriteStepMV = 6 }));
        Assert.ThrowsAny<AgentSpinesInputException>(() => new ElectrodiffusionSystem(ElectrodiffusionParameters.Paper with { TemperatureK = -3 }, SpineGeometry.SpineA));
    }
}
