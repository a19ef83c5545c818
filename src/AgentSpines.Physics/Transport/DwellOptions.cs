using AgentSpines.Core.Configuration;

namespace AgentSpines.Physics.Transport;

/// <summary>
/// Dwell time in a spine, psi2. Exponential: mean TauMs (lambda2 = 1/TauMs). Gamma: Erlang of integer Shape k with
/// mean TauMs. MittagLeffler: Laplace transform 1/(1 + (TauMs s)^Mu), 0 &lt; Mu &lt;= 1, tail ~ t^(-1-Mu), infinite
/// mean for Mu &lt; 1 (Mu = 1 is the exponential). Pareto: Lomax density (Mu/TauMs)(1 + t/TauMs)^(-1-Mu), Mu &gt; 0.
/// </summary>
public sealed class DwellOptions : IValidatable
{
    public DwellKernel Kernel { get; set; } = DwellKernel.Exponential;
    public double TauMs { get; set; } = 1.0;
    public double Mu { get; set; } = 1.0;
    public int Shape { get; set; } = 2;

    public void Validate(ConfigValidator v)
    {
        v.Positive(TauMs);
        v.Range(Shape, 1, 16);
        if (Kernel == DwellKernel.MittagLeffler)
            v.Require(double.IsFinite(Mu) && Mu > 0 && Mu <= 1, nameof(Mu), Mu, "a number in (0, 1] for the Mittag-Leffler kernel");
        else if (Kernel == DwellKernel.Pareto)
            v.Require(double.IsFinite(Mu) && Mu > 0 && Mu <= 10, nameof(Mu), Mu, "a number in (0, 10] for the Pareto kernel");
    }
}
