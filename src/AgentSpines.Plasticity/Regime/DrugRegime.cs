using AgentSpines.Plasticity.Options;
using AgentSpines.Plasticity.State;

namespace AgentSpines.Plasticity.Regime;

/// <summary>
/// The drug and stress state as a pure function of simulation time (h) and arm. The vehicle arm gets the
/// stress phase (when Stress:Arms = Both) but never the drug. See RegimeOptions for the mechanism semantics.
/// </summary>
public sealed class DrugRegime
{
    private readonly RegimeOptions _o;
    private readonly Pharmacokinetics _pk;
    private readonly double[] _doseTimesH;
    private readonly double[] _doseMgPerKg;
    private readonly double[] _dosePeakOccupancy;
    private readonly string _drugCause;
    private readonly double _stepH;
    private readonly SynapseCycleSignals _cycle;

    public RegimeOptions Options => _o;
    public Pharmacokinetics Pk => _pk;
    public SynapseCycleSignals Cycle => _cycle;
    public IReadOnlyList<double> DoseTimesH => _doseTimesH;
    public double ReferenceTimeH => _o.ReferenceDay * 24;
    public bool HasDrug => _o.Drug != "none" && _doseTimesH.Length > 0;

    public DrugRegime(RegimeOptions options, double stepH = 1.0)
    {
        _o = options;
        _stepH = stepH;
        _pk = new Pharmacokinetics(options.Pk);
        var times = new List<double>();
        var doses = new List<double>();
        if (options.Drug != "none")
            for (int r = 0; r < options.RepeatCount; r++)
                foreach (var d in options.Doses)
                {
                    times.Add(ReferenceTimeH + d.TimeH + r * options.RepeatEveryH);
                    doses.Add(d.MgPerKg);
                }
        _doseTimesH = times.ToArray();
        _doseMgPerKg = doses.ToArray();
        _dosePeakOccupancy = new double[_doseMgPerKg.Length];
        for (int i = 0; i < _doseMgPerKg.Length; i++) _dosePeakOccupancy[i] = HillOccupancy.Of(_pk.PeakConcentration(_doseMgPerKg[i]), options.Hill);
        _drugCause = "drug:" + options.Drug;
        _cycle = new SynapseCycleSignals(options.Cycle, ReferenceTimeH, t => HasDrug ? Effect(options.Mechanisms.Dopamine, t) : 0, _drugCause);
    }

    public double ConcentrationMgPerL(double timeH)
    {
        double c = 0;
        for (int i = 0; i < _doseTimesH.Length; i++) c += _pk.SingleDose(_doseMgPerKg[i], timeH - _doseTimesH[i]);
        return c;
    }

    public double Occupancy(double timeH) => HillOccupancy.Of(ConcentrationMgPerL(timeH), _o.Hill);

    /// <summary>Summed effect (sum of Gain * drive) of a mechanism's components at time t.</summary>
    public double Effect(List<MechanismOptions> components, double timeH)
    {
        double e = 0;
        foreach (var c in components) e += c.Gain * Drive(c, timeH);
        return e;
    }

    /// <summary>Drive in [0, MaxDrive] of one mechanism component at time t (see MechanismSet).</summary>
    public double Drive(MechanismOptions m, double timeH)
    {
        if (m.Gain == 0 || _doseTimesH.Length == 0) return 0;
        if (m.DurationH == 0) return Math.Min(m.MaxDrive, Occupancy(timeH - m.DelayH));
        double sum = 0;
        for (int i = 0; i < _doseTimesH.Length; i++)
        {
            double u = timeH - _doseTimesH[i] - m.DelayH;
            if (u < 0) continue;
            double w = u < m.DurationH ? 1 : m.OffTauH > 0 ? Math.Exp(-(u - m.DurationH) / m.OffTauH) : 0;
            sum += _dosePeakOccupancy[i] * w;
        }
        return Math.Min(m.MaxDrive, sum);
    }

