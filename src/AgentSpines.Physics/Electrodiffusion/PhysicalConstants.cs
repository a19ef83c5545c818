namespace AgentSpines.Physics.Electrodiffusion;

/// <summary>SI constants (CODATA 2018 exact values) used by the electrodiffusion model.</summary>
public static class PhysicalConstants
{
    public const double ElementaryCharge_C = 1.602176634e-19;
    public const double Boltzmann_JPerK = 1.380649e-23;
    public const double Avogadro_PerMol = 6.02214076e23;
    public const double Faraday_CPerMol = ElementaryCharge_C * Avogadro_PerMol;
    public const double GasConstant_JPerMolK = Boltzmann_JPerK * Avogadro_PerMol;
}
