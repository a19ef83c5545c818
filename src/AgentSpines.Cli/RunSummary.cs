using System.Globalization;
using AgentSpines.Actors.Simulation;
using AgentSpines.Plasticity.Imaging;
using AgentSpines.Plasticity.State;
using Spectre.Console;

namespace AgentSpines.Cli;

/// <summary>The table a run ends with: per replicate and arm, then imaging measures as mean [95% CI] over replicates.</summary>
public static class RunSummary
{
    public static void Print(SimulationConfig config, IReadOnlyList<JobOutcome> outcomes, string outDir, TimeSpan wall)
    {
        if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = 160; // logs: no wrapping of the table
        string span = config.Run.Kind == RunKind.Transport ? $"{F(config.Transport!.DurationMs)} ms" : $"{F(config.Run.DurationDays)} days";
        var table = new Table().Title($"[bold]{Markup.Escape(config.Run.Name)}[/]: {span}, {config.Run.Replicates} replicate(s)");
        if (config.Run.Kind == RunKind.Transport)
        {
            table.AddColumns("replicate", "species", "t end (ms)", "MSD (um^2)", "free", "trapped");
            foreach (var o in outcomes)
            {
                var t = o.Transport!;
                var last = Enumerable.Range(0, t.Msd.TMs.Count).GroupBy(i => t.Msd.Species[i]).Select(g => g.Last());
                foreach (int i in last)
                    table.AddRow(I(o.Job.Replicate), Markup.Escape(t.Msd.Species[i]), F(t.Msd.TMs[i]), F(t.Msd.MsdUm2[i]), I(t.Counts.NFree[i]), I(t.Counts.NTrapped[i]));
            }
        }
        else
        {
            table.AddColumns("replicate", "arm", "density start (/um)", "density end (/um)", "formed", "eliminated");
            foreach (var o in outcomes)
                foreach (var r in o.Runs)
                    table.AddRow(I(o.Job.Replicate), r.Arm == Arm.Drug ? "drug" : "vehicle", F(r.DailyDensityPerUm.FirstOrDefault()),
                        F(r.DailyDensityPerUm.LastOrDefault()), I(r.Formed), I(r.Eliminated));
        }
        AnsiConsole.Write(table);
        if (config.Run.Kind == RunKind.Population) PrintImaging(outcomes);
        Console.WriteLine($"wall time {wall.TotalSeconds:F1} s; coordinator messages {outcomes.Sum(o => o.MessagesSent):N0}");
        Console.WriteLine($"dataset: {Path.GetFullPath(outDir)} (load with pandas.read_parquet(\"{Path.GetFullPath(outDir)}/events\"))");
    }

    private static void PrintImaging(IReadOnlyList<JobOutcome> outcomes)
    {
        var rows = outcomes.SelectMany(o => o.Imaging).ToList();
        if (rows.Count == 0) return;
        var t = new Table().Title("virtual imaging: mean [[95% CI]] over replicates");
        t.AddColumns("arm", "day", "density (/um)", "formation %", "elimination %", "head width (um)");
        foreach (var g in rows.GroupBy(r => (r.Arm, r.SessionDay)).OrderBy(g => g.Key.Arm).ThenBy(g => g.Key.SessionDay))
            t.AddRow(g.Key.Arm, F(g.Key.SessionDay),
                E(g.Select(r => r.DensityPerUm)),
                E(g.Select(r => r.FormationPct)),
                E(g.Select(r => r.EliminationPct)),
                E(g.Select(r => r.MeanHeadWidthUm)));
        AnsiConsole.Write(t);
    }

    /// <summary>Mean [95% CI], or "-" where the measure is undefined (the first session has no previous one).</summary>
    private static string E(IEnumerable<double> values)
    {
        var e = Estimate.Of(values.ToList());
        return e.N == 0 ? "-" : Markup.Escape(e.ToString());
    }

    private static string F(double x) => double.IsFinite(x) ? x.ToString("G4", CultureInfo.InvariantCulture) : "-";
    private static string I(long x) => x.ToString(CultureInfo.InvariantCulture);
}
