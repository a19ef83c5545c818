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
        Assert.All(chain.Length_m, h => Assert.Equal(100e-9, h, 1e-20));
        Assert.All(chain.Radius_m.Take(5), r => Assert.Equal(250e-9, r, 1e-18));
        Assert.All(chain.Radius_m.Skip(5).Take(5), r => Assert.Equal(35e-9, r, 1e-18));
        Assert.All(chain.Radius_m.Skip(10), r => Assert.Equal(400e-9, r, 1e-18));
        // The head volume the figures need (0.098 um^3, not the text's 0.01 um^3).
        Assert.Equal(0.0982, SpineGeometry.SpineA.HeadVolume_um3, 1e-4);
    }

    [Fact]
    public void HeadVolumeReplacesHeadRadiusAtTheGivenLength()
    {
        var g = SpineGeometry.WithHeadVolume(SpineGeometry.SpineA, 0.098);
        Assert.Equal(249.7, g.HeadRadius_nm, 0.1);
        Assert.Equal(0.098, g.HeadVolume_um3, 1e-12);
    }

    [Fact]
    public void LengthsOffTheLatticeKeepHeadVolumeAndNeckResistance()
    {
        var g = SpineGeometry.SpineA with { HeadLength_nm = 430, NeckLength_nm = 660 };
        var chain = CompartmentChain.Build(g);
        Assert.Equal(4, chain.HeadCount);
        Assert.Equal(7, chain.NeckCount);
        double headVolume = 0, neckLengthOverArea = 0;
        for (int i = 0; i < chain.HeadCount; i++) headVolume += Math.PI * chain.Radius_m[i] * chain.Radius_m[i] * chain.Length_m[i];
        for (int i = chain.FirstNeckIndex; i < chain.FirstDendriteIndex; i++) neckLengthOverArea += chain.Length_m[i] / (Math.PI * chain.Radius_m[i] * chain.Radius_m[i]);
        Assert.Equal(g.HeadVolume_um3 * 1e-18, headVolume, 1e-30);
        Assert.Equal(660e-9 / (Math.PI * 35e-9 * 35e-9), neckLengthOverArea, 1e-3 * neckLengthOverArea);
    }

    [Fact]
    public void EpisodesChangeSmoothlyAcrossACompartmentCountChange()
    {
        // 449 nm -> 4 neck compartments, 451 nm -> 5: every quantity moves by well under 1 %.
        var model = new FastEpisodeModel();
        var a = model.Run(SpineGeometry.SpineA with { NeckLength_nm = 449, HeadLength_nm = 449 }, SynapticInput.PaperFig1);
        var b = model.Run(SpineGeometry.SpineA with { NeckLength_nm = 451, HeadLength_nm = 451 }, SynapticInput.PaperFig1);
        EpisodeAssert.WithinRelative(a, b, 0.01);
    }

    [Theory]
    [InlineData(-250, 70, "head radius")]
    [InlineData(250, 600, "neck diameter")]
    [InlineData(double.NaN, 70, "head radius")]
    public void BadGeometryIsAUserError(double headRadius_nm, double neckDiameter_nm, string named)
    {
        var g = SpineGeometry.SpineA with { HeadRadius_nm = headRadius_nm, NeckDiameter_nm = neckDiameter_nm };
        var ex = Assert.ThrowsAny<AgentSpinesInputException>(() => new FastEpisodeModel().Run(g, SynapticInput.PaperFig1));
        Assert.Contains(named, ex.Message);
    }

    [Fact]
    public void BadInputIsAUserError()
    {
        Assert.ThrowsAny<AgentSpinesInputException>(() => new FastEpisodeModel().Run(SpineGeometry.SpineA, SynapticInput.PaperFig1 with { Current_pA = -5 }));
        Assert.ThrowsAny<AgentSpinesInputException>(() => new FastEpisodeModel().Run(SpineGeometry.SpineA, SynapticInput.PaperFig1 with { DendriteStep_mV = 6 }));
        Assert.ThrowsAny<AgentSpinesInputException>(() => new ElectrodiffusionSystem(ElectrodiffusionParameters.Paper with { Temperature_K = -3 }, SpineGeometry.SpineA));
    }
}
