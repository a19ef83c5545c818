using System.Globalization;
using AgentSpines.Core;

namespace AgentSpines.Physics.Electrodiffusion;

/// <summary>
/// Shape of one spine as a chain of cylinders (all lengths and radii in nm): head (radius, length), neck
/// (diameter, length) and a piece of parent dendrite (radius, length), cut into compartments of
/// <see cref="CompartmentLength_nm"/>. Defaults are the paper's spine A as its code builds it: head 5 x 100 nm of
/// radius 250 nm (0.098 um^3), neck 5 x 100 nm of diameter 70 nm, dendrite 4 x 100 nm of radius 400 nm.
/// </summary>
public sealed record SpineGeometry
{
    public double HeadRadius_nm { get; init; } = 250;
    public double HeadLength_nm { get; init; } = 500;
    public double NeckDiameter_nm { get; init; } = 70;
    public double NeckLength_nm { get; init; } = 500;
    public double DendriteRadius_nm { get; init; } = 400;
    public double DendriteLength_nm { get; init; } = 400;
    public double CompartmentLength_nm { get; init; } = 100;

    public static SpineGeometry SpineA { get; } = new();

    /// <summary>Head as a cylinder of the given volume (um^3) and length (nm): radius = sqrt(V / (pi L)).</summary>
    public static SpineGeometry WithHeadVolume(SpineGeometry template, double headVolume_um3)
    {
        if (!(headVolume_um3 > 0) || !double.IsFinite(headVolume_um3))
            throw new AgentSpinesInputException($"spine geometry: head volume {Fmt(headVolume_um3)} um^3 must be positive");
        double radius_nm = Math.Sqrt(headVolume_um3 * 1e9 / (Math.PI * template.HeadLength_nm));
        return template with { HeadRadius_nm = radius_nm };
    }

    public double HeadVolume_um3 => Math.PI * HeadRadius_nm * HeadRadius_nm * HeadLength_nm * 1e-9;
    public double NeckRadius_nm => NeckDiameter_nm / 2;

    public void Validate()
    {
        Positive(HeadRadius_nm, "head radius (nm)", 10, 5000);
        Positive(HeadLength_nm, "head length (nm)", 10, 10000);
        Positive(NeckDiameter_nm, "neck diameter (nm)", 5, 2000);
        Positive(NeckLength_nm, "neck length (nm)", 10, 10000);
        Positive(DendriteRadius_nm, "dendrite radius (nm)", 20, 10000);
        Positive(DendriteLength_nm, "dendrite length (nm)", 10, 20000);
        Positive(CompartmentLength_nm, "compartment length (nm)", 5, 1000);
        if (NeckRadius_nm >= HeadRadius_nm)
            throw new AgentSpinesInputException($"spine geometry: neck diameter {Fmt(NeckDiameter_nm)} nm must be narrower than the head (diameter {Fmt(2 * HeadRadius_nm)} nm)");
        if (NeckRadius_nm >= DendriteRadius_nm)
            throw new AgentSpinesInputException($"spine geometry: neck diameter {Fmt(NeckDiameter_nm)} nm must be narrower than the dendrite (diameter {Fmt(2 * DendriteRadius_nm)} nm)");
        double shortest = Math.Min(HeadLength_nm, Math.Min(NeckLength_nm, DendriteLength_nm));
        if (CompartmentLength_nm > shortest * 2)
            throw new AgentSpinesInputException($"spine geometry: compartment length {Fmt(CompartmentLength_nm)} nm is longer than twice the shortest section ({Fmt(shortest)} nm)");
        if ((HeadLength_nm + NeckLength_nm + DendriteLength_nm) / CompartmentLength_nm > 2000)
            throw new AgentSpinesInputException($"spine geometry: compartment length {Fmt(CompartmentLength_nm)} nm gives more than 2000 compartments");
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
