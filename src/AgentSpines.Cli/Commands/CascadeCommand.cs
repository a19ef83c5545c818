using System.CommandLine;
using System.Globalization;
using AgentSpines.Cli.CommandLine;
using AgentSpines.Plasticity.Options;
using AgentSpines.Plasticity.Population;
using AgentSpines.Plasticity.Regime;
using AgentSpines.Plasticity.State;

namespace AgentSpines.Cli.Commands;

/// <summary>
/// agentspines cascade CONFIG [--hours FROM:TO:STEP] [--brief] [overrides]: the regime's pharmacokinetics, receptor
/// signals, cascade states and structural rates over time for the drug arm, as CSV on stdout (--brief: a short table).
/// </summary>
public sealed class CascadeCommand : ICliCommand
{
    private static readonly Argument<string> ConfigFile = new("CONFIG") { Description = "the regime's JSON configuration" };
    private static readonly Option<string> Hours = Options.Text("--hours", "FROM:TO:STEP", "times in hours after day 0 (the first dose)", "-2:72:1");
    private static readonly Option<bool> Brief = Options.Flag("--brief", "a short fixed-width table instead of the full CSV");

    public AgentCommand Create() => new("cascade", "pharmacokinetics, receptor signals and cascade states over time (CSV)", Run, takesConfigOverrides: true)
    {
        ConfigFile, Hours, Brief,
    };

    private static int Run(CommandInput a)
    {
        string config = a.Get(ConfigFile);
        string range = a.Get(Hours);
        var parts = range.Split(':');
        if (parts.Length != 3 || !parts.All(p => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
            throw new UsageException($"--hours must be FROM:TO:STEP in hours, got '{range}'");
        var p3 = parts.Select(p => double.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        if (!(p3[2] > 0) || p3[1] < p3[0] || (p3[1] - p3[0]) / p3[2] > 1e6) throw new UsageException($"--hours must be FROM:TO:STEP with STEP > 0, TO >= FROM and at most 1e6 rows, got '{range}'");
        var cfg = ExperimentConfig.Load(config, a.ConfigOverrides);
        var regime = cfg.MakeRegime(cfg.Spec.StepHours);
        var hours = new List<double>();
        for (double h = p3[0]; h <= p3[1] + 1e-9; h += p3[2]) hours.Add(h);
        var rows = CascadeTrace.Run(regime, Arm.Drug, hours);
        if (!a.Get(Brief)) { Console.Write(CascadeTrace.Csv(regime, rows)); return 0; }
        Console.WriteLine("hours    E      B      M      P      W      T      R      K      F      Mg     Gc    form   elimT  enl/d  filo   NI    NP    2A    a2");
        foreach (var r in rows)
        {
            var s = r.State;
            var e = r.Environment;
            double Sg(ReceptorTarget t) => r.Signals[(int)t];
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture,
                "{0,6:F1} {1,6:F3} {2,6:F3} {3,6:F3} {4,6:F3} {5,6:F3} {6,6:F3} {7,6:F3} {8,6:F3} {9,6:F3} {10,6:F3} {11,6:F3} {12,6:F3} {13,6:F3} {14,6:F3} {15,6:F4} {16,5:F2} {17,5:F2} {18,5:F2} {19,5:F2}",
                r.HoursAfterDay0, s.Excitation, s.Bdnf, s.Mtor, s.Protein, s.Priming, s.Transcription, s.Ht2aDesensitised, s.CamKii, s.DeltaFosB,
                s.Microglia, s.Glucocorticoid, e.FormationMultiplier, e.TransientEliminationMultiplier, e.EnlargementLogPerH * 24, e.FilopodiaPerUmPerH,
                Sg(ReceptorTarget.NmdaInterneuron), Sg(ReceptorTarget.NmdaPyramidal), Sg(ReceptorTarget.Ht2a), Sg(ReceptorTarget.Alpha2Adrenergic)));
        }
        return 0;
    }
}
