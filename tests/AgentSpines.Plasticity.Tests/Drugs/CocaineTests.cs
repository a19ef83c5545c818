using Xunit.Abstractions;

namespace AgentSpines.Plasticity.Tests.Drugs;

/// <summary>Issue 4 "Must reproduce": cocaine, repeated daily injections (Munoz-Cuevas 2013).</summary>
public class CocaineTests(ITestOutputHelper output)
{
    [Fact]
    public void CocaineGainsWithinHoursAndGradualDensityRise()
    {
        var (s, _) = TestSupport.Run("cocaine.json", 20, 2000);
        var c = new DrugCheck(output, "cocaine");
        double day2h = s.SessionDays.First(d => d > 0 && d < 0.1);
        double gd = s.Rows.Where(r => r.Arm == "drug" && r.SessionDay == day2h).Average(r => (double)r.NewSinceLast);
        double gv = s.Rows.Where(r => r.Arm == "vehicle" && r.SessionDay == day2h).Average(r => (double)r.NewSinceLast);
        c.True("spine gains within 2 h of the first injection", gd > 1.5 * gv + 1, $"new spines per field drug {gd:F2} vs vehicle {gv:F2}");
        var e1 = s.DensityEffectPp(1);
        var e5 = s.DensityEffectPp(5);
        c.True("density rises gradually (d1 < d5)", e1.Mean < e5.Mean, $"d1 {e1} < d5 {e5}");
        c.Near("density drug-vehicle d7 (pp)", s.DensityEffectPp(7), 5, 3);
        c.Done();
    }
}
