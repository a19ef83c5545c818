using System.Globalization;
using System.Text;
using AgentSpines.Plasticity.Imaging;

namespace AgentSpines.Plasticity.Experiments;

/// <summary>A published point (configs/targets/published.csv).</summary>
public sealed record PublishedPoint(string Config, string Metric, string Arm, double Day, double Value, double? Sem, string Source);

/// <summary>
/// The data behind docs/drugs.md: every drug config re-imaged daily (hourly around the anaesthetic dose), drug and
/// vehicle arms, written as CSV per config, plus a Markdown table of simulated against published points. The PNGs
/// are drawn from these CSVs by the Python analysis package. One command regenerates all of it (drug-figures).
/// </summary>
public static class DrugFigures
{
    public sealed record Plan(string Config, double FirstDay, double LastDay, double EveryDay);

    public static readonly Plan[] Plans =
    [
        new("psilocybin.json", -3, 34, 1), new("5meodmt.json", -3, 34, 1), new("ketamine.json", -3, 15, 0.5),
        new("ketamine_anaesthetic.json", -1, 2, 1.0 / 24), new("cocaine.json", -2, 12, 0.5),
        new("diazepam_5mgkg_1wk.json", -1, 60, 1), new("diazepam_1mgkg_1wk.json", -1, 60, 1), new("diazepam_5mgkg_4wk.json", -1, 84, 1),
        new("zolpidem.json", -1, 28, 1), new("allopregnanolone.json", -1, 28, 1),
        new("corticosterone_ketamine.json", -22, 14, 1), new("chronic_stress.json", -3, 35, 1),
    ];

    public static List<PublishedPoint> LoadPublished(string path)
    {
        var list = new List<PublishedPoint>();
        foreach (var line in File.ReadAllLines(path))
        {
            if (line.StartsWith('#') || line.StartsWith("config,", StringComparison.Ordinal) || line.Trim().Length == 0) continue;
            var f = line.Split(',');
            double? sem = f[5].Length > 0 ? double.Parse(f[5], CultureInfo.InvariantCulture) : null;
            list.Add(new PublishedPoint(f[0], f[1], f[2], double.Parse(f[3], CultureInfo.InvariantCulture), double.Parse(f[4], CultureInfo.InvariantCulture), sem, string.Join(',', f.Skip(6))));
        }
        return list;
    }

    public static List<double> Days(Plan p, IEnumerable<PublishedPoint> published)
    {
        var days = new SortedSet<double>();
        for (double d = p.FirstDay; d <= p.LastDay + 1e-9; d += p.EveryDay) days.Add(Math.Round(d, 6));
        foreach (var pt in published) days.Add(pt.Day);
        return days.ToList();
    }

    /// <summary>Runs every plan; writes DIR/timecourse_CONFIG.csv and DIR/drug_table.md; returns the table.</summary>
    public static string Write(string configsDir, string outDir, int replicates, int spines, IReadOnlyList<string>? only = null)
    {
        Directory.CreateDirectory(outDir);
        var published = LoadPublished(Path.Combine(configsDir, "targets", "published.csv"));
        var table = new StringBuilder();
        table.AppendLine($"Simulated ({replicates} replicates of >= {spines} spines, mean +/- SEM over replicates) against published points. " +
                         "`agentspines drug-figures` regenerates this table and the figures.");
        table.AppendLine();
        table.AppendLine("| config | metric | arm | day | published | simulated | within |");
        table.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var plan in Plans)
        {
            if (only != null && !only.Contains(plan.Config)) continue;
            var pts = published.Where(x => x.Config == plan.Config).ToList();
            var days = Days(plan, pts);
            var s = DrugExperiment.Run(Path.Combine(configsDir, plan.Config), [], days, replicates, spines);
            var sb = new StringBuilder("day,drug_density_change_pct,drug_sem,vehicle_density_change_pct,vehicle_sem,density_effect_pp,effect_sem,formation_drug_pct,formation_vehicle_pct,elimination_drug_pct,elimination_vehicle_pct,width_effect_pct,filopodia_drug,filopodia_vehicle\n");
            string F(double x) => x.ToString("G5", CultureInfo.InvariantCulture);
            foreach (double d in s.SessionDays)
            {
                var dd = s.DensityChangePct("drug", d);
                var vd = s.DensityChangePct("vehicle", d);
                var e = s.DensityEffectPp(d);
                sb.AppendLine(string.Join(',', new[] { d, dd.Mean, Sem(dd), vd.Mean, Sem(vd), e.Mean, Sem(e), s.FormationPct("drug", d).Mean, s.FormationPct("vehicle", d).Mean,
                    s.EliminationPct("drug", d).Mean, s.EliminationPct("vehicle", d).Mean, s.WidthEffectPp(d).Mean, s.Filopodia("drug", d).Mean, s.Filopodia("vehicle", d).Mean }.Select(F)));
            }
            File.WriteAllText(Path.Combine(outDir, "timecourse_" + Path.GetFileNameWithoutExtension(plan.Config) + ".csv"), sb.ToString());
            foreach (var pt in pts)
            {
                var est = pt.Metric == "density_effect_pp" ? s.DensityEffectPp(pt.Day) : s.DensityChangePct(pt.Arm, pt.Day);
                double tol = pt.Sem ?? ToleranceWithoutSem(pt);
                bool ok = Math.Abs(est.Mean - pt.Value) <= tol;
                table.AppendLine(FormattableString.Invariant(
                    $"| {plan.Config} | {pt.Metric} | {pt.Arm} | {pt.Day:G4} | {pt.Value:F1}{(pt.Sem is double sem ? $" +/- {sem:F1}" : "")} | {est.Mean:F1} +/- {Sem(est):F1} | {(ok ? "yes" : "no")} (tol {tol:F1}) |"));
            }
        }
        string md = table.ToString();
        File.WriteAllText(Path.Combine(outDir, "drug_table.md"), md);
        return md;
    }

    /// <summary>Where no SEM is published: 6 pp for the few-mice ketamine data, 2 pp for "no change", else 3 pp (issue 4 bands).</summary>
    public static double ToleranceWithoutSem(PublishedPoint p) => p.Config.StartsWith("ketamine.json", StringComparison.Ordinal) ? 6 : p.Value == 0 ? 2 : 3;

    /// <summary>SEM over replicates, recovered from the t-based 95 % interval of Estimate.</summary>
    public static double Sem(Estimate e) => e.N > 1 && double.IsFinite(e.High)
        ? (e.High - e.Low) / (2 * MathNet.Numerics.Distributions.StudentT.InvCDF(0, 1, e.N - 1, 0.975)) : double.NaN;
}
