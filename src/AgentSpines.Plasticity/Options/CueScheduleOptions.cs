using AgentSpines.Core.Configuration;

namespace AgentSpines.Plasticity.Options;

/// <summary>
/// Config section "Regime:Cycle": the silent-synapse life cycle of seed 000 (Fig. 1C; Wright et al. 2020 Nat Neurosci
/// 23:32). Enabled switches it on (off by default, so other configs are unchanged; the cell type is Regime:Neuron); Cues =
/// drug-associated cue exposures (memory retrieval), scheduled like doses; Treatments = interventions given after a
/// cue. Days are relative to Regime:ReferenceDay (the papers' day 0). No effect timing here: when a cue or a treatment
/// acts, and for how long, comes from the kinetics in SynapseMaturationParameters.
/// </summary>
public sealed class CueScheduleOptions : IValidatable
{
    public bool Enabled { get; set; }
    public List<CueOptions> Cues { get; set; } = new();
    public List<TreatmentOptions> Treatments { get; set; } = new();

    public void Validate(ConfigValidator v)
    {
        v.Require(Enabled || (Cues.Count == 0 && Treatments.Count == 0), nameof(Enabled), Enabled,
            "true when Regime:Cycle:Cues or Regime:Cycle:Treatments are given");
        for (int i = 0; i < Treatments.Count; i++)
        {
            var t = Treatments[i];
            v.Require(Cues.Any(c => Math.Abs(c.Day - t.Day) < 1e-9), $"Treatments:{i}:Day", t.Day,
                "the Day of one of Regime:Cycle:Cues (a treatment follows a cue)");
        }
    }
}

/// <summary>One cue exposure (retrieval session) on Day (relative to day 0, fractions allowed).</summary>
public sealed class CueOptions : IValidatable
{
    public double Day { get; set; }

    public void Validate(ConfigValidator v) => v.Range(Day, -1e4, 1e4, nameof(Day));
}

/// <summary>A treatment HoursAfterCue after the cue of Day (negative hours: before the cue).</summary>
public sealed class TreatmentOptions : IValidatable
{
    public double Day { get; set; }
    public double HoursAfterCue { get; set; }
    public TreatmentKind Kind { get; set; } = TreatmentKind.ProteinSynthesisBlock;
    /// <summary>Fraction of the full effect (1 = the published dose, e.g. anisomycin 150 mg/kg sc).</summary>
    public double Efficacy { get; set; } = 1;

    public void Validate(ConfigValidator v)
    {
        v.Range(Day, -1e4, 1e4, nameof(Day));
        v.Range(HoursAfterCue, -240, 240, nameof(HoursAfterCue));
        v.Range(Efficacy, 0, 1, nameof(Efficacy));
    }
}

/// <summary>
/// ProteinSynthesisBlock: anisomycin-like inhibition of translation (reconsolidation blockade);
/// Rac1Inhibition: holds Rac1 low, so the destabilised synapses cannot re-mature (Wright 2020: Rac1 closes the window).
/// </summary>
public enum TreatmentKind { ProteinSynthesisBlock, Rac1Inhibition }
