using AgentSpines.Core.Configuration;

namespace AgentSpines.Physics.Transport;

/// <summary>One particle species: free motion in the dendrite, capture, dwell and reaction in spines.</summary>
public class ParticleSpeciesOptions : IValidatable
{
    public string Name { get; set; } = "particle";
    public int ParticleCount { get; set; } = 1000;
    public double DiffusionUm2PerMs { get; set; } = 0.2;
    public double DriftUmPerMs { get; set; }
    /// <summary>Removal rate theta of trapped particles (buffers, pumps), per ms; free particles do not react.</summary>
    public double ReactionRatePerMs { get; set; }
    public CaptureOptions Capture { get; set; } = new();
    public DwellOptions Dwell { get; set; } = new();
    public InitialOptions Initial { get; set; } = new();

    public virtual void Validate(ConfigValidator v)
    {
        v.NotEmpty(Name);
        v.Range(ParticleCount, 0, 100_000_000);
        v.NonNegative(DiffusionUm2PerMs);
        v.Finite(DriftUmPerMs);
        v.NonNegative(ReactionRatePerMs);
    }
}
