using AgentSpines.Physics.Electrodiffusion;

namespace AgentSpines.Physics.Tests.Electrodiffusion;

public class NmdaConductanceTests
{
    [Theory]
    [InlineData(0, 0.931966)]          // 1 / 1.073
    [InlineData(-70, 0.0715776)]       // 1 / (1 + 0.073 e^{5.18})
    [InlineData(-85, 0.0247781)]
    [InlineData(40, 0.996231)]
    public void ConductanceFollowsThePaperFormula(double vMV, double expected)
    {
        Assert.Equal(expected, NmdaConductance.Paper.Normalised(vMV), 5e-6);
        Assert.Equal(1.0 / (1.0 + 0.073 * Math.Exp(-0.074 * vMV)), NmdaConductance.Paper.Normalised(vMV), 1e-15);
    }

    [Fact]
    public void CurrentIsInwardBelowReversalAndGrowsWithDepolarisationInTheSpineRange()
    {
        var n = NmdaConductance.Paper;
        Assert.Equal(0, n.InwardCurrentPA(0), 1e-15);
        Assert.True(n.InwardCurrentPA(-40) > 0);
        Assert.True(n.InwardCurrentPA(10) < 0);
        for (double v = -90; v < -45; v += 1) Assert.True(n.InwardCurrentPA(v + 1) > n.InwardCurrentPA(v));
    }
}
