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
    public PharmacokineticsOptions Pk { get; set; } = new();
    public HillOptions Hill { get; set; } = new();
    public MechanismSet Mechanisms { get; set; } = new();
    public StressOptions Stress { get; set; } = new();
    /// <summary>Silent-synapse cycle: neuron type, cue exposures and treatments (CueScheduleOptions; off by default).</summary>
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
    }
}

public enum RegimeArms { DrugAndVehicle, VehicleOnly }

/// <summary>One administration: time (h, relative to day 0), dose (mg/kg) and route.</summary>
public sealed class DoseOptions : IValidatable
{
    public double TimeH { get; set; }
    public double MgPerKg { get; set; }
    public string Route { get; set; } = "ip";

    public static readonly string[] Routes = ["ip", "iv", "sc", "po", "water"];

    public void Validate(ConfigValidator v)
    {
        v.Finite(TimeH, nameof(TimeH));
        v.Range(MgPerKg, 0, 10000, nameof(MgPerKg));
        v.OneOf(Route, Routes, nameof(Route));
    }
}

/// <summary>One-compartment PK: C(t) = F*dose/Vd * exp(-ln2 t / t_half), with optional first-order absorption.</summary>
public sealed class PharmacokineticsOptions : IValidatable
{
    public double HalfLifeH { get; set; } = 1;
    public double VolumeLPerKg { get; set; } = 1;
    public double Bioavailability { get; set; } = 1;
    /// <summary>Absorption half-life (h); 0 = instantaneous (bolus).</summary>
    public double AbsorptionHalfLifeH { get; set; } = 0;

    public void Validate(ConfigValidator v)
    {
        v.Range(HalfLifeH, 1e-3, 1e4, nameof(HalfLifeH));
        v.Range(VolumeLPerKg, 1e-3, 1e3, nameof(VolumeLPerKg));
        v.Range(Bioavailability, 0, 1, nameof(Bioavailability));
        v.Range(AbsorptionHalfLifeH, 0, 1e3, nameof(AbsorptionHalfLifeH));
        v.Require(AbsorptionHalfLifeH == 0 || Math.Abs(AbsorptionHalfLifeH - HalfLifeH) > 1e-9, nameof(AbsorptionHalfLifeH), AbsorptionHalfLifeH, "a value different from Pk:HalfLifeH (or 0)");
    }
}

/// <summary>Receptor occupancy = C^n / (C^n + EC50^n).</summary>
public sealed class HillOptions : IValidatable
{
    public double Ec50MgPerL { get; set; } = 1;
    public double N { get; set; } = 1;

    public void Validate(ConfigValidator v)
    {
        v.Range(Ec50MgPerL, 1e-9, 1e6, nameof(Ec50MgPerL));
        v.Range(N, 0.1, 10, nameof(N));
    }
}

/// <summary>
/// The rates a regime changes. Each mechanism is a list of components (their effects add: effect = sum of
/// Gain * drive), so an early pulse and a lasting tail can be combined. Each component is driven by occupancy: with DurationH = 0 it follows
/// occupancy(t - DelayH) directly; otherwise each dose opens a window [DelayH, DelayH + DurationH) scaled by that
/// dose's peak occupancy, decaying afterwards with OffTauH. Drives from several doses add, capped at MaxDrive.
/// </summary>
public sealed class MechanismSet
{
    /// <summary>Formation multiplier 1 + Gain*drive.</summary>
    public List<MechanismOptions> Formation { get; set; } = new();
    /// <summary>Elimination multiplier of transient spines 1 + Gain*drive.</summary>
    public List<MechanismOptions> TransientElimination { get; set; } = new();
    /// <summary>Elimination multiplier of persistent spines 1 + Gain*drive.</summary>
    public List<MechanismOptions> PersistentElimination { get; set; } = new();
    /// <summary>Head-volume drift: Gain = d ln V / day at full drive (negative = shrinkage).</summary>
    public List<MechanismOptions> Enlargement { get; set; } = new();
    /// <summary>Stabilisation (transient -> persistent) multiplier 1 + Gain*drive.</summary>
    public List<MechanismOptions> Stabilisation { get; set; } = new();
    /// <summary>Silencing of functional synapses: Gain = rate per day at full drive.</summary>
    public List<MechanismOptions> Silencing { get; set; } = new();
    /// <summary>Extra filopodia: Gain = filopodia per um per hour at full drive.</summary>
    public List<MechanismOptions> Filopodia { get; set; } = new();
    /// <summary>Placement at recent-loss sites: reuse probability multiplier 1 + Gain*drive (capped at 1).</summary>
    public List<MechanismOptions> LossSiteReuse { get; set; } = new();
    /// <summary>
    /// Extracellular dopamine at D1 receptors (0..1) = Gain*drive, capped at 1: a dopamine-transporter blocker such as
    /// cocaine keeps it up while it is bound. It reaches spines with their activity episodes (delay 0: tonic), and
    /// D1-gated enlargement (Plasticity:DopamineGated) needs it at or above Plasticity:DopamineThreshold.
    /// </summary>
    public List<MechanismOptions> Dopamine { get; set; } = new();
}

public sealed class MechanismOptions : IValidatable
{
    public double Gain { get; set; }
    public double DelayH { get; set; }
    public double DurationH { get; set; }
    public double OffTauH { get; set; }
    public double MaxDrive { get; set; } = 1;

    public void Validate(ConfigValidator v)
    {
        v.Range(Gain, -1e3, 1e3, nameof(Gain));
        v.Range(DelayH, 0, 1e5, nameof(DelayH));
        v.Range(DurationH, 0, 1e5, nameof(DurationH));
        v.Range(OffTauH, 0, 1e5, nameof(OffTauH));
        v.Range(MaxDrive, 0, 1e3, nameof(MaxDrive));
    }
}

/// <summary>Chronic stress / corticosterone: rate changes between StartDay and EndDay (relative to day 0).</summary>
public sealed class StressOptions : IValidatable
{
    public bool Enabled { get; set; }
    public double StartDay { get; set; }
    public double EndDay { get; set; }
    /// <summary>Both arms (corticosterone then ketamine) or only the drug arm (chronic stress vs control).</summary>
    public StressArms Arms { get; set; } = StressArms.Both;
    public double TransientEliminationGain { get; set; }
    public double PersistentEliminationGain { get; set; }
    /// <summary>Formation multiplier is 1 + FormationGain (>= -1).</summary>
    public double FormationGain { get; set; }
    public double EnlargementLogPerDay { get; set; }
    /// <summary>Time constant (days) of the return to baseline after EndDay.</summary>
    public double OffTauDays { get; set; } = 1;

    public void Validate(ConfigValidator v)
    {
        v.Finite(StartDay, nameof(StartDay));
        v.Finite(EndDay, nameof(EndDay));
        if (Enabled) v.Require(EndDay > StartDay, nameof(EndDay), EndDay, "a day after Stress:StartDay");
        v.Range(TransientEliminationGain, -1, 1e3, nameof(TransientEliminationGain));
        v.Range(PersistentEliminationGain, -1, 1e3, nameof(PersistentEliminationGain));
        v.Range(FormationGain, -1, 1e3, nameof(FormationGain));
        v.Range(EnlargementLogPerDay, -10, 10, nameof(EnlargementLogPerDay));
        v.Range(OffTauDays, 1e-3, 1e3, nameof(OffTauDays));
    }
}

public enum StressArms { Both, DrugOnly }
