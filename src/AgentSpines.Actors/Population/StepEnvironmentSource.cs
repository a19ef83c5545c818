using AgentSpines.Plasticity.Regime;
using AgentSpines.Plasticity.State;

namespace AgentSpines.Actors.Population;

/// <summary>
/// Where every actor of a run gets the drug environment of a step: the one place to change when it becomes per
/// animal or per dendrite. A pure function of (time, arm, dendrite), so actors call it without sharing state.
/// </summary>
public sealed class StepEnvironmentSource(DrugRegime regime, Arm arm)
{
    public DrugRegime Regime => regime;
    public Arm Arm => arm;

    public StepEnvironment At(double timeH, int dendrite) => regime.At(timeH, arm);
}
