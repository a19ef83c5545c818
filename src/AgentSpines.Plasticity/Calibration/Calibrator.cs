using System.Globalization;
using AgentSpines.Plasticity.Imaging;
using AgentSpines.Plasticity.Model;
using AgentSpines.Plasticity.Population;
using AgentSpines.Plasticity.Regime;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace AgentSpines.Plasticity.Calibration;

/// <summary>One row of the residual table.</summary>
public sealed record ResidualRow(string Metric, string Arm, double CohortDay, double Day, double Target, double Tolerance, double Simulated, string Study = "")
{
    /// <summary>(simulated - target) / tolerance: |z| &lt;= 1 is within tolerance.</summary>
    public double Z => (Simulated - Target) / Tolerance;
}

public sealed record CalibrationResult(IReadOnlyList<(string Key, double Value)> Parameters, IReadOnlyList<ResidualRow> Residuals, double Objective, int Evaluations);

/// <summary>One study of a calibration: a config, its targets, and overrides that apply to it alone (e.g. run length).</summary>
public sealed record CalibrationStudy(string ConfigPath, CalibrationTargets Targets, IReadOnlyList<string> Overrides)
{
    public string Name => Path.GetFileNameWithoutExtension(ConfigPath);
}

/// <summary>
/// Fits free parameters to target points of one or several studies at once: objective = sum over studies of
/// ((simulated - target) / tolerance)^2 over the imaging summaries of drug + vehicle experiments; minimised by
/// MathNet's Nelder-Mead simplex on parameters mapped to [Min, Max] through a logistic transform. Fitting the
/// shared cascade (Cascade:* keys) to every drug at once is the joint case (JointTargets). The same seeds are used
/// at every evaluation (common random numbers), so the objective is a deterministic function of the parameters.
/// </summary>
public sealed class Calibrator
{
    private readonly IReadOnlyList<CalibrationStudy> _studies;
    private readonly IReadOnlyList<FreeParameter> _parameters;
    private readonly int _replicates, _spines;

    public Calibrator(string configPath, CalibrationTargets targets, int replicates, int spines, IEnumerable<string>? baseOverrides = null)
        : this([new CalibrationStudy(configPath, targets, baseOverrides?.ToList() ?? new())], targets.Parameters, replicates, spines) { }

    public Calibrator(IReadOnlyList<CalibrationStudy> studies, IReadOnlyList<FreeParameter> parameters, int replicates, int spines)
    {
        _studies = studies;
        _parameters = parameters;
        _replicates = replicates;
        _spines = spines;
    }

    public int Evaluations { get; private set; }
    public IReadOnlyList<FreeParameter> Parameters => _parameters;

    /// <summary>Residuals of every study as configured (plus overrides, applied to every study).</summary>
    public IReadOnlyList<ResidualRow> Evaluate(IEnumerable<string> overrides)
    {
        Evaluations++;
        var common = overrides.ToList();
        var rows = new List<ResidualRow>();
        foreach (var study in _studies)
        {
            var cfg = ExperimentConfig.Load(study.ConfigPath, study.Overrides.Concat(common));
            var spec = (cfg.Spec with { Replicates = _replicates }).WithAtLeastSpines(_spines, cfg.Plasticity.DensityPerUm);
            var model = new PlasticityModel(cfg.Plasticity, spec.StepHours);
            var result = new PopulationDriver(model, cfg.MakeRegime(spec.StepHours), cfg.Imaging).Run(spec);
            var s = new ImagingSummary(result);
            rows.AddRange(study.Targets.Targets.Select(t => new ResidualRow(t.Metric, t.Arm, t.CohortDay, t.Day, t.Value, t.Tolerance, Simulate(s, t), study.Name)));
        }
        return rows;
    }

