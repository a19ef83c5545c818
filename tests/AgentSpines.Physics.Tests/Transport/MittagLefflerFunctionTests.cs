using System.Numerics;
using AgentSpines.Physics.Transport;

namespace AgentSpines.Physics.Tests.Transport;

public sealed class MittagLefflerFunctionTests
{
    [Fact]
    public void LaplaceInversionRecoversKnownPairs()
    {
        foreach (double t in new[] { 0.01, 0.5, 3.0, 20.0 })
        {
            Assert.Equal(Math.Exp(-t), LaplaceInversion.Invert(s => 1.0 / (s + 1.0), t), 1e-8);
            Assert.Equal(Math.Sin(t), LaplaceInversion.Invert(s => 1.0 / (s * s + 1.0), t), 1e-6);
        }
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(0.5)]
    [InlineData(0.8)]
    public void SurvivalMatchesThePowerSeriesAtSmallArguments(double mu)
    {
        foreach (double x in new[] { 0.05, 0.3, 1.0 })
        {
            double t = Math.Pow(x, 1.0 / mu);
            Assert.Equal(MittagLefflerFunction.SeriesNegative(x, mu), MittagLefflerFunction.Survival(t, mu, 1.0), 1e-6);
        }
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(0.5)]
    [InlineData(0.8)]
    public void SurvivalMatchesTheAsymptoticExpansionAtLargeArguments(double mu)
    {
        double x = 200.0, t = Math.Pow(x, 1.0 / mu);
        double asym = MittagLefflerFunction.AsymptoticNegative(x, mu, 4);
        Assert.Equal(asym, MittagLefflerFunction.Survival(t, mu, 1.0), 1e-4 * asym + 1e-9);
    }

    [Fact]
    public void HalfOrderHasTheClosedFormErfcx()
    {
        // E_{1/2}(-x) = exp(x^2) erfc(x)
        foreach (double x in new[] { 0.2, 1.0, 3.0 })
        {
            double exact = Math.Exp(x * x) * MathNet.Numerics.SpecialFunctions.Erfc(x);
            Assert.Equal(exact, MittagLefflerFunction.Survival(x * x, 0.5, 1.0), 1e-7);
        }
    }

    [Fact]
    public void DensityTransformAtMuOneIsExponential()
    {
        var s = new Complex(0.7, 0.2);
        Assert.True(Complex.Abs(MittagLefflerFunction.DensityTransform(s, 1.0, 2.0) - 1.0 / (1.0 + 2.0 * s)) < 1e-14);
    }
}
