using AgentSpines.Core;

namespace AgentSpines.Physics.Electrodiffusion;

/// <summary>
/// Configuration of the electrodiffusion model that is not geometry: membrane capacitance (F/m^2), temperature (K),
/// rest potential (mV, also the potential held at the dendritic end) and the mobile ion species. Defaults are the
/// paper's (Eberhardt 2024, section 2.4, with Na and K rest values un-swapped as its code and results use them).
/// </summary>
public sealed record ElectrodiffusionParameters
{
    public double MembraneCapacitanceFPerM2 { get; init; } = 0.01;
    public double TemperatureK { get; init; } = 310.0;
    public double RestPotentialMV { get; init; } = -70.0;
    public IReadOnlyList<IonSpecies> Species { get; init; } = PaperSpecies;

    /// <summary>Na+ (D 0.65 um^2/ms, 10 mM), K+ (1.0 um^2/ms, 140 mM), Cl- (1.0 um^2/ms, 10 mM).</summary>
    public static IReadOnlyList<IonSpecies> PaperSpecies { get; } = new[]
    {
        new IonSpecies("Na", +1, 0.65e-9, 10.0),
        new IonSpecies("K", +1, 1.0e-9, 140.0),
        new IonSpecies("Cl", -1, 1.0e-9, 10.0),
    };

    public static ElectrodiffusionParameters Paper { get; } = new();

    /// <summary>Index of the species carrying the synaptic current (sodium, by name "Na").</summary>
    public int InfluxSpeciesIndex
    {
        get
        {
            for (int k = 0; k < Species.Count; k++)
                if (string.Equals(Species[k].Name, "Na", StringComparison.OrdinalIgnoreCase)) return k;
            throw new AgentSpinesInputException("electrodiffusion: no species named 'Na' to carry the synaptic current");
        }
    }

    public int IndexOf(string name)
    {
        for (int k = 0; k < Species.Count; k++)
            if (string.Equals(Species[k].Name, name, StringComparison.OrdinalIgnoreCase)) return k;
        return -1;
    }

    public void Validate()
    {
        if (!(MembraneCapacitanceFPerM2 > 1e-4 && MembraneCapacitanceFPerM2 < 1))
            throw new AgentSpinesInputException($"electrodiffusion: membrane capacitance {MembraneCapacitanceFPerM2} F/m^2 is not in (1e-4, 1)");
        if (!(TemperatureK > 250 && TemperatureK < 350))
            throw new AgentSpinesInputException($"electrodiffusion: temperature {TemperatureK} K is not in (250, 350)");
        if (!(RestPotentialMV > -150 && RestPotentialMV < 50))
            throw new AgentSpinesInputException($"electrodiffusion: rest potential {RestPotentialMV} mV is not in (-150, 50)");
        if (Species is null || Species.Count == 0) throw new AgentSpinesInputException("electrodiffusion: no ion species configured");
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var s in Species)
        {
            s.Validate();
            if (!names.Add(s.Name)) throw new AgentSpinesInputException($"electrodiffusion: species {s.Name} is configured twice");
        }
        _ = InfluxSpeciesIndex;
        if (Species[InfluxSpeciesIndex].ChargeNumber <= 0)
            throw new AgentSpinesInputException("electrodiffusion: the influx species Na must be a cation");
    }
}
