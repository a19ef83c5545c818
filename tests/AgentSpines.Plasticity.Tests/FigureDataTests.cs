using System.Globalization;

namespace AgentSpines.Plasticity.Tests;

/// <summary>
/// Writes the CSV behind docs/img/drugs/*.png when AGENTSPINES_PLASTICITY_CSV names a directory (no-op otherwise):
/// every config re-imaged at daily sessions (hourly around the anaesthetic dose), 10 replicates of >= 2,000 spines.
/// Then run docs/scripts/plot_drugs.py.
/// </summary>
public class FigureDataTests
{
    public static TheoryData<string, double, double, double> Configs => new()
    {
        { "psilocybin.json", -3, 34, 1 }, { "5meodmt.json", -3, 34, 1 }, { "ketamine.json", -3, 15, 0.5 },
        { "ketamine_anaesthetic.json", -1, 2, 1.0 / 24 }, { "cocaine.json", -2, 12, 0.5 },
        { "diazepam_5mgkg_1wk.json", -1, 60, 1 }, { "diazepam_1mgkg_1wk.json", -1, 60, 1 }, { "diazepam_5mgkg_4wk.json", -1, 84, 1 },
        { "zolpidem.json", -1, 28, 1 }, { "allopregnanolone.json", -1, 28, 1 },
        { "corticosterone_ketamine.json", -22, 14, 1 }, { "chronic_stress.json", -3, 35, 1 }, { "baseline.json", -3, 34, 1 },
    };

    [Theory]
    [MemberData(nameof(Configs))]
    public void WriteDailyImaging(string config, double first, double last, double every)
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("AGENTSPINES_PLASTICITY_CSV"))) return;
        var days = new List<double>();
        for (double d = first; d <= last + 1e-9; d += every) days.Add(Math.Round(d, 6));
        var overrides = days.Select((d, i) => $"--Imaging:SessionDays:{i}={d.ToString("R", CultureInfo.InvariantCulture)}").ToArray();
        var cfg = TestSupport.Load(config, overrides);
        double neededDays = cfg.Regime.ReferenceDay + last + 0.05;
        TestSupport.Run(config, 10, 2000, spec => spec with { DurationDays = Math.Max(spec.DurationDays, neededDays) }, overrides);
    }
}