    /// <summary>Stress level in [0, 1]: 1 between StartDay and EndDay, relaxing with OffTauDays afterwards.</summary>
    public double StressLevel(double timeH, Arm arm)
    {
        var s = _o.Stress;
        if (!s.Enabled || (s.Arms == StressArms.DrugOnly && arm == Arm.Vehicle)) return 0;
        double day = (timeH - ReferenceTimeH) / 24.0;
        if (day < s.StartDay) return 0;
        if (day < s.EndDay) return 1;
        return Math.Exp(-(day - s.EndDay) / s.OffTauDays);
    }

    /// <summary>The environment of the structural step that starts at timeH (values taken at the step's midpoint).</summary>
    /// <summary>
    /// The arms a run simulates: drug and vehicle when a drug or a drug-arm-only stress differs between them (and
    /// the config asks for both), else the vehicle arm alone.
    /// </summary>
    public Arm[] SimulatedArms()
    {
        bool twoArms = _o.Arms == RegimeArms.DrugAndVehicle && (HasDrug || (_o.Stress.Enabled && _o.Stress.Arms == StressArms.DrugOnly));
        return twoArms ? [Arm.Drug, Arm.Vehicle] : [Arm.Vehicle];
    }

    public StepEnvironment At(double timeH, Arm arm)
    {
        double tm = timeH + 0.5 * _stepH;
        double stress = StressLevel(tm, arm);
        var st = _o.Stress;
        bool drug = arm == Arm.Drug && HasDrug;
        var m = _o.Mechanisms;
        double c = drug ? ConcentrationMgPerL(tm) : 0;
        double occ = drug ? HillOccupancy.Of(c, _o.Hill) : 0;
        double eF = drug ? Effect(m.Formation, tm) : 0, eT = drug ? Effect(m.TransientElimination, tm) : 0,
            eP = drug ? Effect(m.PersistentElimination, tm) : 0, eE = drug ? Effect(m.Enlargement, tm) : 0,
            eS = drug ? Effect(m.Stabilisation, tm) : 0, eSil = drug ? Effect(m.Silencing, tm) : 0,
            eFil = drug ? Effect(m.Filopodia, tm) : 0, eR = drug ? Effect(m.LossSiteReuse, tm) : 0;

        double drugT = Math.Max(0, 1 + eT), stressT = Math.Max(0, 1 + st.TransientEliminationGain * stress);
        double drugP = Math.Max(0, 1 + eP), stressP = Math.Max(0, 1 + st.PersistentEliminationGain * stress);
        double drugF = Math.Max(0, 1 + eF), stressF = Math.Max(0, 1 + st.FormationGain * stress);
        string elimCause = Math.Max(drugT, drugP) >= Math.Max(stressT, stressP) ? _drugCause : StructuralEvent.Stress;
        string formCause = drugF >= stressF || eFil > 0 ? _drugCause : StructuralEvent.Stress;
        if (!drug) { elimCause = StructuralEvent.Stress; formCause = StructuralEvent.Stress; }
        if (!drug && stress == 0) { elimCause = StructuralEvent.Intrinsic; formCause = StructuralEvent.Intrinsic; }

        var env = new StepEnvironment(
            TimeH: timeH, StepH: _stepH, Arm: arm, ConcentrationMgPerL: c, Occupancy: occ,
            FormationMultiplier: drugF * stressF,
            TransientEliminationMultiplier: drugT * stressT,
            PersistentEliminationMultiplier: drugP * stressP,
            EnlargementLogPerH: (eE + st.EnlargementLogPerDay * stress) / 24.0,
            StabilisationMultiplier: Math.Max(0, 1 + eS),
            SilencingPerH: Math.Max(0, eSil) / 24.0,
            FilopodiaPerUmPerH: Math.Max(0, eFil),
            LossSiteReuseMultiplier: Math.Max(0, 1 + eR),
            EliminationCause: elimCause, FormationCause: formCause,
            Dopamine: drug ? Math.Clamp(Effect(m.Dopamine, tm), 0, 1) : 0);
        return _cycle.Apply(env, tm, drug); // silent-synapse cycle (Regime:Cycle); unchanged when off
    }
}
