using AgentSpines.Core.Configuration;

namespace AgentSpines.Plasticity.Options;

/// <summary>
/// Config section "Regime": a drug (or none) given to the drug arm beside a vehicle arm with the same seeds,
/// plus an optional stress (corticosterone) phase. Times are relative to ReferenceDay, the papers' day 0.
/// </summary>
public sealed class RegimeOptions : IValidatable
{
    public string Name { get; set; } = "baseline";
    /// <summary>Drug name used in event causes ("drug:NAME"); "none" for no drug.</summary>
    public string Drug { get; set; } = "none";
    /// <summary>Simulation day that counts as day 0 (first dose) in the published conventions.</summary>
    public double ReferenceDay { get; set; } = 7;
    /// <summary>Which arms are simulated: DrugAndVehicle (default) or VehicleOnly.</summary>
    public RegimeArms Arms { get; set; } = RegimeArms.DrugAndVehicle;
    public List<DoseOptions> Doses { get; set; } = new();
    /// <summary>Repeat the dose list every RepeatEveryH hours, RepeatCount times in all (1 = no repeat).</summary>
    public double RepeatEveryH { get; set; } = 24;
    public int RepeatCount { get; set; } = 1;
    /// <summary>The dosed drugs and their metabolites (pharmacokinetics, brain exposure); the first is the default dosed species.</summary>
    public List<SpeciesOptions> Species { get; set; } = new();
    /// <summary>Which species act at which receptor targets (affinity, Hill slope, intrinsic efficacy).</summary>
    public List<BindingOptions> Receptors { get; set; } = new();
    public StressOptions Stress { get; set; } = new();
    /// <summary>The imaged cell type: which dopamine receptors its cascade reads (NeuronType; default CorticalPyramidal).</summary>
    public NeuronType Neuron { get; set; } = NeuronType.CorticalPyramidal;
    /// <summary>
    /// The animals' genotype: receptor targets they lack (e.g. ["Ht2a"] for Htr2a-/- mice, Shao, Liao et al. 2025). Whatever
    /// binds a knocked-out target gives no signal; the cascade, drugs and doses are unchanged. Empty by default.
    /// </summary>
    public List<ReceptorTarget> KnockedOutReceptors { get; set; } = new();
    /// <summary>Silent-synapse cycle: on/off, cue exposures and treatments (CueScheduleOptions; off by default).</summary>
    public CueScheduleOptions Cycle { get; set; } = new();
    /// <summary>Where the numbers come from (free text, carried into outputs).</summary>
    public string Sources { get; set; } = "";

    public void Validate(ConfigValidator v)
    {
        v.NotEmpty(Name, nameof(Name));
        v.NotEmpty(Drug, nameof(Drug));
        v.Range(ReferenceDay, 0, 10000, nameof(ReferenceDay));
        v.Positive(RepeatEveryH, nameof(RepeatEveryH));
        v.Range(RepeatCount, 1, 100000, nameof(RepeatCount));
        v.Require(Drug == "none" || Doses.Count > 0, nameof(Doses), Doses.Count, "at least one dose when Drug is not 'none'");
        v.Require(Drug == "none" || Species.Count > 0, nameof(Species), Species.Count, "at least one species (the dosed drug) when Drug is not 'none'");
        var names = Species.Select(x => x.Name).ToList();
        for (int i = 0; i < Species.Count; i++)
        {
            var sp = Species[i];
            v.Require(names.IndexOf(sp.Name) == i, $"{nameof(Species)}:{i}:Name", sp.Name, "a name used once");
            v.Require(sp.FormedFrom.Length == 0 || names.IndexOf(sp.FormedFrom) >= 0 && names.IndexOf(sp.FormedFrom) < i, $"{nameof(Species)}:{i}:FormedFrom", sp.FormedFrom, "the name of a species listed before it");
        }
        for (int i = 0; i < Receptors.Count; i++)
            v.Require(names.Contains(Receptors[i].Species), $"{nameof(Receptors)}:{i}:Species", Receptors[i].Species, "one of the Species names: " + string.Join(", ", names));
        for (int i = 0; i < Doses.Count; i++)
        {
            string sp = Doses[i].Species;
            v.Require(sp.Length == 0 || names.Contains(sp), $"{nameof(Doses)}:{i}:Species", sp, "one of the Species names (or empty: the first species)");
            var dosed = sp.Length == 0 ? Species.FirstOrDefault() : Species.FirstOrDefault(x => x.Name == sp);
            string route = Doses[i].Route;
            if (dosed != null && Drug != "none")
                v.Require(route == "iv" || dosed.Absorption.ContainsKey(route), $"{nameof(Doses)}:{i}:Route", route,
                    $"a route with absorption parameters for species '{dosed.Name}' (Regime:Species:...:Absorption lists: {string.Join(", ", dosed.Absorption.Keys)}; iv needs none)");
        }
    }
}

