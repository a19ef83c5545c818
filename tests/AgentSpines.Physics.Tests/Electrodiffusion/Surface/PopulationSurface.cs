using AgentSpines.Physics.Electrodiffusion;
using AgentSpines.Physics.Electrodiffusion.Surface;

namespace AgentSpines.Physics.Tests.Electrodiffusion.Surface;

/// <summary>
/// The surface a default population run uses (Activity defaults: 25 pA for 10 ms, head length 500 nm, dendrite
/// radius 400 nm, neck diameter 100 nm, head volume 0.004-2 um^3, neck length 50-5000 nm), built once per test
/// process (about 2,600 fast episodes: 10-20 s of CPU).
/// </summary>
public static class PopulationSurface
{
    public static readonly EpisodeSurfaceSpec Spec = new()
    {
        Input = new SynapticInput { CurrentPA = 25, DurationMs = 10, TailMs = 0.1 },
        NeckDiameterNm = SurfaceRange.Fixed(100),
    };

    private static readonly Lazy<EpisodeResponseSurface> Built = new(() => EpisodeSurfaceBuilder.Build(Spec));

    public static EpisodeResponseSurface Surface => Built.Value;

    /// <summary>A cheap spec for cache tests: one axis, a handful of episodes.</summary>
    public static EpisodeSurfaceSpec Small(double headMin = 0.05) => new()
    {
        Input = new SynapticInput { TailMs = 0.1 },
        HeadVolumeUm3 = new SurfaceRange(headMin, 0.2),
        NeckLengthNm = SurfaceRange.Fixed(500),
        NeckDiameterNm = SurfaceRange.Fixed(70),
        InitialNodes = 3,
        MaxRefinements = 1,
        VerificationPoints = 3,
    };
}
