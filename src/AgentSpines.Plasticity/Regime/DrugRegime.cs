using AgentSpines.Plasticity.Options;
using AgentSpines.Plasticity.Regime.Pk;
using AgentSpines.Plasticity.State;

namespace AgentSpines.Plasticity.Regime;

/// <summary>
/// A regime: dose schedule, pharmacology (LinearPkModel, ReceptorLayer) and the shared SignallingCascade. Nothing in
/// it says when an effect happens: that comes from the kinetics. The environment of a run is stateful per animal
/// (the cascade remembers), so callers take one AnimalExposure per (replicate, arm) with ForAnimal and ask it
/// for each step in increasing time order.
/// </summary>
public sealed class DrugRegime
{
    private readonly RegimeOptions _o;
    private readonly DoseEvent[] _doses;

    public RegimeOptions Options => _o;
    public CascadeOptions CascadeOptions { get; }
    public SignallingCascade Cascade { get; }
    public LinearPkModel Pk { get; }
    public ReceptorLayer Receptors { get; }
    public double StepH { get; }
    public IReadOnlyList<DoseEvent> Doses => _doses;
    public IReadOnlyList<double> DoseTimesH => _doses.Select(d => d.TimeH).ToArray();
    /// <summary>The cell-wide signals of the silent-synapse cycle (Regime:Cycle; off unless a neuron type is set).</summary>
    public SynapseCycleSignals Cycle { get; }
    public double ReferenceTimeH => _o.ReferenceDay * 24;
    public bool HasDrug => _o.Drug != "none" && _doses.Length > 0 && _o.Species.Count > 0;
    public string DrugCause { get; }

    public DrugRegime(RegimeOptions options, double stepH = 1.0, CascadeOptions? cascade = null)
    {
        _o = options;
        StepH = stepH;
        CascadeOptions = cascade ?? new CascadeOptions();
        Cascade = new SignallingCascade(CascadeOptions, DopamineReceptorExpression.Of(options.Neuron));
        var doses = new List<DoseEvent>();
        var species = options.Species;
        if (options.Drug != "none" && species.Count > 0)
            for (int r = 0; r < options.RepeatCount; r++)
                foreach (var d in options.Doses)
                {
                    string name = d.Species.Length > 0 ? d.Species : species[0].Name;
                    int s = species.FindIndex(x => x.Name == name);
                    doses.Add(new DoseEvent(ReferenceTimeH + d.TimeH + r * options.RepeatEveryH, s, d.Route, d.MgPerKg));
                }
        _doses = doses.OrderBy(d => d.TimeH).ToArray();
        Pk = new LinearPkModel(species, _doses.Select(d => (species[d.Species].Name, d.Route)));
        Receptors = new ReceptorLayer(options.Receptors, Pk.IndexOf, options.KnockedOutReceptors);
        DrugCause = "drug:" + options.Drug;
        Cycle = new SynapseCycleSignals(options.Cycle, ReferenceTimeH, DrugCause, Cascade.DopamineReceptors.D1);
    }

    /// <summary>
    /// The arms a run simulates: drug and vehicle when a drug or a drug-arm-only stress differs between them (and
    /// the config asks for both), else the vehicle arm alone.
    /// </summary>
    public Arm[] SimulatedArms()
    {
        bool twoArms = _o.Arms == RegimeArms.DrugAndVehicle && (HasDrug || (_o.Stress.Enabled && _o.Stress.Arms == StressArms.DrugOnly));
        return twoArms ? [Arm.Drug, Arm.Vehicle] : [Arm.Vehicle];
    }

    /// <summary>Whether the arm is under stress (corticosterone) at time t.</summary>
    public bool Stressed(double timeH, Arm arm)
    {
        var s = _o.Stress;
        if (!s.Enabled || (s.Arms == StressArms.DrugOnly && arm == Arm.Vehicle)) return false;
        double day = (timeH - ReferenceTimeH) / 24.0;
        return day >= s.StartDay && day < s.EndDay;
    }

    /// <summary>
    /// The one entry point of a run: the drug/stress environment of one animal (one replicate and arm). sensitivity
    /// scales the animal's receptor-level drug signals (a random effect per animal; 1 = typical animal).
    /// </summary>
    public AnimalExposure ForAnimal(Arm arm, double sensitivity = 1) => new(this, arm, sensitivity);
}
