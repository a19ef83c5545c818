using AgentSpines.Core.Configuration;

namespace AgentSpines.Actors.Simulation;

/// <summary>The "Dendrites" section: how many dendrites, how long, cut into segments of what length.</summary>
public sealed class DendriteOptions : IValidatable
{
    /// <summary>Spine ids carry dendrite + 1 in their top 16 bits (<see cref="Core.Identity.SpineId"/>).</summary>
    public const int MaxCount = Core.Identity.SpineId.MaxDendrites - 1;

    public int Count { get; set; } = 10;
    public double LengthUm { get; set; } = 100;
    /// <summary>Length of one segment (its own formation stream and loss sites), in um.</summary>
    public double SegmentLengthUm { get; set; } = 10;
    /// <summary>Dendrite shaft radius in um (electrodiffusion and transport geometry).</summary>
    public double RadiusUm { get; set; } = 0.4;

    public void Validate(ConfigValidator v)
    {
        v.Range(Count, 1, MaxCount);
        v.Range(LengthUm, 1, 100_000);
        v.Range(SegmentLengthUm, 0.5, 10_000);
        v.Require(SegmentLengthUm <= LengthUm, nameof(SegmentLengthUm), SegmentLengthUm, $"at most Dendrites:LengthUm ({LengthUm})");
        v.Require(Math.Ceiling(LengthUm / SegmentLengthUm) <= 65_535, nameof(SegmentLengthUm), SegmentLengthUm, "a length giving at most 65535 segments per dendrite");
        v.Range(RadiusUm, 0.05, 5);
    }
}
