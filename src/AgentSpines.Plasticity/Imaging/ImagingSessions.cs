using AgentSpines.Plasticity.Population;
using AgentSpines.Plasticity.State;

namespace AgentSpines.Plasticity.Imaging;

/// <summary>
/// Turns session censuses into the measures two-photon studies report: between consecutive sessions a visible
/// spine is new (not visible before), lost (visible before, not now) or stable; formation/elimination are
/// new/lost as % of the previous session's count (Shao 2021 convention); cohorts follow each session's new spines.
/// </summary>
public static class ImagingSessions
{
    public static string ArmName(Arm arm) => arm == Arm.Drug ? "drug" : "vehicle";

    public static List<ImagingRow> Rows(ExperimentResult result)
    {
        var rows = new List<ImagingRow>();
        foreach (var run in result.Runs.OrderBy(r => r.Replicate).ThenBy(r => r.Arm))
        {
            SessionCensus? prev = null;
            foreach (var c in run.Sessions)
            {
                int n = c.VisibleIds.Length;
                double width = 0;
                foreach (double w in c.HeadWidthsUm) width += w;
                width = n > 0 ? width / n : double.NaN;
                int gained = 0, lost = 0;
                if (prev != null) (gained, lost) = Compare(prev.VisibleIds, c.VisibleIds);
                int prevN = prev?.VisibleIds.Length ?? 0;
                rows.Add(new ImagingRow(result.Regime, run.Replicate, ArmName(run.Arm), c.SessionDay, n, n / c.FieldLengthUm,
                    gained, lost, prev == null || prevN == 0 ? double.NaN : 100.0 * gained / prevN,
                    prev == null || prevN == 0 ? double.NaN : 100.0 * lost / prevN, width, c.FilopodiaVisible, c.TrueSpines / c.FieldLengthUm));
                prev = c;
            }
        }
        return rows;
    }

    public static List<CohortRow> Cohorts(ExperimentResult result)
    {
        var rows = new List<CohortRow>();
        foreach (var run in result.Runs.OrderBy(r => r.Replicate).ThenBy(r => r.Arm))
        {
            var s = run.Sessions;
            for (int k = 1; k < s.Count; k++)
            {
                var cohort = Difference(s[k].VisibleIds, s[k - 1].VisibleIds);
                if (cohort.Length == 0) continue;
                for (int m = k + 1; m < s.Count; m++)
                {
                    int alive = Intersection(cohort, s[m].VisibleIds);
                    rows.Add(new CohortRow(result.Regime, run.Replicate, ArmName(run.Arm), s[k].SessionDay, s[m].SessionDay, cohort.Length, (double)alive / cohort.Length));
                }
            }
        }
        return rows;
    }

    /// <summary>(in b not a, in a not b) for ascending id arrays.</summary>
    public static (int Gained, int Lost) Compare(ulong[] a, ulong[] b)
    {
        int common = Intersection(a, b);
        return (b.Length - common, a.Length - common);
    }

    public static int Intersection(ulong[] a, ulong[] b)
    {
        int i = 0, j = 0, n = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j]) { n++; i++; j++; }
            else if (a[i] < b[j]) i++;
            else j++;
        }
        return n;
    }

    public static ulong[] Difference(ulong[] a, ulong[] b)
    {
        var r = new List<ulong>();
        int j = 0;
        foreach (ulong x in a)
        {
            while (j < b.Length && b[j] < x) j++;
            if (j >= b.Length || b[j] != x) r.Add(x);
        }
        return r.ToArray();
    }

    /// <summary>
    /// Trachtenberg-style lifetime classes from daily sessions: of all spines seen at least once, the fraction seen
    /// in every session (lived longer than the window) and the fraction seen in exactly one interior session
    /// (appeared and vanished within a day).
    /// </summary>
    public static (double SeenOnce, double SeenAlways, int Total) LifetimeClasses(IReadOnlyList<SessionCensus> daily)
    {
        var count = new Dictionary<ulong, (int N, int First)>();
        for (int k = 0; k < daily.Count; k++)
            foreach (ulong id in daily[k].VisibleIds)
                count[id] = count.TryGetValue(id, out var v) ? (v.N + 1, v.First) : (1, k);
        int once = 0, always = 0;
        foreach (var (_, v) in count)
        {
            if (v.N == daily.Count) always++;
            else if (v.N == 1 && v.First > 0 && v.First < daily.Count - 1) once++;
        }
        return ((double)once / count.Count, (double)always / count.Count, count.Count);
    }
}
