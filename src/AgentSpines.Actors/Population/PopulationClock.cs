using AgentSpines.Plasticity.Model;
using AgentSpines.Plasticity.Regime;
using AgentSpines.Plasticity.State;

namespace AgentSpines.Actors.Population;

/// <summary>
/// What every actor of one (replicate, arm) run reads during a step: the model, the drug environment of the
/// step and whether the step is a census. The engine sets it between steps only, so actors read it without locks.
/// </summary>
public sealed class PopulationClock(PlasticityModel model, DrugRegime regime, Arm arm, ulong replicateKey)
{
    public PlasticityModel Model { get; } = model;
    public DrugRegime Regime { get; } = regime;
    public Arm Arm { get; } = arm;
    /// <summary>The replicate's random key (RunSeed.ForReplicate); drug and vehicle arms share it.</summary>
    public ulong Key { get; } = replicateKey;
    /// <summary>The random effects of this replicate's animal (its drug sensitivity scales the drug arm's environment).</summary>
    public AnimalEffects Animal { get; } = AnimalEffects.Draw(model.Options, replicateKey);

    private StepEnvironment _environment;

    /// <summary>The drug environment of the step, by reference: it is read once per spine and step, and it is large.</summary>
    public ref readonly StepEnvironment Environment => ref _environment;
    public double TimeH { get; private set; }
    public double StepH { get; private set; }
    /// <summary>Spines report their state to the recorder at the start of this step (before they change).</summary>
    public bool Census { get; private set; }
    /// <summary>A census-only step at the end of the run: nothing changes.</summary>
    public bool Frozen { get; private set; }

    internal void Set(double timeH, double stepH, bool census, bool frozen)
    {
        TimeH = timeH;
        StepH = stepH;
        Census = census;
        Frozen = frozen;
        _environment = Animal.Scale(Regime.At(timeH, Arm));
    }
}
