using AgentSpines.Core.Configuration;

namespace AgentSpines.Physics.Transport;

/// <summary>
/// The "Transport" configuration section: run length, sample times, the dendrite and the particle species.
/// Sample times are t = 0 plus SampleCount times, evenly spaced up to DurationMs (Linear) or geometrically
/// spaced from FirstSampleMs to DurationMs (Log).
/// </summary>
public sealed class TransportOptions : IValidatable
{
    public double DurationMs { get; set; } = 100.0;
    public SampleSpacing Sampling { get; set; } = SampleSpacing.Linear;
    public int SampleCount { get; set; } = 100;
    public double FirstSampleMs { get; set; } = 0.1;
    /// <summary>Keep per-spine occupancy (current, time integral, per-step arrivals, mean and peak).</summary>
    public bool TrackOccupancy { get; set; }
    /// <summary>Also keep every capture and release event (small runs only).</summary>
    public bool TraceEvents { get; set; }
    /// <summary>Worker threads of the plain engine (0 = all cores). Results do not depend on it.</summary>
    public int Threads { get; set; }
    public TransportDendriteOptions Dendrite { get; set; } = new();
    public List<ParticleSpeciesOptions> Species { get; set; } = new();

    public void Validate(ConfigValidator v)
    {
        v.Positive(DurationMs);
        v.Range(SampleCount, 1, 1_000_000);
        v.Require(double.IsFinite(FirstSampleMs) && FirstSampleMs > 0 && FirstSampleMs < DurationMs, nameof(FirstSampleMs), FirstSampleMs, $"a number in (0, DurationMs = {DurationMs})");
        v.Range(Threads, 0, 1024);
        v.Require(Species.Count > 0, nameof(Species), Species.Count, "at least one species");
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < Species.Count; i++)
        {
            var s = Species[i];
            v.Require(names.Add(s.Name), $"{nameof(Species)}:{i}:Name", s.Name, "a name not used by another species");
            if (s.Initial.Placement == InitialPlacement.Point)
                v.Require(s.Initial.PositionUm >= 0 && s.Initial.PositionUm <= Dendrite.LengthUm, $"{nameof(Species)}:{i}:Initial:PositionUm", s.Initial.PositionUm, $"a position in [0, Dendrite:LengthUm = {Dendrite.LengthUm}]");
        }
        v.Require(Species.Count <= 4096, nameof(Species), Species.Count, "at most 4096 species");
    }

    /// <summary>0 followed by the SampleCount sample times, strictly increasing, the last equal to DurationMs.</summary>
    public double[] SampleTimesMs()
    {
        var t = new double[SampleCount + 1];
        for (int k = 1; k <= SampleCount; k++)
            t[k] = Sampling == SampleSpacing.Linear
                ? DurationMs * k / SampleCount
                : SampleCount == 1 ? DurationMs : FirstSampleMs * Math.Pow(DurationMs / FirstSampleMs, (k - 1.0) / (SampleCount - 1.0));
        t[SampleCount] = DurationMs;
        return t;
    }
}
