using System.Globalization;
using System.Text;
using AgentSpines.Plasticity.Imaging;
using AgentSpines.Plasticity.Population;

namespace AgentSpines.Plasticity.Tests;

/// <summary>When AGENTSPINES_PLASTICITY_CSV names a directory, tests write their imaging and cohort rows there (for docs figures).</summary>
public static class CsvExport
{
    public static void MaybeWrite(string configName, ExperimentResult result)
    {
        string? dir = Environment.GetEnvironmentVariable("AGENTSPINES_PLASTICITY_CSV");
        if (string.IsNullOrEmpty(dir)) return;
        Directory.CreateDirectory(dir);
        string stem = Path.GetFileNameWithoutExtension(configName);
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder("regime,replicate,arm,session_day,spines_visible,density_per_um,new_since_last,lost_since_last,formation_pct,elimination_pct,mean_head_width_um,filopodia_visible,true_density_per_um\n");
        foreach (var r in ImagingSessions.Rows(result))
            sb.AppendLine(string.Join(",", r.Regime, r.Replicate.ToString(inv), r.Arm, r.SessionDay.ToString(inv), r.SpinesVisible.ToString(inv),
                r.DensityPerUm.ToString(inv), r.NewSinceLast.ToString(inv), r.LostSinceLast.ToString(inv), r.FormationPct.ToString(inv),
                r.EliminationPct.ToString(inv), r.MeanHeadWidthUm.ToString(inv), r.FilopodiaVisible.ToString(inv), r.TrueDensityPerUm.ToString(inv)));
        File.WriteAllText(Path.Combine(dir, stem + "_imaging.csv"), sb.ToString());
        var sc = new StringBuilder("regime,replicate,arm,cohort_day,session_day,cohort_size,survival_fraction\n");
        foreach (var c in ImagingSessions.Cohorts(result))
            sc.AppendLine(string.Join(",", c.Regime, c.Replicate.ToString(inv), c.Arm, c.CohortDay.ToString(inv), c.SessionDay.ToString(inv),
                c.CohortSize.ToString(inv), c.SurvivalFraction.ToString(inv)));
        File.WriteAllText(Path.Combine(dir, stem + "_cohorts.csv"), sc.ToString());
    }
}
