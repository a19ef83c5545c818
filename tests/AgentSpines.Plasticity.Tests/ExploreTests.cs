using AgentSpines.Plasticity.Imaging;
using Xunit.Abstractions;

namespace AgentSpines.Plasticity.Tests;

/// <summary>Prints the summary of a config (set AGENTSPINES_EXPLORE=config.json); a no-op otherwise. For calibration by hand.</summary>
public class ExploreTests(ITestOutputHelper output)
{
    [Fact]
    public void Explore()
    {
        string? cfg = Environment.GetEnvironmentVariable("AGENTSPINES_EXPLORE");
        if (string.IsNullOrEmpty(cfg)) return;
        int reps = int.Parse(Environment.GetEnvironmentVariable("AGENTSPINES_EXPLORE_REPS") ?? "8");
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var ov = (Environment.GetEnvironmentVariable("AGENTSPINES_EXPLORE_OVERRIDES") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var (s, r) = TestSupport.Run(cfg, reps, 2000, overrides: ov);
        output.WriteLine($"{cfg}: {sw.Elapsed.TotalSeconds:F1}s");
        foreach (double d in s.SessionDays)
            output.WriteLine(FormattableString.Invariant(
                $"day {d,6:F2} dens drug {s.DensityChangePct("drug", d)} veh {s.DensityChangePct("vehicle", d)} eff {s.DensityEffectPp(d)} | form d {s.FormationPct("drug", d).Mean:F1} v {s.FormationPct("vehicle", d).Mean:F1} | elim d {s.EliminationPct("drug", d).Mean:F1} v {s.EliminationPct("vehicle", d).Mean:F1} | width eff {s.WidthEffectPp(d).Mean:F1} | filo {s.Filopodia("drug", d).Mean:F1} | vis/um {s.Rows.Where(x => x.SessionDay == d).Average(x => x.DensityPerUm):F3} true {s.Rows.Where(x => x.SessionDay == d).Average(x => x.TrueDensityPerUm):F3}"));
        var days = s.SessionDays.ToArray();
        for (int i = 1; i < days.Length; i++)
            for (int j = i + 1; j < days.Length; j++)
                output.WriteLine(FormattableString.Invariant($"cohort {days[i]} -> {days[j]}: drug {s.CohortSurvivalPct("drug", days[i], days[j]).Mean:F1} veh {s.CohortSurvivalPct("vehicle", days[i], days[j]).Mean:F1}"));
        var daily = r.Runs[0].DailyDensityPerUm;
        output.WriteLine("true density daily (rep0): " + string.Join(" ", daily.Select(x => x.ToString("F3", System.Globalization.CultureInfo.InvariantCulture))));
        output.WriteLine("persistent frac daily (rep0): " + string.Join(" ", r.Runs[0].DailyPersistentFraction.Where((x, i) => i % 5 == 0).Select(x => x.ToString("F3", System.Globalization.CultureInfo.InvariantCulture))));
    }
}
