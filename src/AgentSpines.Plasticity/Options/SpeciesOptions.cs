using AgentSpines.Core.Configuration;

namespace AgentSpines.Plasticity.Options;

/// <summary>
/// One chemical species of a regime: a dosed drug or a metabolite. Linear kinetics in molar amounts (umol/kg):
/// a central compartment (VolumeLPerKg, cleared with HalfLifeH), an optional peripheral one, formation from a
/// parent (FractionFormed of the parent's clearance, molar), and brain exposure as the unbound concentration
/// times the unbound brain:plasma partition. Every number should cite its source (Source).
/// </summary>
public sealed class SpeciesOptions : IValidatable
{
    public string Name { get; set; } = "";
    public double MolarMassGPerMol { get; set; } = 300;
    /// <summary>Central volume of distribution (L/kg).</summary>
    public double VolumeLPerKg { get; set; } = 1;
    /// <summary>Elimination half-life from the central compartment alone, ln2 V / CL (h).</summary>
    public double HalfLifeH { get; set; } = 1;
    /// <summary>Peripheral (tissue) compartment volume (L/kg); 0 = one compartment.</summary>
    public double PeripheralVolumeLPerKg { get; set; }
    /// <summary>Inter-compartmental clearance Q (L/h/kg).</summary>
    public double DistributionClearanceLPerHPerKg { get; set; }
    /// <summary>Species this one is made from ("" = dosed directly).</summary>
    public string FormedFrom { get; set; } = "";
    /// <summary>Molar fraction of the parent's clearance that makes this species.</summary>
    public double FractionFormed { get; set; }
    /// <summary>Unbound fraction in plasma.</summary>
    public double UnboundFraction { get; set; } = 1;
    /// <summary>Kp,uu: unbound brain over unbound plasma concentration at equilibrium.</summary>
    public double BrainPartition { get; set; } = 1;
    /// <summary>Absorption per route (ip, iv, sc, po, water): first-order rate and bioavailability.</summary>
    public Dictionary<string, AbsorptionOptions> Absorption { get; set; } = new();
    public string Source { get; set; } = "";

    /// <summary>Clearance CL = ln2 V / t1/2 (L/h/kg); a method, so the resolved config does not carry it as a key.</summary>
    public double ClearanceLPerHPerKg() => Math.Log(2) * VolumeLPerKg / HalfLifeH;

    public void Validate(ConfigValidator v)
    {
        v.NotEmpty(Name, nameof(Name));
        v.Range(MolarMassGPerMol, 1, 1e6, nameof(MolarMassGPerMol));
        v.Range(VolumeLPerKg, 1e-3, 1e3, nameof(VolumeLPerKg));
        v.Range(HalfLifeH, 1e-3, 1e4, nameof(HalfLifeH));
        v.Range(PeripheralVolumeLPerKg, 0, 1e3, nameof(PeripheralVolumeLPerKg));
        v.Range(DistributionClearanceLPerHPerKg, 0, 1e4, nameof(DistributionClearanceLPerHPerKg));
        v.Require(PeripheralVolumeLPerKg == 0 || DistributionClearanceLPerHPerKg > 0, nameof(DistributionClearanceLPerHPerKg), DistributionClearanceLPerHPerKg, "> 0 when PeripheralVolumeLPerKg > 0");
        v.Range(FractionFormed, 0, 1, nameof(FractionFormed));
        v.Require(FormedFrom.Length == 0 || FractionFormed > 0, nameof(FractionFormed), FractionFormed, "> 0 when FormedFrom names a parent");
        v.Range(UnboundFraction, 1e-4, 1, nameof(UnboundFraction));
        v.Range(BrainPartition, 1e-4, 1e3, nameof(BrainPartition));
        foreach (var route in Absorption.Keys)
            v.OneOf(route, DoseOptions.Routes, $"{nameof(Absorption)}:{route}");
    }
}

/// <summary>First-order absorption from a dosing site: rate constant ka (1/h; 0 = instantaneous, as iv) and bioavailability F.</summary>
public sealed class AbsorptionOptions : IValidatable
{
    public double RatePerH { get; set; }
    public double Bioavailability { get; set; } = 1;

    public void Validate(ConfigValidator v)
    {
        v.Range(RatePerH, 0, 1e4, nameof(RatePerH));
        v.Range(Bioavailability, 0, 1, nameof(Bioavailability));
    }
}

/// <summary>Receptor-level targets the shared signalling cascade listens to.</summary>
public enum ReceptorTarget
{
    /// <summary>NMDA receptors of fast-spiking interneurons (GluN2D-rich, tonically active: blocked first).</summary>
    NmdaInterneuron,
    /// <summary>NMDA receptors of pyramidal cells (GluN2A/B).</summary>
    NmdaPyramidal,
    Ht2a,
    Ht1a,
    /// <summary>Direct positive allosteric binding to TrkB (Moliner 2023).</summary>
    TrkB,
    /// <summary>GABA-A benzodiazepine site, alpha1-containing receptors.</summary>
    GabaAAlpha1,
    /// <summary>GABA-A benzodiazepine site, alpha2/3/5-containing receptors.</summary>
    GabaAAlpha235,
    /// <summary>Extrasynaptic (delta) GABA-A receptors of interneurons: neurosteroid site.</summary>
    GabaAExtrasynaptic,
    /// <summary>Microglial translocator protein (Shi 2022).</summary>
    Tspo,
    Dat,
    Alpha2Adrenergic,
    Glucocorticoid,
}

/// <summary>A species at a target: occupancy (C/Ki)^n / (1 + sum over competitors) times intrinsic efficacy.</summary>
public sealed class BindingOptions : IValidatable
{
    public string Species { get; set; } = "";
    public ReceptorTarget Target { get; set; }
    /// <summary>Affinity (Ki, or EC50/IC50 for functional measures) at the unbound brain concentration (uM).</summary>
    public double KiUM { get; set; } = 1;
    public double HillN { get; set; } = 1;
    /// <summary>Intrinsic efficacy: 1 = full agonist (or full block for channel blockers / transporter inhibitors).</summary>
    public double Efficacy { get; set; } = 1;
    public string Source { get; set; } = "";

    public void Validate(ConfigValidator v)
    {
        v.NotEmpty(Species, nameof(Species));
        v.Range(KiUM, 1e-9, 1e6, nameof(KiUM));
        v.Range(HillN, 0.1, 10, nameof(HillN));
        v.Range(Efficacy, 0, 1, nameof(Efficacy));
    }
}
