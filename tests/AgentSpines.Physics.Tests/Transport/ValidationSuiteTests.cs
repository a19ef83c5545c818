using AgentSpines.Physics.Transport;
using Xunit.Abstractions;

namespace AgentSpines.Physics.Tests.Transport;

/// <summary>Each theory check of MODEL.md section 1 as a test (fixed seeds; the tolerances are in the suite).</summary>
public sealed class ValidationSuiteTests(ITestOutputHelper output)
{
    private void AssertPass(ValidationCheck c)
    {
        output.WriteLine($"{c.Check}: expected {c.Expected:G5}, measured {c.Measured:G5}, tolerance {c.Tolerance:G3} -> {(c.Pass ? "pass" : "FAIL")} ({c.Detail})");
        Assert.True(c.Pass, $"{c.Check}: expected {c.Expected:G5}, measured {c.Measured:G5}, tolerance {c.Tolerance:G3}");
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    public void MittagLefflerSamplerMatchesItsDistribution(double mu) => AssertPass(TransportValidationSuite.MittagLefflerSamplerKs(mu));

    [Fact]
    public void MittagLefflerWithMuOneIsExponential() => AssertPass(TransportValidationSuite.MittagLefflerMuOneIsExponential());

    [Fact]
    public void MarkovianEffectiveDiffusion() => AssertPass(TransportValidationSuite.MarkovianDiffusion());

    [Fact]
    public void ReactionDecaysAtTheSlowEigenvalue() => AssertPass(TransportValidationSuite.ReactionSlowEigenvalue());

    [Fact]
    public void ReactionCountsMatchTheExactSolution()
    {
        foreach (var c in TransportValidationSuite.ReactionCountsAgainstExact()) AssertPass(c);
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(0.5)]
    [InlineData(0.7)]
    public void AnomalousMsdSlopeIsMu(double mu)
    {
        foreach (var c in TransportValidationSuite.AnomalousMsd(mu)) AssertPass(c);
    }

    [Fact]
    public void DriftMovesTheCentreOfMassAtVTimesFreeFraction() => AssertPass(TransportValidationSuite.DriftOfCentreOfMass());

    [Fact]
    public void Fig2AnomalousCaseLosesParticlesFaster()
    {
        foreach (var c in TransportValidationSuite.Fig2()) AssertPass(c);
    }
}
