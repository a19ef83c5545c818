using System.Globalization;
using AgentSpines.Core;

namespace AgentSpines.Physics.Electrodiffusion;

/// <summary>
/// Shape of one spine as a chain of cylinders (all lengths and radii in nm): head (radius, length), neck
/// (diameter, length) and a piece of parent dendrite (radius, length), cut into compartments of
/// <see cref="CompartmentLengthNm"/>. Defaults are the paper's spine A as its code builds it: head 5 x 100 nm of
/// radius 250 nm (0.098 um^3), neck 5 x 100 nm of diameter 70 nm, dendrite 4 x 100 nm of radius 400 nm.
/// </summary>
public sealed record SpineGeometry
{
    public double HeadRadiusNm { get; init; } = 250;
    public double HeadLengthNm { get; init; } = 500;
    public double NeckDiameterNm { get; init; } = 70;
    public double NeckLengthNm { get; init; } = 500;
    public double DendriteRadiusNm { get; init; } = 400;
    public double DendriteLengthNm { get; init; } = 400;
    public double CompartmentLengthNm { get; init; } = 100;

    public static SpineGeometry SpineA { get; } = new();

    /// <summary>Head as a cylinder of the given volume (um^3) and length (nm): radius = sqrt(V / (pi L)).</summary>
    public static SpineGeometry WithHeadVolume(SpineGeometry template, double headVolumeUm3)
    {
        if (!(headVolumeUm3 > 0) || !double.IsFinite(headVolumeUm3))
            throw new AgentSpinesInputException($"spine geometry: head volume {Fmt(headVolumeUm3)} um^3 must be positive");
        double radiusNm = Math.Sqrt(headVolumeUm3 * 1e9 / (Math.PI * template.HeadLengthNm));
        return template with { HeadRadiusNm = radiusNm };
    }

    public double HeadVolumeUm3 => Math.PI * HeadRadiusNm * HeadRadiusNm * HeadLengthNm * 1e-9;
    public double NeckRadiusNm => NeckDiameterNm / 2;

    public void Validate()
    {
        Positive(HeadRadiusNm, "head radius (nm)", 10, 5000);
        Positive(HeadLengthNm, "head length (nm)", 10, 10000);
        Positive(NeckDiameterNm, "neck diameter (nm)", 5, 2000);
        Positive(NeckLengthNm, "neck length (nm)", 10, 10000);
        Positive(DendriteRadiusNm, "dendrite radius (nm)", 20, 10000);
        Positive(DendriteLengthNm, "dendrite length (nm)", 10, 20000);
        Positive(CompartmentLengthNm, "compartment length (nm)", 5, 1000);
        if (NeckRadiusNm >= HeadRadiusNm)
            throw new AgentSpinesInputException($"spine geometry: neck diameter {Fmt(NeckDiameterNm)} nm must be narrower than the head (diameter {Fmt(2 * HeadRadiusNm)} nm)");
        if (NeckRadiusNm >= DendriteRadiusNm)
            throw new AgentSpinesInputException($"spine geometry: neck diameter {Fmt(NeckDiameterNm)} nm must be narrower than the dendrite (diameter {Fmt(2 * DendriteRadiusNm)} nm)");
        double shortest = Math.Min(HeadLengthNm, Math.Min(NeckLengthNm, DendriteLengthNm));
        if (CompartmentLengthNm > shortest * 2)
            throw new AgentSpinesInputException($"spine geometry: compartment length {Fmt(CompartmentLengthNm)} nm is longer than twice the shortest section ({Fmt(shortest)} nm)");
        if ((HeadLengthNm + NeckLengthNm + DendriteLengthNm) / CompartmentLengthNm > 2000)
            throw new AgentSpinesInputException($"spine geometry: compartment length {Fmt(CompartmentLengthNm)} nm gives more than 2000 compartments");
    }

    private static void Positive(double v, string what, double min, double max)
    {
        if (!double.IsFinite(v) || v <= 0)
            throw new AgentSpinesInputException($"spine geometry: {what} = {Fmt(v)} must be a positive number");
        if (v < min || v > max)
            throw new AgentSpinesInputException($"spine geometry: {what} = {Fmt(v)} is outside [{Fmt(min)}, {Fmt(max)}]");
    }

    private static string Fmt(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}
