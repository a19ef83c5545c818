namespace AgentSpines.Plasticity.State;

/// <summary>
/// Where a synapse is in the silent-synapse life cycle (seed 000 Fig. 1C; Wright 2020). Unset: not yet placed (set from
/// Silent on the first cycle step). Nascent: silent, GluN2B-rich NMDARs. Primed: silent, NMDARs switched to GluN2A,
/// ready to recruit AMPARs. Stable: AMPARs that stay on retrieval (GluA2-containing). Labile: matured by recruiting
/// calcium-permeable AMPARs (drug-generated synapses), internalised on cue retrieval. Destabilised: re-silenced by a
/// cue, inside the reconsolidation window. Pruning: the window closed without re-maturation; silent and shrinking.
/// </summary>
public enum SynapseMaturity : byte { Unset, Nascent, Primed, Stable, Labile, Destabilised, Pruning }

/// <summary>
/// Cell-wide signals of the silent-synapse cycle for one step (SynapseCycleSignals). Enabled: the cycle runs (else the
/// plain silencing step). CamKii: CaMKII level relative to baseline (1). Rac1Deficit: 0..1, opened by a cue.
/// RetrievalProgram: 0..1, the retrieval-triggered synthesis program (decays after each cue);
/// ReconsolidationProtein: 0..1, its proteins actually made (blocked by protein-synthesis inhibitors), which re-mature
/// destabilised synapses.
/// DrugOriginShare: 0..1, chance that a synapse born now is drug-generated (ΔFosB program). SilentHoldFosB: the ΔFosB
/// that holds new synapses silent, which it does in D1-type cells (Grueter 2013): ΔFosB times the cell's D1 expression.
/// </summary>
public readonly record struct SynapseSignals(
    bool Enabled,
    double CamKii,
    double CueDrive,
    double Rac1Deficit,
    double RetrievalProgram,
    double ReconsolidationProtein,
    double DrugOriginShare,
    string Cause,
    double SilentHoldFosB = 0)
{
    public static readonly SynapseSignals Off = new(false, 1, 0, 0, 0, 0, 0, StructuralEvent.Intrinsic);
}
