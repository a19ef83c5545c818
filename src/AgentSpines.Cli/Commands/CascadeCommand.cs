using System.Globalization;
using AgentSpines.Plasticity.Options;
using AgentSpines.Plasticity.Population;
using AgentSpines.Plasticity.Regime;
using AgentSpines.Plasticity.State;

namespace AgentSpines.Cli.Commands;

/// <summary>
/// agentspines cascade CONFIG [--hours A:B:STEP] [--brief] [overrides]: the regime's pharmacokinetics, receptor signals,
/// cascade states and structural rates over time for the drug arm, as CSV on stdout (--brief: a short table).
/// </summary>
public static class CascadeCommand
{
    public static int Run(string[] args)
    {
        var a = new CommandArgs(args, new HashSet<string> { "brief" });
        string config = a.Positional(0, "CONFIG");
        string range = a.String("hours") ?? "-2:72:1";
        bool brief = a.Flag("brief");
        a.RejectUnknown();
        var parts = range.Split(':');
        if (parts.Length != 3 || !parts.All(p => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
            throw new UsageException($"--hours must be FROM:TO:STEP in hours, got '{range}'");
        var p3 = parts.Select(p => double.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        if (!(p3[2] > 0) || p3[1] < p3[0]) throw new UsageException($"--hours must be FROM:TO:STEP with STEP > 0 and TO >= FROM, got '{range}'");
        var cfg = ExperimentConfig.Load(config, a.ConfigOverrides);
        var regime = cfg.MakeRegime(cfg.Spec.StepHours);
        var hours = new List<double>();
        for (double h = p3[0]; h <= p3[1] + 1e-9; h += p3[2]) hours.Add(h);
        var rows = CascadeTrace.Run(regime, Arm.Drug, hours);
        if (!brief) { Console.Write(CascadeTrace.Csv(regime, rows)); return 0; }
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
