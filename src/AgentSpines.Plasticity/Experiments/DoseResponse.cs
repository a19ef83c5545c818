using System.Globalization;
using System.Text;
using AgentSpines.Core.Configuration;
using AgentSpines.Plasticity.Population;

namespace AgentSpines.Plasticity.Experiments;

/// <summary>Options of a dose-response run (kept small so the CLI can register it however it parses arguments).</summary>
public sealed record DoseResponseOptions(string ConfigPath, IReadOnlyList<double> DosesMgPerKg, IReadOnlyList<double> Days, int Replicates,
    int Spines, string OutDir, IReadOnlyList<string> Overrides);

/// <summary>One row of the dose-response table.</summary>
public sealed record DoseResponseRow(double DoseMgPerKg, double Day, double DensityEffectPp, double DensityEffectLow, double DensityEffectHigh,
    double FormationDrugPct, double FormationVehiclePct, double EliminationDrugPct, double EliminationVehiclePct, double WidthEffectPct, double FilopodiaDrug);

/// <summary>
/// Runs a config at each dose (every administration of the regime's first species set to the dose; schedule,
/// route, pharmacology and cascade unchanged) and tabulates the drug-minus-vehicle effects at the chosen days.
/// </summary>
public static class DoseResponse
{
    public static List<DoseResponseRow> Run(DoseResponseOptions o)
    {
        var baseCfg = ExperimentConfig.Load(o.ConfigPath, o.Overrides);
        if (baseCfg.Regime.Drug == "none") throw new ConfigException("Regime:Drug", $"config '{o.ConfigPath}' has no drug (Regime:Drug = none): nothing to vary");
        string first = baseCfg.Regime.Species[0].Name;
        var doseIdx = baseCfg.Regime.Doses.Select((d, i) => (d, i)).Where(x => x.d.Species.Length == 0 || x.d.Species == first).Select(x => x.i).ToArray();
        var sessionDays = new SortedSet<double>(baseCfg.Imaging.SessionDays.Where(d => d <= 0)) { };
        if (sessionDays.Count == 0) sessionDays.Add(-1);
        foreach (double d in o.Days) sessionDays.Add(d);
        var rows = new List<DoseResponseRow>();
        foreach (double dose in o.DosesMgPerKg)
        {
            var ov = o.Overrides.Concat(doseIdx.Select(i => $"--Regime:Doses:{i}:MgPerKg={dose.ToString("R", CultureInfo.InvariantCulture)}")).ToList();
            var s = DrugExperiment.Run(o.ConfigPath, ov, sessionDays.ToList(), o.Replicates, o.Spines);
            foreach (double day in o.Days)
            {
                var e = s.DensityEffectPp(day);
                rows.Add(new DoseResponseRow(dose, day, e.Mean, e.Low, e.High, s.FormationPct("drug", day).Mean, s.FormationPct("vehicle", day).Mean,
                    s.EliminationPct("drug", day).Mean, s.EliminationPct("vehicle", day).Mean, s.WidthEffectPp(day).Mean, s.Filopodia("drug", day).Mean));
            }
        }
        return rows;
    }

    public static string Csv(IEnumerable<DoseResponseRow> rows)
    {
        var sb = new StringBuilder("dose_mg_per_kg,day,density_effect_pp,density_effect_low95,density_effect_high95,formation_drug_pct,formation_vehicle_pct,elimination_drug_pct,elimination_vehicle_pct,width_effect_pct,filopodia_drug\n");
        string F(double x) => x.ToString("G6", CultureInfo.InvariantCulture);
        foreach (var r in rows)
            sb.AppendLine(string.Join(',', new[] { r.DoseMgPerKg, r.Day, r.DensityEffectPp, r.DensityEffectLow, r.DensityEffectHigh, r.FormationDrugPct, r.FormationVehiclePct,
                r.EliminationDrugPct, r.EliminationVehiclePct, r.WidthEffectPct, r.FilopodiaDrug }.Select(F)));
        return sb.ToString();
    }
}
