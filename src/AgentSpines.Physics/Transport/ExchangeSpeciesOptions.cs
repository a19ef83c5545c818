using AgentSpines.Core.Configuration;

namespace AgentSpines.Physics.Transport;

/// <summary>
/// A species exchanged between a dendrite and the spines of a population run (section Exchange:Species). The
/// physics is that of ParticleSpeciesOptions on each dendrite (ParticleCount and Initial are per dendrite, at t = 0), plus
/// production: particles made at ProductionPerUmPerH per um of dendrite, uniformly along it or at a point (a
/// soma-end source with ProductionPlacement = Point), entering free at uniform times within each structural step.
/// With reaction rate theta in spines and no absorbing ends, uniform production P gives the steady trapped
/// density P/theta, i.e. a mean occupancy of P/(theta rho) particles per spine at spine density rho.
/// </summary>
public sealed class ExchangeSpeciesOptions : ParticleSpeciesOptions
{
    public double ProductionPerUmPerH { get; set; }
    public InitialPlacement ProductionPlacement { get; set; } = InitialPlacement.Uniform;
    public double ProductionPositionUm { get; set; }

    public ExchangeSpeciesOptions()
    {
        ParticleCount = 0;
        Initial = new InitialOptions { Placement = InitialPlacement.Uniform, PositionUm = 0 };
    }

    public override void Validate(ConfigValidator v)
    {
        base.Validate(v);
        v.Range(ProductionPerUmPerH, 0, 1e6, nameof(ProductionPerUmPerH));
        v.NonNegative(ProductionPositionUm, nameof(ProductionPositionUm));
    }
}
