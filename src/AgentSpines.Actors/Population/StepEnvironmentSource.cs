using AgentSpines.Plasticity.Model;
using AgentSpines.Plasticity.Regime;
using AgentSpines.Plasticity.State;

namespace AgentSpines.Actors.Population;

/// <summary>
/// Where every actor of a run gets the drug environment of a step: the one place to change when it becomes per
/// dendrite. The environment is one animal's (DrugRegime.ForAnimal): its cascade integrates forward in time, so
/// the first actor to ask for a step advances it and the others read the same value (AnimalExposure caches the
/// step). The lock only serialises that; the value does not depend on which actor asks first.
/// </summary>
public sealed class StepEnvironmentSource(DrugRegime regime, Arm arm, AnimalEffects? animal = null)
{
    private readonly AnimalExposure _exposure = regime.ForAnimal(arm, animal?.DrugSensitivity ?? 1);
    private readonly object _gate = new();

    public DrugRegime Regime => regime;
    public Arm Arm => arm;

    public StepEnvironment At(double timeH, int dendrite)
    {
        lock (_gate) return _exposure.At(timeH);
    }
}
