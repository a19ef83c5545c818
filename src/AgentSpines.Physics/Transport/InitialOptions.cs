using AgentSpines.Core.Configuration;

namespace AgentSpines.Physics.Transport;

/// <summary>
/// Initial state of a species: Point puts every particle at PositionUm, Uniform spreads them over the dendrite.
/// The first round(FractionTrapped * N) particles (by index) start trapped in the spine at their position with
/// a fresh dwell time; the others start free with a fresh free time.
/// </summary>
public sealed class InitialOptions : IValidatable
{
    public InitialPlacement Placement { get; set; } = InitialPlacement.Point;
    public double PositionUm { get; set; } = 500.0;
    public double FractionTrapped { get; set; }

    public void Validate(ConfigValidator v)
    {
        v.Finite(PositionUm);
        v.Fraction(FractionTrapped);
    }
}
