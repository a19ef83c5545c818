namespace AgentSpines.Plasticity.Model;

/// <summary>
/// Kinetic constants of the silent-synapse cycle and the D1 -> CaMKII -> ΔFosB loop, one set for every drug and
/// schedule (times in hours, rates per hour). Sources in docs/cocaine-cycle.md; [fit] marks a constant chosen so the
/// cited time courses come out, [assumed] one with no direct measurement.
/// </summary>
public sealed record SynapseMaturationParameters
{
    // The D1 -> CaMKII -> ΔFosB loop and its effects on spine turnover are states and outputs of the shared cascade
    // (CascadeOptions, SignallingCascade); the cycle reads ΔFosB and the CaMKII level from the step's environment.

    // ---- silent synapses (Huang 2009 Neuron 63:40; Lee 2013 Nat Neurosci 16:1644; Wright 2020 Nat Neurosci 23:32) ----
    /// <summary>GluN2B -> GluN2A switch of a nascent synapse (new spines gain synapses in 1-4 d) [assumed].</summary>
    public double NmdaSwitchPerH { get; init; } = 1.0 / 24;
    /// <summary>The switch is held back by ΔFosB: rate / (1 + gain ΔFosB) in D1-type cells only (Grueter et al. 2013 PNAS 110:1923: ΔFosB
    /// raises silent synapses in D1, not D2, MSNs) [fit].</summary>
    public double FosBSilentHoldGain { get; init; } = 40;
    /// <summary>AMPAR recruitment into a primed synapse, times CaMKII level (seed 000 Fig. 2: CaMKII -> AMPAR exocytosis) [assumed].</summary>
    public double AmpaRecruitPerH { get; init; } = 1.0 / 24;
    /// <summary>ΔFosB level at which half the newborn synapses belong to the drug-generated set (they mature with CP-AMPARs) [fit].</summary>
    public double DrugOriginHalfFosB { get; init; } = 0.05;
    /// <summary>Time constants of AMPAR insertion and endocytosis once a synapse changes state (minutes) [assumed].</summary>
    public double AmpaInsertionTauH { get; init; } = 0.5;
    public double AmpaEndocytosisTauH { get; init; } = 0.25;
    /// <summary>NMDAR insertion into a new synapse (Huang 2009: new GluN2B NMDARs) and loss when pruned [assumed].</summary>
    public double NmdaTauH { get; init; } = 2;
    /// <summary>AMPA content below which a synapse counts as silent (minimal-stimulation assay: no response at -70 mV).</summary>
    public double SilentAmpaThreshold { get; init; } = 0.1;

    // ---- retrieval, destabilisation window, reconsolidation (Wright 2020) ----
    /// <summary>
    /// Rac1 activity falls on retrieval and comes back late (Wright 2020: decreased, then increased Rac1 opens and closes
    /// the window): a cue-made Rac1 inhibition I = exp(-t / tau) acts cooperatively, deficit = I^n / (I^n + K^n), so Rac1
    /// stays low for hours and recovers at t ~ tau ln(1/K) [fit: window closes ~6 h].
    /// </summary>
    public double Rac1RecoveryTauH { get; init; } = 2;
    public double Rac1HalfInhibition { get; init; } = 0.15;
    public double Rac1Hill { get; init; } = 4;
    /// <summary>Decay of the retrieval session's own drive (a cue session lasts tens of minutes) [assumed].</summary>
    public double CueDriveTauH { get; init; } = 0.5;
    /// <summary>Internalisation of labile AMPARs per hour at full cue drive [fit: re-silenced within the first hour].</summary>
    public double DestabilisePerH { get; init; } = 8;
    /// <summary>Rise and decay of the retrieval-triggered synthesis program (transcription, then translation) [assumed: hours].</summary>
    public double RetrievalProgramRiseTauH { get; init; } = 1.5;
    public double RetrievalProgramTauH { get; init; } = 3.0;
    /// <summary>Time constant of the reconsolidation proteins made by that program (synthesis and turnover) [assumed].</summary>
    public double ReconsolidationProteinTauH { get; init; } = 1.0;
    /// <summary>Re-maturation per hour at full reconsolidation protein and recovered Rac1 [fit: done by ~6 h].</summary>
    public double RematurePerH { get; init; } = 2;
    /// <summary>Capture of reconsolidation proteins is cooperative: Q^n / (Q^n + K^n) (synaptic tagging and capture) [assumed].</summary>
    public double ReconsolidationHalfProtein { get; init; } = 0.5;
    public double ReconsolidationHill { get; init; } = 6;
    /// <summary>When both the program and its proteins are below this level, a still-destabilised synapse is pruned [fit].</summary>
    public double ReconsolidationCloseLevel { get; init; } = 0.05;
    /// <summary>Head-volume shrink of a pruning synapse per hour (actin loss; raises its elimination hazard) [assumed].</summary>
    public double PruningShrinkLogPerH { get; init; } = 0.02;

    // ---- treatments ----
    /// <summary>Anisomycin: peak inhibition of protein synthesis and its recovery time constant (Wanisch &amp; Wotjak 2008) [assumed].</summary>
    public double ProteinSynthesisBlockMax { get; init; } = 0.95;
    public double ProteinSynthesisBlockTauH { get; init; } = 8;
    /// <summary>Rac1 inhibitor: its Rac1 inhibition (same cooperative read-out as a cue's) decays with this time constant [assumed].</summary>
    public double Rac1InhibitionTauH { get; init; } = 24;

    public static readonly SynapseMaturationParameters Default = new();
}
