namespace AgentSpines.Plasticity.State;

/// <summary>
/// The drug/stress state at one structural step for one arm: a pure function of time (DrugRegime.At).
/// Multipliers are 1 and drifts 0 when nothing acts. Dopamine: extracellular dopamine at D1 receptors (0..1).
/// D1Activation: fraction of the cell's D1 receptors activated (0..1); DeltaFosB: slow transcriptional state
/// (dimensionless, 0 at baseline); Synapses: silent-synapse cycle signals (default: off).
/// </summary>
public readonly record struct StepEnvironment(
    double TimeH,
    double StepH,
    Arm Arm,
    double ConcentrationMgPerL,
    double Occupancy,
    double FormationMultiplier,
    double TransientEliminationMultiplier,
    double PersistentEliminationMultiplier,
    double EnlargementLogPerH,
    double StabilisationMultiplier,
    double SilencingPerH,
    double FilopodiaPerUmPerH,
    double LossSiteReuseMultiplier,
    string EliminationCause,
    string FormationCause,
    double Dopamine = 0,
    double D1Activation = 0,
    double DeltaFosB = 0,
    SynapseSignals Synapses = default)
{
    public static StepEnvironment Neutral(double timeH, double stepH, Arm arm) =>
        new(timeH, stepH, arm, 0, 0, 1, 1, 1, 0, 1, 0, 0, 1, StructuralEvent.Intrinsic, StructuralEvent.Intrinsic);
}
