namespace AgentSpines.Physics.Electrodiffusion;

/// <summary>
/// Geometric bins of the episode cache: each dimension is cut on a logarithmic grid whose neighbouring points
/// differ by the given relative width (0.025 = 2.5 %). A width of 0 makes the dimension part of the exact key
/// (no interpolation), for values that do not vary in a population. Durations, dendritic step and compartment
/// length are always exact keys.
/// </summary>
public sealed record EpisodeCacheBinning
{
    public double HeadRadiusWidth { get; init; } = 0.025;
    public double HeadLengthWidth { get; init; } = 0.025;
    public double NeckDiameterWidth { get; init; } = 0.025;
    public double NeckLengthWidth { get; init; } = 0.025;
    public double DendriteRadiusWidth { get; init; }
    public double CurrentWidth { get; init; } = 0.025;

    public static EpisodeCacheBinning Default { get; } = new();

    internal double[] Widths() => new[] { HeadRadiusWidth, HeadLengthWidth, NeckDiameterWidth, NeckLengthWidth, DendriteRadiusWidth, CurrentWidth };
}
