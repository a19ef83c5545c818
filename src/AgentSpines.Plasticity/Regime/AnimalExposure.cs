using AgentSpines.Plasticity.Options;
using AgentSpines.Plasticity.Regime.Pk;
using AgentSpines.Plasticity.State;

namespace AgentSpines.Plasticity.Regime;

/// <summary>
/// The pharmacology and cascade state of one animal. At(t) returns the environment of the structural step that
/// starts at t (cascade read at the step's midpoint); calls must come in non-decreasing time order. Integration
/// is split at every dose and at the start and end of stress, so inputs are smooth inside each RK4 step.
/// </summary>
public sealed class AnimalExposure
{
    private readonly DrugRegime _regime;
    private readonly Arm _arm;
    private readonly double _sensitivity;
    private readonly bool _drug;
    private readonly PkTimeCourse? _pk;
    private readonly double[] _breaks;
    private readonly double[] _brain;
    private readonly double[] _u0, _uMid, _u1;
    private CascadeState _x;
    private double _timeH;
    private int _nextBreak;
    private double _lastAskedH = double.NegativeInfinity;
    private StepEnvironment _last;
    private readonly bool _inert;

    public Arm Arm => _arm;
    public double TimeH => _timeH;
    public CascadeState State => _x;

    internal AnimalExposure(DrugRegime regime, Arm arm, double sensitivity)
    {
        _regime = regime;
        _arm = arm;
        _sensitivity = sensitivity;
        _drug = arm == Arm.Drug && regime.HasDrug;
        var breaks = new List<double>();
        if (_drug)
        {
            _pk = new PkTimeCourse(regime.Pk, regime.Doses, 0);
            breaks.AddRange(regime.Doses.Select(d => d.TimeH));
        }
        var s = regime.Options.Stress;
        bool stress = s.Enabled && !(s.Arms == StressArms.DrugOnly && arm == Arm.Vehicle);
        if (stress) { breaks.Add(regime.ReferenceTimeH + s.StartDay * 24); breaks.Add(regime.ReferenceTimeH + s.EndDay * 24); }
        _breaks = breaks.Where(b => b > 0).Distinct().OrderBy(b => b).ToArray();
        _inert = !_drug && !stress;
        _brain = new double[regime.Pk.Species.Count];
        _u0 = new double[ReceptorLayer.TargetCount];
        _uMid = new double[ReceptorLayer.TargetCount];
        _u1 = new double[ReceptorLayer.TargetCount];
        Inputs(0, _u0, includeDosesAtT: true);
    }

    /// <summary>Receptor signals at t; with includeDosesAtT false, the limit from the left (before a dose at t).</summary>
    private void Inputs(double t, double[] u, bool includeDosesAtT)
    {
        Array.Clear(u);
        if (_pk != null)
        {
            _pk.AdvanceTo(t, includeDosesAtT);
            for (int i = 0; i < _brain.Length; i++) _brain[i] = _pk.BrainUnboundUM(i);
            _regime.Receptors.Signals(_brain, u, _sensitivity);
        }
        // stress is piecewise constant; at a break the right-hand value is taken, and steps never straddle one
        if (!_regime.Receptors.IsKnockedOut(ReceptorTarget.Glucocorticoid))
            u[(int)ReceptorTarget.Glucocorticoid] = _regime.Options.Stress.GrSignal(_regime.Stressed(t + (includeDosesAtT ? 0 : -1e-9), _arm));
    }

    /// <summary>Advances the cascade to time t (h).</summary>
    public void AdvanceTo(double t)
    {
        if (_inert || t <= _timeH) return;
        double h = _regime.CascadeOptions.StepH;
        while (_timeH < t)
        {
            while (_nextBreak < _breaks.Length && _breaks[_nextBreak] <= _timeH) _nextBreak++;
            double segmentEnd = _nextBreak < _breaks.Length ? Math.Min(t, _breaks[_nextBreak]) : t;
            bool endsAtBreak = _nextBreak < _breaks.Length && segmentEnd == _breaks[_nextBreak];
            while (_timeH < segmentEnd)
            {
                double step = Math.Min(h, segmentEnd - _timeH);
                if (segmentEnd - (_timeH + step) < 1e-9 * h) step = segmentEnd - _timeH;
                double t1 = _timeH + step;
                bool last = t1 >= segmentEnd;
                Inputs(_timeH + step / 2, _uMid, true);
                Inputs(t1, _u1, !(last && endsAtBreak));
                _regime.Cascade.Step(ref _x, _u0, _uMid, _u1, step);
                _timeH = t1;
                Array.Copy(_u1, _u0, _u0.Length);
            }
            if (endsAtBreak)
            {
                Inputs(_timeH, _u0, true); // the dose (or stress switch) at the break now acts
                _nextBreak++;
            }
        }
    }

    /// <summary>The environment of the structural step [timeH, timeH + StepH).</summary>
    public StepEnvironment At(double timeH)
    {
        if (timeH == _lastAskedH) return _last;
        if (timeH < _lastAskedH) throw new InvalidOperationException($"AnimalExposure.At({timeH}) after At({_lastAskedH}): times must not decrease");
        _lastAskedH = timeH;
        double stepH = _regime.StepH;
        double tm = timeH + 0.5 * stepH;
        if (_inert) return _last = _regime.Cycle.Apply(StepEnvironment.Neutral(timeH, stepH, _arm) with { D1Activation = _regime.Cascade.BasalD1Activation }, tm);
        AdvanceTo(tm);
        var y = _regime.Cascade.Outputs(_x, _u0[(int)ReceptorTarget.Dat], _u0[(int)ReceptorTarget.TrkB]);
        bool afterDose = _drug && _regime.Doses.Count > 0 && tm >= _regime.Doses[0].TimeH;
        bool stressed = _regime.Stressed(tm, _arm) || _x.Glucocorticoid > 1e-3;
        string cause = afterDose ? _regime.DrugCause : stressed ? StructuralEvent.Stress : StructuralEvent.Intrinsic;
        double occupancy = 0;
        foreach (double v in _u0) occupancy = Math.Max(occupancy, v);
        double concentration = _drug && _pk != null ? _regime.Pk.PlasmaMgPerL(_pk.AdvanceTo(tm), 0) : 0;
        return _last = _regime.Cycle.Apply(new StepEnvironment(
            TimeH: timeH, StepH: stepH, Arm: _arm, ConcentrationMgPerL: concentration, Occupancy: _drug ? occupancy : 0,
            FormationMultiplier: y.FormationMultiplier,
            TransientEliminationMultiplier: y.TransientEliminationMultiplier,
            PersistentEliminationMultiplier: y.PersistentEliminationMultiplier,
            EnlargementLogPerH: y.EnlargementLogPerH,
            StabilisationMultiplier: y.StabilisationMultiplier,
            SilencingPerH: y.SilencingPerH,
            FilopodiaPerUmPerH: y.FilopodiaPerUmPerH,
            LossSiteReuseMultiplier: y.LossSiteReuseMultiplier,
            EliminationCause: cause, FormationCause: cause,
            Dopamine: _regime.Cascade.DopamineReceptors.D1 * _regime.Cascade.D1Excess(_u0[(int)ReceptorTarget.Dat]), D1Activation: y.D1Activation,
            DeltaFosB: y.DeltaFosB, CamKiiLevel: y.CamKiiLevel, DensitySetPointFactor: y.DensitySetPointFactor), tm); // silent-synapse cycle; unchanged when off
    }
}
