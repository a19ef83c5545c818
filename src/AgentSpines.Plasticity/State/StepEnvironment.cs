namespace AgentSpines.Plasticity.State;

/// <summary>
/// The drug/stress state at one structural step for one animal (DrugRegime.ForAnimal(...).At(t)), produced by the
/// shared signalling cascade. Multipliers are 1 and drifts 0 when nothing acts. Dopamine: D1 activation above basal (0..1, 0 without
/// drug; what D1 gating reads). D1Activation: fraction of D1 receptors activated by dopamine (basal ~0.2). DeltaFosB: slow state (0..1), 0 at baseline. CamKiiLevel: Delta-FosB-induced CaMKIIa above baseline.
/// Synapses: silent-synapse cycle signals (Regime:Cycle; default: off). DensitySetPointFactor: the animal's spine-density
/// set point relative to its dendrites' initial counts (1 without Delta-FosB). RestoringEliminationPerH: the extra hazard
/// per spine (per hour) of a dendrite above its set point, set per dendrite by DensityRestoration (0 elsewhere).
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
    double CamKiiLevel = 0,
    SynapseSignals Synapses = default,
    double DensitySetPointFactor = 1,
    double RestoringEliminationPerH = 0)
{
    public static StepEnvironment Neutral(double timeH, double stepH, Arm arm) =>
        new(timeH, stepH, arm, 0, 0, 1, 1, 1, 0, 1, 0, 0, 1, StructuralEvent.Intrinsic, StructuralEvent.Intrinsic);
}
