using AgentSpines.Core.Configuration;

namespace AgentSpines.Physics.Transport;

/// <summary>
/// The dendrite: a line [0, LengthUm] with a uniform linear spine density rho_l (spines per um). Spine i sits at
/// (i + 0.5)/rho_l and captures the particles caught in its cell [i/rho_l, (i+1)/rho_l). SegmentCount splits the
/// line into equal stretches (one segment actor each in the actor version).
/// </summary>
public sealed class TransportDendriteOptions : IValidatable
{
    public double LengthUm { get; set; } = 1000.0;
    public double SpineDensityPerUm { get; set; } = 10.0;
    public EndCondition End { get; set; } = EndCondition.Reflecting;
    public int SegmentCount { get; set; } = 10;

    /// <summary>Derived, not a configuration key (kept out of the resolved JSON).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public int SpineCount => Math.Max(1, (int)Math.Round(LengthUm * SpineDensityPerUm));

    public void Validate(ConfigValidator v)
    {
        v.Positive(LengthUm);
        v.Positive(SpineDensityPerUm);
        v.Require(LengthUm * SpineDensityPerUm <= 50_000_000, nameof(SpineDensityPerUm), SpineDensityPerUm, "at most 5e7 spines on the dendrite (LengthUm * SpineDensityPerUm)");
        v.Range(SegmentCount, 1, 1_000_000);
    }
}
