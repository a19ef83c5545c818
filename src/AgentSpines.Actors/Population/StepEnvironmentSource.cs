using AgentSpines.Plasticity.Model;
using AgentSpines.Plasticity.Regime;
using AgentSpines.Plasticity.State;

namespace AgentSpines.Actors.Population;

/// <summary>
/// Where every actor of a run gets the drug environment of a step: the one place to change when it becomes per
/// dendrite. The environment is one animal's (DrugRegime.ForAnimal): its cascade integrates forward in time, so
/// the first actor to ask for a step advances it and the others read the same value. The recorder writes step k
/// while the segments already run step k+1, so the last few steps are kept. The lock only serialises the
/// integration; no value depends on which actor asks first.
/// </summary>
public sealed class StepEnvironmentSource(DrugRegime regime, Arm arm, AnimalEffects? animal = null)
{
    private const int KeptSteps = 16;
    private readonly AnimalExposure _exposure = regime.ForAnimal(arm, animal?.DrugSensitivity ?? 1);
    private readonly Dictionary<double, StepEnvironment> _recent = new();
    private readonly Queue<double> _order = new();
    private readonly object _gate = new();
    private volatile Kept? _last;

    private sealed record Kept(double TimeH, StepEnvironment Env);

    public DrugRegime Regime => regime;
    public Arm Arm => arm;

    public StepEnvironment At(double timeH, int dendrite)
    {
        // every block asks once per dendrite: the step being run is answered without the lock
        var last = _last;
        if (last != null && last.TimeH == timeH) return last.Env;
        lock (_gate)
        {
            if (_recent.TryGetValue(timeH, out var kept)) return kept;
            var env = _exposure.At(timeH); // throws if timeH is older than every kept step: a bug of the caller
            _last = new Kept(timeH, env);
            _recent[timeH] = env;
            _order.Enqueue(timeH);
            if (_order.Count > KeptSteps) _recent.Remove(_order.Dequeue());
            return env;
        }
    }
}
