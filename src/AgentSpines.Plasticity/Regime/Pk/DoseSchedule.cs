using AgentSpines.Plasticity.Options;

namespace AgentSpines.Plasticity.Regime.Pk;

/// <summary>One administration at an absolute simulation time.</summary>
public readonly record struct DoseEvent(double TimeH, int Species, string Route, double MgPerKg);

/// <summary>
/// Concentrations over time for a dose list, evaluated in increasing time order (the cheap path used per step),
/// or from scratch at any time (ConcentrationsAt, used by tests and figures). Doses superpose because the model
/// is linear; the exact propagation makes the result independent of how time is cut up.
/// </summary>
public sealed class PkTimeCourse
{
    private readonly LinearPkModel _model;
    private readonly DoseEvent[] _doses;
    private readonly double[] _state;
    private double _timeH;
    private int _next;

    public LinearPkModel Model => _model;
    public IReadOnlyList<DoseEvent> Doses => _doses;

    public PkTimeCourse(LinearPkModel model, IEnumerable<DoseEvent> doses, double startH = double.NegativeInfinity)
    {
        _model = model;
        _doses = doses.OrderBy(d => d.TimeH).ToArray();
        _state = model.NewState();
        _timeH = _doses.Length > 0 ? Math.Min(_doses[0].TimeH, startH) : startH;
        if (double.IsNegativeInfinity(_timeH)) _timeH = 0;
    }

    /// <summary>The state at timeH (not earlier than the last call): doses at exactly timeH are included.</summary>
    public double[] AdvanceTo(double timeH, bool includeDosesAtT = true)
    {
        if (timeH < _timeH - 1e-12) throw new InvalidOperationException($"PK time course asked for {timeH} h after {_timeH} h");
        while (_next < _doses.Length && (_doses[_next].TimeH < timeH || (includeDosesAtT && _doses[_next].TimeH == timeH)))
        {
            var d = _doses[_next++];
            _model.Propagate(_state, d.TimeH - _timeH);
            _timeH = d.TimeH;
            _model.Dose(_state, d.Species, d.Route, d.MgPerKg);
        }
        _model.Propagate(_state, timeH - _timeH);
        _timeH = Math.Max(_timeH, timeH);
        return _state;
    }

    public double PlasmaUM(int species) => _model.PlasmaUM(_state, species);
    public double BrainUnboundUM(int species) => _model.BrainUnboundUM(_state, species);

    /// <summary>Plasma concentrations (uM) of every species at one time, computed from scratch.</summary>
    public static double[] PlasmaAt(LinearPkModel model, IEnumerable<DoseEvent> doses, double timeH)
    {
        var tc = new PkTimeCourse(model, doses.Where(d => d.TimeH <= timeH));
        var s = tc.AdvanceTo(timeH);
        var c = new double[model.Species.Count];
        for (int i = 0; i < c.Length; i++) c[i] = model.PlasmaUM(s, i);
        return c;
    }
}
