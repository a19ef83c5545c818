namespace AgentSpines.Physics.Tests.Electrodiffusion;

/// <summary>dt = 0.5 ns gives the same numbers as the paper's 0.1 ns to better than 1e-5.</summary>
public class TimeStepAgreementTests
{
    [Fact]
    public void HalfNanosecondAgreesWithTenthNanosecond()
    {
        var coarse = SharedReferenceRuns.SpineA.Summary;
        var fine = SharedReferenceRuns.SpineAFineStep.Summary;
        EpisodeAssert.WithinRelative(fine, coarse, 1e-5);
    }
}
