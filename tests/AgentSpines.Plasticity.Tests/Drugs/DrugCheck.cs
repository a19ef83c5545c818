using AgentSpines.Plasticity.Imaging;
using AgentSpines.Plasticity.Population;
using AgentSpines.Plasticity.State;
using Xunit.Abstractions;

namespace AgentSpines.Plasticity.Tests.Drugs;

/// <summary>Shared assertions of the "Must reproduce" checks: each prints target, simulated mean and 95% interval.</summary>
public sealed class DrugCheck(ITestOutputHelper output, string name)
{
    private readonly List<string> _failures = new();

    public void Near(string what, Estimate e, double target, double tolerance)
    {
        bool ok = Math.Abs(e.Mean - target) <= tolerance;
        output.WriteLine($"{name} {what}: target {target:F1} +/- {tolerance:F1}, simulated {e} {(ok ? "ok" : "FAIL")}");
        if (!ok) _failures.Add($"{what}: {e.Mean:F2} vs {target:F1} +/- {tolerance:F1}");
    }

    public void InRange(string what, double value, double low, double high)
    {
        bool ok = value >= low && value <= high;
        output.WriteLine($"{name} {what}: allowed [{low:F2}, {high:F2}], simulated {value:F2} {(ok ? "ok" : "FAIL")}");
        if (!ok) _failures.Add($"{what}: {value:F2} not in [{low:F2}, {high:F2}]");
    }

    public void True(string what, bool ok, string detail)
    {
        output.WriteLine($"{name} {what}: {detail} {(ok ? "ok" : "FAIL")}");
        if (!ok) _failures.Add($"{what}: {detail}");
    }

    public void Done() => Assert.True(_failures.Count == 0, string.Join("; ", _failures));

    /// <summary>Loss between two sessions of the spines visible at the first, split by transient/persistent tag (%).</summary>
    public static (double Transient, double Persistent) LossByTag(RunResult run, double fromDay, double toDay)
    {
        var a = run.Sessions.First(s => Math.Abs(s.SessionDay - fromDay) < 1e-9);
        var b = run.Sessions.First(s => Math.Abs(s.SessionDay - toDay) < 1e-9);
        var later = new HashSet<ulong>(b.VisibleIds);
        int nt = 0, lt = 0, np = 0, lp = 0;
        for (int i = 0; i < a.VisibleIds.Length; i++)
        {
            bool lost = !later.Contains(a.VisibleIds[i]);
            if (a.Persistent[i]) { np++; if (lost) lp++; }
            else { nt++; if (lost) lt++; }
        }
        return (100.0 * lt / Math.Max(1, nt), 100.0 * lp / Math.Max(1, np));
    }

    public static Estimate Ratio(ImagingSummary s, Func<string, Estimate> f) => new(f("drug").Mean / f("vehicle").Mean, double.NaN, double.NaN, 0);

    public static double[] PerArm(ExperimentResult r, Arm arm, Func<RunResult, double> f) => r.ArmRuns(arm).Select(f).ToArray();
}
