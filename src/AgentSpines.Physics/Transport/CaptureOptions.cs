using AgentSpines.Core.Configuration;

namespace AgentSpines.Physics.Transport;

/// <summary>
/// Capture of a free particle by a spine. The capture rate is lambda1 = rho_l * lambda1' (paper, PRL 2008):
/// RateUmPerMs is lambda1' (um/ms) and the dendrite's SpineDensityPerUm is rho_l, so lambda1 is per ms.
/// Exponential: psi1(t) = lambda1 e^(-lambda1 t), mean 1/lambda1. Gamma: psi1(t) = lambda1^k t^(k-1)
/// e^(-lambda1 t)/(k-1)! with integer Shape k (k = 2 is the paper's), mean k/lambda1.
/// </summary>
public sealed class CaptureOptions : IValidatable
{
    public CaptureKernel Kernel { get; set; } = CaptureKernel.Exponential;
    public double RateUmPerMs { get; set; } = 0.1;
    public int Shape { get; set; } = 2;

    public void Validate(ConfigValidator v)
    {
        v.Positive(RateUmPerMs);
        v.Range(Shape, 1, 16);
    }
}
