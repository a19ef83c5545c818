using AgentSpines.Physics.Electrodiffusion;

namespace AgentSpines.Physics.Tests.Electrodiffusion;

public class StabilityLimitTests
{
    private static ElectrodiffusionSystem SpineA() => new(ElectrodiffusionParameters.Paper, SpineGeometry.SpineA);

    [Fact]
    public void SpineALimitIsJustAboveHalfANanosecond()
    {
        // Paper Fig. 2G-L: stable at 0.5 ns and below, unstable above.
        var sys = SpineA();
        double limit = ExplicitStabilityLimit.MaxTimeStepS(sys, sys.RestState());
        Assert.InRange(limit, 0.5e-9, 0.51e-9);
    }

    [Fact]
    public void StepAboveTheLimitIsRefusedWithAClearMessage()
    {
        var ex = Assert.Throws<ElectrodiffusionStabilityException>(() => new ReferenceExplicitSolver(SpineA(), 0.6e-9));
        Assert.Contains("stability limit", ex.Message);
        Assert.IsAssignableFrom<AgentSpines.Core.AgentSpinesInputException>(ex);
        Assert.Throws<ElectrodiffusionStabilityException>(() => new ReferenceEpisodeModel(timeStepS: 1e-9).Run(SpineGeometry.SpineA, SynapticInput.PaperFig1));
    }

    [Fact]
    public void TheLimitIsTheTrueInstabilityThreshold()
    {
        // Just below the limit the scheme stays bounded; the charge-relaxation eigenvalue explains the paper's 0.5 ns.
        var sys = SpineA();
        double limit = ExplicitStabilityLimit.MaxTimeStepS(sys, sys.RestState());
        var solver = new ReferenceExplicitSolver(sys, limit * 0.999);
        solver.AdvanceTo(20e-6, new BoundaryDrive(25e-12, sys.RestPotentialV));
        Assert.InRange(sys.PotentialV(solver.StateMM, 0) * 1e3, -65, -63);
    }

    [Fact]
    public void SturmBisectionFindsTheLargestEigenvalueOfAKnownMatrix()
    {
        // Tridiagonal (2, -1): eigenvalues 2 - 2 cos(k pi / (n + 1)).
        int n = 14;
        var d = Enumerable.Repeat(2.0, n).ToArray();
        var e = Enumerable.Repeat(-1.0, n - 1).ToArray();
        Assert.Equal(2 - 2 * Math.Cos(n * Math.PI / (n + 1)), ExplicitStabilityLimit.LargestEigenvalue(d, e), 1e-12);
    }

    [Fact]
    public void RestIsAnExactSteadyState()
    {
        var sys = SpineA();
        var rest = sys.RestState();
        for (int i = 0; i < sys.CompartmentCount; i++) Assert.Equal(-0.070, sys.PotentialV(rest, i), 1e-13);
        var reference = new ReferenceExplicitSolver(sys, 0.5e-9);
        reference.AdvanceTo(5e-6, new BoundaryDrive(0, sys.RestPotentialV));
        var fast = new FastRosenbrockSolver(sys);
        fast.AdvanceTo(5e-3, new BoundaryDrive(0, sys.RestPotentialV));
        for (int q = 0; q < rest.Length; q++)
        {
            Assert.Equal(rest[q], reference.StateMM[q], 1e-12);
            Assert.Equal(rest[q], fast.StateMM[q], 1e-12);
        }
    }
}
