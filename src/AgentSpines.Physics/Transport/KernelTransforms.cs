using System.Numerics;

namespace AgentSpines.Physics.Transport;

/// <summary>Laplace transforms psi(s) of the capture and dwell densities of a species (Pareto has none in closed form).</summary>
public static class KernelTransforms
{
    public static Complex Capture(SpeciesModel m, Complex s)
    {
        var r = m.CaptureRatePerMs / (s + m.CaptureRatePerMs);
        return m.CaptureKernel == CaptureKernel.Exponential ? r : Complex.Pow(r, m.CaptureShape);
    }

    public static Complex Dwell(SpeciesModel m, Complex s) => m.DwellKernel switch
    {
        DwellKernel.Exponential => 1.0 / (1.0 + m.DwellTauMs * s),
        DwellKernel.Gamma => Complex.Pow(1.0 / (1.0 + m.DwellTauMs / m.DwellShape * s), m.DwellShape),
        DwellKernel.MittagLeffler => MittagLefflerFunction.DensityTransform(s, m.DwellMu, m.DwellTauMs),
        _ => throw new NotSupportedException("the Pareto dwell kernel has no closed-form Laplace transform here"),
    };

    /// <summary>Survival transform (1 - psi(s))/s.</summary>
    public static Complex Survival(Complex psi, Complex s) => (1.0 - psi) / s;
}
