namespace AgentSpines.Physics.Electrodiffusion.Surface;

/// <summary>
/// The coordinates of an episode response surface, in this order: head volume (um^3), neck length (nm), neck
/// diameter (nm), synaptic current (pA), dendrite radius (nm). The grid is laid out in their logarithms.
/// </summary>
public enum SurfaceAxis
{
    HeadVolumeUm3 = 0,
    NeckLengthNm = 1,
    NeckDiameterNm = 2,
    CurrentPA = 3,
    DendriteRadiusNm = 4,
}

/// <summary>Range [Min, Max] of one coordinate; Min == Max makes it a fixed value (no interpolation along it).</summary>
public readonly record struct SurfaceRange(double Min, double Max)
{
    public static SurfaceRange Fixed(double value) => new(value, value);
    public bool IsFixed => Min == Max;
}
