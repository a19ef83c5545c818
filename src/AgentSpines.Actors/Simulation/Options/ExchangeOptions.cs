using AgentSpines.Core.Configuration;
using AgentSpines.Physics.Transport;

namespace AgentSpines.Actors.Simulation;

/// <summary>
/// The "Exchange" section: particle species exchanged between each dendrite and its spines during a population run
/// (MODEL.md section 1 on the population's own spines). Off by default. Every structural step each spine gets its
/// exposure to every species (arrivals, mean and peak occupancy), written to the `spine_exposure` table; the species
/// named by PrpSpecies is the plasticity-related protein pool that spines capture: its mean occupancy divided by
/// CaptureSitesPerSpine (capped at 1) is the spine's PRP occupancy in plasticity (late LTP, and stabilisation when
/// Plasticity:PrpStabilisationWeight is above 0). It acts on the next structural step (the exposure is known at
/// the end of a step).
/// </summary>
public sealed class ExchangeOptions : IValidatable
{
    public bool Enabled { get; set; }
    /// <summary>End condition of free particles at both ends of every dendrite.</summary>
    public EndCondition End { get; set; } = EndCondition.Reflecting;
    /// <summary>Name of the species that is the PRP pool of plasticity; empty = none feeds plasticity.</summary>
    public string PrpSpecies { get; set; } = "";
    /// <summary>Capture sites of a spine for the PRP species: mean occupancy / sites = PRP occupancy (0..1).</summary>
    public double CaptureSitesPerSpine { get; set; } = 5;
    /// <summary>Also log every capture, release and reaction (`exchange_events` table): small runs only.</summary>
    public bool TraceEvents { get; set; }
    public List<ExchangeSpeciesOptions> Species { get; set; } = new();

    public void Validate(ConfigValidator v)
    {
        v.Range(CaptureSitesPerSpine, 1e-3, 1e6, nameof(CaptureSitesPerSpine));
        if (!Enabled) return;
        v.Require(Species.Count is > 0 and <= 16, nameof(Species), Species.Count, "1 to 16 species when Exchange:Enabled is true");
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < Species.Count; i++)
            v.Require(names.Add(Species[i].Name), $"{nameof(Species)}:{i}:Name", Species[i].Name, "a name not used by another species");
        v.Require(PrpSpecies.Length == 0 || names.Contains(PrpSpecies), nameof(PrpSpecies), PrpSpecies, $"empty or one of the species ({string.Join(", ", names)})");
    }
}
