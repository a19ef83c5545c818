using AgentSpines.Core;

namespace AgentSpines.Physics.Electrodiffusion;

/// <summary>
/// One mobile ion species: charge number z, diffusion constant (m^2/s; 1 um^2/ms = 1e-9 m^2/s) and
/// intracellular rest concentration (mM = mol/m^3), which is also the value held at the dendritic end.
/// </summary>
public sealed record IonSpecies(string Name, int ChargeNumber, double DiffusionConstantM2PerS, double RestConcentrationMM)
{
    /// <summary>Builds a species from a diffusion constant given in um^2/ms.</summary>
    public static IonSpecies FromUm2PerMs(string name, int chargeNumber, double diffusionConstantUm2PerMs, double restConcentrationMM)
        => new(name, chargeNumber, diffusionConstantUm2PerMs * 1e-9, restConcentrationMM);

    public double DiffusionConstantUm2PerMs => DiffusionConstantM2PerS * 1e9;

    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Name)) throw new AgentSpinesInputException("ion species: name is empty");
        if (ChargeNumber == 0 || Math.Abs(ChargeNumber) > 4)
            throw new AgentSpinesInputException($"ion species {Name}: charge number {ChargeNumber} is not allowed (nonzero, |z| <= 4)");
        if (!(DiffusionConstantM2PerS > 0 && DiffusionConstantM2PerS < 1e-7))
            throw new AgentSpinesInputException($"ion species {Name}: diffusion constant {DiffusionConstantM2PerS} m^2/s is not in (0, 1e-7)");
        if (!(RestConcentrationMM > 0 && RestConcentrationMM < 2000))
            throw new AgentSpinesInputException($"ion species {Name}: rest concentration {RestConcentrationMM} mM is not in (0, 2000)");
    }
}
