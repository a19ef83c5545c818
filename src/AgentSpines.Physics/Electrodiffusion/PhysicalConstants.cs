namespace AgentSpines.Physics.Electrodiffusion;

/// <summary>SI constants (CODATA 2018 exact values) used by the electrodiffusion model.</summary>
public static class PhysicalConstants
{
    public const double ElementaryChargeC = 1.602176634e-19;
    public const double BoltzmannJPerK = 1.380649e-23;
    public const double AvogadroPerMol = 6.02214076e23;
    public const double FaradayCPerMol = ElementaryChargeC * AvogadroPerMol;
    public const double GasConstantJPerMolK = BoltzmannJPerK * AvogadroPerMol;
}
