namespace AgentSpines.Plasticity.Model;

/// <summary>
/// Kinetic constants of the silent-synapse cycle and the D1 -> CaMKII -> ΔFosB loop, one set for every drug and
/// schedule (times in hours, rates per hour). Sources in docs/cocaine-cycle.md; [fit] marks a constant chosen so the
/// cited time courses come out, [assumed] one with no direct measurement.
/// </summary>
public sealed record SynapseMaturationParameters
{
    // ---- D1 -> CaMKII -> ΔFosB loop (Robison 2013 J Neurosci 33:4295; Nestler 2008 Phil Trans B 363:3245) ----
    /// <summary>ΔFosB accumulation per hour at full induction (D1 activation 1) [fit: ~0.5 after 5 daily doses].</summary>
    public double FosBInductionPerH { get; init; } = 0.1;
    /// <summary>Half-life of ΔFosB protein without CaMKII phosphorylation (Ser27) [assumed; in vivo ~8 d when stabilised].</summary>
    public double FosBHalfLifeH { get; init; } = 5 * 24;
    /// <summary>Stabilisation of ΔFosB by induced CaMKII: decay / (1 + gain (K - 1)) (Robison 2013: CaMKII phosphorylates ΔFosB Ser27).</summary>
    public double FosBStabilisationByCamKii { get; init; } = 2.0;
    /// <summary>CaMKIIα induction by ΔFosB (K - 1 -> gain * ΔFosB at steady state; Robison 2013, NAc shell D1 MSNs) [fit].</summary>
    public double CamKiiInductionByFosB { get; init; } = 1.5;
    /// <summary>Time constant of CaMKII protein level (transcription + turnover) [assumed: days].</summary>
    public double CamKiiLevelTauH { get; init; } = 4 * 24;
    /// <summary>ΔFosB induction in D2 MSNs relative to D1 MSNs per unit dopamine (Lee 2006: ΔFosB up in both at 2 d) [fit].</summary>
    public double FosBInductionD2Share { get; init; } = 1.0;

    // ---- effects of ΔFosB and CaMKII on spines ----
    /// <summary>Formation x (1 + gain ΔFosB): ΔFosB is required for and drives cocaine spinogenesis (Maze 2010 Science 327:213; Grueter 2013) [fit].</summary>
    public double FosBFormationGain { get; init; } = 0.8;
    /// <summary>Transient-spine elimination / (1 + gain ΔFosB): ΔFosB maintains spines (Lee 2006) [fit].</summary>
    public double FosBSpineMaintenanceGain { get; init; } = 1.0;
    /// <summary>Stabilisation x (1 + gain (K - 1)): CaMKII bundles actin and stabilises spines (seed 000 §2.3) [fit].</summary>
    public double CamKiiStabilisationGain { get; init; } = 12.0;

    // ---- silent synapses (Huang 2009 Neuron 63:40; Lee 2013 Nat Neurosci 16:1644; Wright 2020 Nat Neurosci 23:32) ----
    /// <summary>GluN2B -> GluN2A switch of a nascent synapse (new spines gain synapses in 1-4 d) [assumed].</summary>
    public double NmdaSwitchPerH { get; init; } = 1.0 / 24;
    /// <summary>The switch is held back by ΔFosB: rate / (1 + gain ΔFosB) (Grueter 2013 PNAS: ΔFosB keeps D1 synapses silent) [fit].</summary>
    public double FosBSilentHoldGain { get; init; } = 40;
    /// <summary>AMPAR recruitment into a primed synapse, times CaMKII level (seed 000 Fig. 2: CaMKII -> AMPAR exocytosis) [assumed].</summary>
    public double AmpaRecruitPerH { get; init; } = 1.0 / 24;
    /// <summary>ΔFosB level at which half the newborn synapses belong to the drug-generated set [fit].</summary>
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