public enum RegimeArms { DrugAndVehicle, VehicleOnly }

/// <summary>One administration: time (h, relative to day 0), dose (mg/kg) and route.</summary>
public sealed class DoseOptions : IValidatable
{
    public double TimeH { get; set; }
    public double MgPerKg { get; set; }
    public string Route { get; set; } = "ip";
    /// <summary>The species given (empty = the regime's first species), e.g. xylazine beside ketamine.</summary>
    public string Species { get; set; } = "";

    public static readonly string[] Routes = ["ip", "iv", "sc", "po", "water"];

    public void Validate(ConfigValidator v)
    {
        v.Finite(TimeH, nameof(TimeH));
        v.Range(MgPerKg, 0, 10000, nameof(MgPerKg));
        v.OneOf(Route, Routes, nameof(Route));
    }
}

/// <summary>
/// Chronic stress / corticosterone between StartDay and EndDay (relative to day 0): plasma corticosterone held at
/// CorticosteroneNgPerML instead of the basal level. The cascade sees only glucocorticoid-receptor occupancy above
/// basal, C/(C + Kd) - C0/(C0 + Kd); what follows (elimination, BDNF suppression, recovery) is the cascade's.
/// </summary>
public sealed class StressOptions : IValidatable
{
    public bool Enabled { get; set; }
    public double StartDay { get; set; }
    public double EndDay { get; set; }
    /// <summary>Both arms (corticosterone then ketamine) or only the drug arm (chronic stress vs control).</summary>
    public StressArms Arms { get; set; } = StressArms.Both;
    /// <summary>Plasma corticosterone during the stress phase (ng/mL).</summary>
    public double CorticosteroneNgPerML { get; set; } = 150;
    /// <summary>Basal plasma corticosterone (ng/mL).</summary>
    public double BasalCorticosteroneNgPerML { get; set; } = 20;
    /// <summary>Apparent GR half-occupancy at total plasma corticosterone (ng/mL).</summary>
    public double GrHalfOccupancyNgPerML { get; set; } = 100;
    public string Source { get; set; } = "";

    public double GrSignal(bool stressed)
    {
        double c = stressed ? CorticosteroneNgPerML : BasalCorticosteroneNgPerML, c0 = BasalCorticosteroneNgPerML;
        return Math.Max(0, c / (c + GrHalfOccupancyNgPerML) - c0 / (c0 + GrHalfOccupancyNgPerML));
    }

    public void Validate(ConfigValidator v)
    {
        v.Finite(StartDay, nameof(StartDay));
        v.Finite(EndDay, nameof(EndDay));
        if (Enabled) v.Require(EndDay > StartDay, nameof(EndDay), EndDay, "a day after Stress:StartDay");
        v.Range(CorticosteroneNgPerML, 0, 1e4, nameof(CorticosteroneNgPerML));
        v.Range(BasalCorticosteroneNgPerML, 0, 1e4, nameof(BasalCorticosteroneNgPerML));
        v.Range(GrHalfOccupancyNgPerML, 1e-3, 1e5, nameof(GrHalfOccupancyNgPerML));
    }
}

public enum StressArms { Both, DrugOnly }
