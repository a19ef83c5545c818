using AgentSpines.Physics.Electrodiffusion;

namespace AgentSpines.Physics.Tests.Electrodiffusion;

/// <summary>The fast Rodas3 solver against the explicit reference (issue 8 item 2): within 1 % on every quantity.</summary>
public class FastSolverAgreementTests
{
    [Fact]
    public void SpineAAgreesWithReferenceWithinOnePercent()
    {
        var fast = SharedReferenceRuns.RunFast(SpineGeometry.SpineA, SynapticInput.PaperFig1);
        EpisodeAssert.WithinRelative(SharedReferenceRuns.SpineA.Summary, fast, 0.01);
        Assert.True(fast.SolverSteps < 1000, $"fast solver took {fast.SolverSteps} steps");
    }

    [Fact]
    public void FastSolverReproducesThePaperNumbersToo()
    {
        var s = SharedReferenceRuns.RunFast(SpineGeometry.SpineA, SynapticInput.PaperFig1);
        Assert.InRange(s.HeadDepolarization10usMV, 5.7, 6.3);
        Assert.InRange(s.HeadDepolarizationEndMV, 7.1, 7.3);
        Assert.InRange(s.HeadKEndMM, 121.7, 122.3);
        Assert.InRange(s.HeadClEndMM, 11.3, 11.5);
        Assert.InRange(s.HeadNaEndMM, 29.1, 29.7);
        Assert.InRange(s.HeadPotentialAfter50usMV, -68.9, -68.7);
        Assert.InRange(s.NaDecayTauMs, 18.7, 19.7);
        Assert.InRange(s.NeckCurrentEndPA, 24.975, 25.025);
    }

    public static TheoryData<double, double, double> OtherSpines => new()
    {
        // head radius (nm), neck diameter (nm), current (pA): corners of the paper's Fig. 3 ranges
        { 150, 50, 15 },
        { 350, 100, 35 },
        { 150, 100, 35 },
        { 350, 50, 25 },
    };

    [Theory]
    [MemberData(nameof(OtherSpines))]
    public void OtherSpinesAgreeWithReferenceWithinOnePercent(double headRadiusNm, double neckDiameterNm, double currentPA)
    {
        var g = SpineGeometry.SpineA with { HeadRadiusNm = headRadiusNm, NeckDiameterNm = neckDiameterNm };
        var input = SynapticInput.PaperFig1 with { CurrentPA = currentPA };
        var reference = SharedReferenceRuns.RunReference(g, input, SharedReferenceRuns.ReferenceStepS).Summary;
        var fast = SharedReferenceRuns.RunFast(g, input);
        EpisodeAssert.WithinRelative(reference, fast, 0.01);
    }
}
