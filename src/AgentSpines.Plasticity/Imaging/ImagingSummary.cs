using AgentSpines.Plasticity.Population;

namespace AgentSpines.Plasticity.Imaging;

/// <summary>Mean and 95% interval over replicates of one measure at one session.</summary>
public readonly record struct Estimate(double Mean, double Low, double High, int N)
{
    public static Estimate Of(IReadOnlyList<double> values)
    {
        var v = values.Where(double.IsFinite).ToArray();
        if (v.Length == 0) return new Estimate(double.NaN, double.NaN, double.NaN, 0);
        double m = v.Average();
        double sd = v.Length > 1 ? Math.Sqrt(v.Sum(x => (x - m) * (x - m)) / (v.Length - 1)) : 0;
        double half = v.Length > 1 ? MathNet.Numerics.Distributions.StudentT.InvCDF(0, 1, v.Length - 1, 0.975) * sd / Math.Sqrt(v.Length) : 0;
        return new Estimate(m, m - half, m + half, v.Length);
    }

    public override string ToString() => FormattableString.Invariant($"{Mean:F2} [{Low:F2}, {High:F2}]");
}

/// <summary>
/// Published-style summaries of an experiment: per-replicate density and width change vs the first session
/// (%), drug minus vehicle (pp, paired by replicate: common random numbers), rates, cohort survival.
/// </summary>
public sealed class ImagingSummary
{
    private readonly List<ImagingRow> _rows;
    private readonly List<CohortRow> _cohorts;

    public ImagingSummary(ExperimentResult result)
    {
        _rows = ImagingSessions.Rows(result);
        _cohorts = ImagingSessions.Cohorts(result);
    }

    public IReadOnlyList<ImagingRow> Rows => _rows;
    public IReadOnlyList<CohortRow> CohortRows => _cohorts;
    public IEnumerable<double> SessionDays => _rows.Select(r => r.SessionDay).Distinct().OrderBy(d => d);

    private double[] PerReplicate(string arm, double day, Func<ImagingRow, ImagingRow, double> f)
    {
        var list = new List<double>();
        foreach (var g in _rows.Where(r => r.Arm == arm).GroupBy(r => r.Replicate).OrderBy(g => g.Key))
        {
            var first = g.OrderBy(r => r.SessionDay).First();
            var at = g.FirstOrDefault(r => Math.Abs(r.SessionDay - day) < 1e-9);
            if (at != null) list.Add(f(first, at));
        }
        return list.ToArray();
    }

    public static double DensityChange(ImagingRow first, ImagingRow at) => 100.0 * (at.SpinesVisible / (double)Math.Max(1, first.SpinesVisible) - 1);
    public static double WidthChange(ImagingRow first, ImagingRow at) => 100.0 * (at.MeanHeadWidthUm / first.MeanHeadWidthUm - 1);

    /// <summary>Density change vs first session (%), one arm.</summary>
    public Estimate DensityChangePct(string arm, double day) => Estimate.Of(PerReplicate(arm, day, DensityChange));

    /// <summary>Drug minus vehicle density change (pp), paired by replicate.</summary>
    public Estimate DensityEffectPp(double day) => Paired(day, DensityChange);
    public Estimate WidthEffectPp(double day) => Paired(day, WidthChange);
    public Estimate WidthChangePct(string arm, double day) => Estimate.Of(PerReplicate(arm, day, WidthChange));
    public Estimate FormationPct(string arm, double day) => Estimate.Of(PerReplicate(arm, day, (_, r) => r.FormationPct));
    public Estimate EliminationPct(string arm, double day) => Estimate.Of(PerReplicate(arm, day, (_, r) => r.EliminationPct));
    public Estimate Filopodia(string arm, double day) => Estimate.Of(PerReplicate(arm, day, (_, r) => r.FilopodiaVisible));
    public Estimate TrueDensityChangePct(string arm, double day) => Estimate.Of(PerReplicate(arm, day, (f, r) => 100.0 * (r.TrueDensityPerUm / f.TrueDensityPerUm - 1)));

    private Estimate Paired(double day, Func<ImagingRow, ImagingRow, double> f)
    {
        var d = PerReplicate("drug", day, f);
        var v = PerReplicate("vehicle", day, f);
        var diff = new double[Math.Min(d.Length, v.Length)];
        for (int i = 0; i < diff.Length; i++) diff[i] = d[i] - v[i];
        return Estimate.Of(diff);
    }

    /// <summary>Survival (%) of the cohort new at cohortDay, at sessionDay, pooled per replicate.</summary>
    public Estimate CohortSurvivalPct(string arm, double cohortDay, double sessionDay)
        => Estimate.Of(_cohorts.Where(c => c.Arm == arm && Math.Abs(c.CohortDay - cohortDay) < 1e-9 && Math.Abs(c.SessionDay - sessionDay) < 1e-9)
            .OrderBy(c => c.Replicate).Select(c => 100.0 * c.SurvivalFraction).ToList());
}
