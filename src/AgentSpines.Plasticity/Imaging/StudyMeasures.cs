using AgentSpines.Plasticity.Options;
using AgentSpines.Plasticity.Population;
using AgentSpines.Plasticity.State;

namespace AgentSpines.Plasticity.Imaging;

/// <summary>A published-style mean +/- SEM and the number of samples it is over (dendrites or animals).</summary>
public readonly record struct MeanSem(double Mean, double Sem, int N)
{
    public static MeanSem Of(IReadOnlyList<double> values)
    {
        var v = values.Where(double.IsFinite).ToArray();
        if (v.Length == 0) return new MeanSem(double.NaN, double.NaN, 0);
        double m = v.Average();
        double sd = v.Length > 1 ? Math.Sqrt(v.Sum(x => (x - m) * (x - m)) / (v.Length - 1)) : double.NaN;
        return new MeanSem(m, sd / Math.Sqrt(v.Length), v.Length);
    }

    public override string ToString() => FormattableString.Invariant($"{Mean:F1} +/- {Sem:F1} (n={N})");
}

/// <summary>
/// Measures of a virtual experiment computed the way the papers computed them: per dendrite (density change vs the first
/// session, formation and elimination, survival of a session's new spines), then mean +/- SEM over all dendrites of an arm
/// (Kwan lab: Shao 2021, Jefferson 2023) or over per-animal means (Phoumthipphavong 2016), as Imaging:SemOver says.
/// Each run (replicate) is one animal; its dendrites are told apart by their census positions. When the study imaged
/// only some of its animals at some sessions (animalsImaged: how many of an arm's animals at the session of a day), a
/// measure that compares sessions uses the arm's first animals (replicate order) imaged at all of them.
/// </summary>
public sealed class StudyMeasures(IReadOnlyList<RunResult> runs, SemUnit semOver, Func<Arm, double, int>? animalsImaged = null)
{
    /// <summary>Density change (%) at the session of the given day vs the first session.</summary>
    public MeanSem DensityChangePct(Arm arm, double day) => Summarise(arm, [FirstSessionDay(arm), day], run =>
    {
        var first = PerDendriteCounts(run.Sessions[0]);
        var at = PerDendriteCounts(Session(run, day));
        return first.Where(kv => kv.Value > 0).Select(kv => 100.0 * (at.GetValueOrDefault(kv.Key) / (double)kv.Value - 1));
    });

    /// <summary>Spines new at the session of the given day (absent at the one before) as % of the previous session's count.</summary>
    public MeanSem FormationPct(Arm arm, double day) => Rate(arm, day, formation: true);

    public MeanSem EliminationPct(Arm arm, double day) => Rate(arm, day, formation: false);

    /// <summary>Survival (%) at sessionDay of the spines new at cohortDay, per dendrite with at least one new spine.</summary>
    public MeanSem CohortSurvivalPct(Arm arm, double cohortDay, double sessionDay) => Summarise(arm, [PreviousSessionDay(arm, cohortDay), cohortDay, sessionDay], run =>
    {
        int k = SessionIndex(run, cohortDay);
        var cohort = ImagingSessions.Difference(run.Sessions[k].VisibleIds, run.Sessions[k - 1].VisibleIds);
        var later = new HashSet<ulong>(Session(run, sessionDay).VisibleIds);
        var dendriteOf = DendriteOfIds(run.Sessions[k]);
        return cohort.GroupBy(id => dendriteOf[id]).Select(g => 100.0 * g.Count(later.Contains) / g.Count());
    });