    public static double Simulate(ImagingSummary s, TargetPoint t) => t.Metric switch
    {
        "density_effect_pp" => s.DensityEffectPp(t.Day).Mean,
        "density_change_pct" => s.DensityChangePct(t.Arm, t.Day).Mean,
        "formation_pct" => s.FormationPct(t.Arm, t.Day).Mean,
        "elimination_pct" => s.EliminationPct(t.Arm, t.Day).Mean,
        "formation_ratio" => s.FormationPct("drug", t.Day).Mean / s.FormationPct("vehicle", t.Day).Mean,
        "width_effect_pct" => s.WidthEffectPp(t.Day).Mean,
        "cohort_survival_pct" => s.CohortSurvivalPct(t.Arm, t.CohortDay, t.Day).Mean,
        _ => throw new ArgumentOutOfRangeException(nameof(t), t.Metric, "unknown metric"),
    };

    public static double Objective(IEnumerable<ResidualRow> rows)
    {
        double sum = 0;
        foreach (var r in rows) sum += double.IsFinite(r.Z) ? r.Z * r.Z : 1e6;
        return sum;
    }

    /// <summary>Runs Nelder-Mead from the config's current values (or the range midpoints) for at most maxEvaluations runs.</summary>
    public CalibrationResult Fit(int maxEvaluations, Func<string, double?>? currentValue = null)
    {
        var ps = _parameters;
        if (ps.Count == 0)
        {
            var rows = Evaluate(Array.Empty<string>());
            return new CalibrationResult(Array.Empty<(string, double)>(), rows, Objective(rows), Evaluations);
        }
        double ToUnbounded(FreeParameter p, double v)
        {
            double f = Math.Clamp((v - p.Min) / (p.Max - p.Min), 1e-3, 1 - 1e-3);
            return Math.Log(f / (1 - f));
        }
        double ToBounded(FreeParameter p, double z) => p.Min + (p.Max - p.Min) / (1 + Math.Exp(-z));
        var start = Vector<double>.Build.Dense(ps.Count, i => ToUnbounded(ps[i], currentValue?.Invoke(ps[i].Key) ?? 0.5 * (ps[i].Min + ps[i].Max)));

        double best = double.PositiveInfinity;
        Vector<double>? bestX = null;
        IReadOnlyList<ResidualRow>? bestRows = null;
        string[] Overrides(Vector<double> x) => ps.Select((p, i) => "--" + p.Key + "=" + ToBounded(p, x[i]).ToString("R", CultureInfo.InvariantCulture)).ToArray();
        double F(Vector<double> x)
        {
            if (Evaluations >= maxEvaluations) return best + 1; // budget spent: stop improving
            var rows = Evaluate(Overrides(x));
            double f = Objective(rows);
            if (f < best) { best = f; bestX = x.Clone(); bestRows = rows; }
            return f;
        }
        try
        {
            // initial step 1.5 in logit units (a bound-to-bound range is about 14): a small first step can land on the very same events
            // (common random numbers), and the simplex would call that flat objective converged
            new NelderMeadSimplex(1e-3, maxEvaluations).FindMinimum(ObjectiveFunction.Value(F), start, Vector<double>.Build.Dense(ps.Count, 1.5));
        }
        catch (MaximumIterationsException)
        {
            // keep the best point found within the budget
        }
        var values = ps.Select((p, i) => (p.Key, ToBounded(p, bestX![i]))).ToList();
        return new CalibrationResult(values, bestRows!, best, Evaluations);
    }

    /// <summary>A fixed-width residual table for the terminal.</summary>
    public static string Table(IEnumerable<ResidualRow> rows)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new System.Text.StringBuilder();
        sb.AppendLine(string.Format(inv, "{0,-24} {1,-22} {2,-8} {3,7} {4,9} {5,10} {6,10} {7,8}", "study", "metric", "arm", "day", "target", "tolerance", "simulated", "z"));
        foreach (var r in rows)
        {
            string day = r.Metric == "cohort_survival_pct" ? string.Format(inv, "{0:G4}>{1:G4}", r.CohortDay, r.Day) : r.Day.ToString("G4", inv);
            sb.AppendLine(string.Format(inv, "{0,-24} {1,-22} {2,-8} {3,7} {4,9:F2} {5,10:F2} {6,10:F2} {7,8:F2}{8}", r.Study, r.Metric, r.Arm, day, r.Target, r.Tolerance, r.Simulated, r.Z, Math.Abs(r.Z) <= 1 ? "" : "  *"));
        }
        return sb.ToString();
    }
}
