using AgentSpines.Plasticity.State;
using Xunit.Abstractions;

namespace AgentSpines.Plasticity.Tests.Drugs;

/// <summary>
/// Repeated dosing in the population, with the single-dose parameters: ketamine does not build up without bound
/// (its structural priming saturates), and a second psilocybin dose a day after the first adds less than the first
/// did (5-HT2A desensitisation; Buckholtz 1990 Pharmacol Biochem Behav 35:549).
/// </summary>
public class RepeatedDosingTests(ITestOutputHelper output)
{
    private const int Replicates = 10;

    [Fact]
    public void FiveDailyKetamineDosesSaturateInsteadOfAddingUp()
    {
        var (one, _) = TestSupport.Run("ketamine.json", Replicates, 2000);
        var (five, fiveRuns) = TestSupport.Run("ketamine.json", Replicates, 2000, overrides: ["--Regime:RepeatCount=5", "--Regime:RepeatEveryH=24"]);
        var c = new DrugCheck(output, "ketamine x5 daily");
        foreach (double d in new[] { 5.0, 10 })
        {
            var e1 = one.DensityEffectPp(d);
            var e5 = five.DensityEffectPp(d);
            c.True($"five doses raise density at d{d} above vehicle", e5.Low > 0, $"x5 {e5} pp");
            c.True($"five doses add less than five times one at d{d}", e5.Mean < 1.6 * e1.Mean, $"x5 {e5} vs x1 {e1} pp (bounded: < 1.6 x)");
        }
        // Pryazhnikov et al. 2018 (Sci Rep 8:6464; 10 mg/kg ip daily x 5, S1, awake mice): formation significantly higher
        // at 72-132 h after the first dose, elimination of pre-existing spines unchanged. The sessions of days 3 and 5
        // bracket 72-120 h; pre-existing spines are those seen on day -1 (before the first dose), followed to days 3 and 5.
        var f = five.FormationPct("drug", 5);
        var fv = five.FormationPct("vehicle", 5);
        c.True("x5: formation raised in the interval d3 -> d5 (72-120 h)", f.Low > fv.High, $"drug {f} vs vehicle {fv} %/2 d");
        foreach (double d in new[] { 3.0, 5 })
        {
            double Lost(Arm arm) => fiveRuns.ArmRuns(arm).Average(run =>
            {
                var before = run.Sessions.Single(x => Math.Abs(x.SessionDay + 1) < 1e-9).VisibleIds;
                var later = new HashSet<ulong>(run.Sessions.Single(x => Math.Abs(x.SessionDay - d) < 1e-9).VisibleIds);
                return 100.0 * before.Count(id => !later.Contains(id)) / before.Length;
            });
            double drug = Lost(Arm.Drug), vehicle = Lost(Arm.Vehicle);
            c.InRange($"x5: spines of day -1 lost by d{d}, drug - vehicle (pp; unchanged: drug {drug:F1} %, vehicle {vehicle:F1} %)", drug - vehicle, -3, 3);
        }
        c.Done();
    }

    [Fact]
    public void ASecondPsilocybinDoseADayLaterAddsLessFormation()
    {
        var (one, _) = TestSupport.Run("psilocybin.json", Replicates, 2000, spec => spec with { DurationDays = 12 });
        var (two, _) = TestSupport.Run("psilocybin.json", Replicates, 2000, spec => spec with { DurationDays = 12 },
            overrides: ["--Regime:RepeatCount=2", "--Regime:RepeatEveryH=48"]);
        var c = new DrugCheck(output, "psilocybin x2 (48 h apart)");
        // first dose: drug - vehicle formation over -1 -> 1; second dose (day 2): extra formation over 1 -> 3 relative to one dose
        double first = one.FormationPct("drug", 1).Mean - one.FormationPct("vehicle", 1).Mean;
        double second = two.FormationPct("drug", 3).Mean - one.FormationPct("drug", 3).Mean;
        c.True("the first dose raises formation", first > 2, $"{first:F2} pp");
        c.True("the second dose adds less than the first (tachyphylaxis)", second < 0.75 * first, $"second {second:F2} pp vs first {first:F2} pp");
        c.Done();
    }
}