    private MeanSem Rate(Arm arm, double day, bool formation) => Summarise(arm, [PreviousSessionDay(arm, day), day], run =>
    {
        int k = SessionIndex(run, day);
        var prev = DendriteOfIds(run.Sessions[k - 1]);
        var now = DendriteOfIds(run.Sessions[k]);
        var counts = new Dictionary<int, (int Before, int Changed)>();
        foreach (var (id, d) in prev)
        {
            var c = counts.GetValueOrDefault(d);
            counts[d] = (c.Before + 1, c.Changed + (!formation && !now.ContainsKey(id) ? 1 : 0));
        }
        if (formation)
            foreach (var (id, d) in now)
                if (!prev.ContainsKey(id) && counts.TryGetValue(d, out var c)) counts[d] = (c.Before, c.Changed + 1);
        return counts.Values.Where(c => c.Before > 0).Select(c => 100.0 * c.Changed / c.Before);
    });

    /// <summary>Per-dendrite values of each animal of the arm, summarised over dendrites or over animal means.</summary>
    private MeanSem Summarise(Arm arm, double[] sessionDays, Func<RunResult, IEnumerable<double>> perDendrite)
    {
        var values = new List<double>();
        foreach (var run in ImagedAnimals(arm, sessionDays))
        {
            var v = perDendrite(run).Where(double.IsFinite).ToList();
            if (semOver == SemUnit.Dendrites) values.AddRange(v);
            else if (v.Count > 0) values.Add(v.Average());
        }
        return MeanSem.Of(values);
    }

    /// <summary>Per-animal means of a per-dendrite measure (what a test on animals compares).</summary>
    public double[] AnimalMeansOfDensityChange(Arm arm, double day)
        => ImagedAnimals(arm, [FirstSessionDay(arm), day]).Select(run =>
        {
            var first = PerDendriteCounts(run.Sessions[0]);
            var at = PerDendriteCounts(Session(run, day));
            var v = first.Where(kv => kv.Value > 0).Select(kv => 100.0 * (at.GetValueOrDefault(kv.Key) / (double)kv.Value - 1)).ToList();
            return v.Count > 0 ? v.Average() : double.NaN;
        }).Where(double.IsFinite).ToArray();

    /// <summary>The arm's animals (replicate order) imaged at every one of the given sessions.</summary>
    private IEnumerable<RunResult> ImagedAnimals(Arm arm, double[] sessionDays)
    {
        var all = runs.Where(r => r.Arm == arm).OrderBy(r => r.Replicate).ToList();
        if (animalsImaged is null) return all;
        return all.Take(sessionDays.Min(d => animalsImaged(arm, d)));
    }

    private double FirstSessionDay(Arm arm) => runs.First(r => r.Arm == arm).Sessions[0].SessionDay;

    private double PreviousSessionDay(Arm arm, double day)
    {
        var run = runs.First(r => r.Arm == arm);
        int k = SessionIndex(run, day);
        if (k == 0) throw new ArgumentException($"no imaging session before day {day}");
        return run.Sessions[k - 1].SessionDay;
    }

    private static int SessionIndex(RunResult run, double day)
    {
        for (int i = 0; i < run.Sessions.Count; i++)
            if (Math.Abs(run.Sessions[i].SessionDay - day) < 1e-9) return i;
        throw new ArgumentException($"no imaging session at day {day}");
    }

    private static SessionCensus Session(RunResult run, double day) => run.Sessions[SessionIndex(run, day)];

    private static Dictionary<int, int> PerDendriteCounts(SessionCensus c)
    {
        var counts = new Dictionary<int, int>();
        for (int d = 0; d < c.DendritesImaged; d++) counts[d] = 0; // a dendrite whose spines all vanished still counts
        foreach (double p in c.PositionsUm)
        {
            int d = VirtualMicroscope.DendriteOf(p);
            counts[d] = counts.GetValueOrDefault(d) + 1;
        }
        return counts;
    }

    private static Dictionary<ulong, int> DendriteOfIds(SessionCensus c)
    {
        var map = new Dictionary<ulong, int>(c.VisibleIds.Length);
        for (int i = 0; i < c.VisibleIds.Length; i++) map[c.VisibleIds[i]] = VirtualMicroscope.DendriteOf(c.PositionsUm[i]);
        return map;
    }
}
