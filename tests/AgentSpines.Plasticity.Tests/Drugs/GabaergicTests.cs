using AgentSpines.Plasticity.Imaging;
using AgentSpines.Plasticity.State;
using Xunit.Abstractions;

namespace AgentSpines.Plasticity.Tests.Drugs;

/// <summary>Issue 4 "Must reproduce": diazepam, zolpidem, allopregnanolone (Shi 2022).</summary>
public class DiazepamTests(ITestOutputHelper output)
{
    [Fact]
    public void Diazepam5For1WeekRemovesTransientSpinesLastingly()
    {
        var (s, r) = TestSupport.Run("diazepam_5mgkg_1wk.json", 20, 2000);
        var c = new DrugCheck(output, "diazepam 5 mg/kg 1 wk");
        c.Near("density drug-vehicle d7 (%)", s.DensityEffectPp(7), -13, 4);
        var e60 = s.DensityEffectPp(60);
        c.True("still down at d60", e60.High < 0, $"drug-vehicle {e60} pp");
        c.True("head width down d7", s.WidthEffectPp(7).High < 0, $"drug-vehicle {s.WidthEffectPp(7)} %");
        var drug = r.ArmRuns(Arm.Drug).Select(x => DrugCheck.LossByTag(x, 0, 7)).ToArray();
        var veh = r.ArmRuns(Arm.Vehicle).Select(x => DrugCheck.LossByTag(x, 0, 7)).ToArray();
        double dt = drug.Average(x => x.Transient), vt = veh.Average(x => x.Transient);
        double dp = drug.Average(x => x.Persistent), vp = veh.Average(x => x.Persistent);
        c.True("transient spines lost", dt > vt + 10, $"transient loss d0-7 drug {dt:F1} % vs vehicle {vt:F1} %");
        c.True("persistent spines spared", Math.Abs(dp - vp) < 3, $"persistent loss d0-7 drug {dp:F1} % vs vehicle {vp:F1} %");
        c.Done();
    }

    [Fact]
    public void DiazepamIsDoseAndDurationDependent()
    {
        var (s5, _) = TestSupport.Run("diazepam_5mgkg_1wk.json", 20, 2000, spec => spec with { DurationDays = 38 });
        var (s1, _) = TestSupport.Run("diazepam_1mgkg_1wk.json", 20, 2000, spec => spec with { DurationDays = 38 });
        var (s4, _) = TestSupport.Run("diazepam_5mgkg_4wk.json", 20, 2000, spec => spec with { DurationDays = 60 });
        var c = new DrugCheck(output, "diazepam dose/duration");
        var e5 = s5.DensityEffectPp(7);
        var e1 = s1.DensityEffectPp(7);
        c.True("1 mg/kg similar but weaker at d7", e1.High < 0 && e1.Mean > e5.Mean + 2, $"1 mg/kg {e1} vs 5 mg/kg {e5}");
        // 4 weeks after the last dose: 1-week regimen at d35 (last dose d6), 4-week regimen at d56 (last dose d27)
        var after1 = s5.DensityEffectPp(35);
        var after4 = s4.DensityEffectPp(56);
        // Shi 2022 reports the 4-week regimen's loss as more lasting, without a size: the difference must be one this
        // experiment (20 animals per group) detects, one-sided Welch z at 5 %, not a margin picked by us.
        double se(Estimate e) => (e.High - e.Mean) / MathNet.Numerics.Distributions.StudentT.InvCDF(0, 1, e.N - 1, 0.975);
        double z = (after1.Mean - after4.Mean) / Math.Sqrt(se(after1) * se(after1) + se(after4) * se(after4));
        c.True("4 weeks more lasting than 1", z > 1.645, $"4 wk regimen 4 wk after: {after4} vs 1 wk regimen: {after1}, z = {z:F1} (> 1.645)");
        c.Done();
    }
}

public class ZolpidemAllopregnanoloneTests(ITestOutputHelper output)
{
    [Fact]
    public void ZolpidemLeavesDensityWithin2PercentOfVehicle()
    {
        var (s, _) = TestSupport.Run("zolpidem.json", 20, 2000);
        var c = new DrugCheck(output, "zolpidem");
        foreach (double d in s.SessionDays.Skip(1))
            c.InRange($"density drug-vehicle d{d} (pp)", s.DensityEffectPp(d).Mean, -2, 2);
        c.Done();
    }

    [Fact]
    public void AllopregnanoloneRaisesDensityGraduallyByAbout5Percent()
    {
        var (s, _) = TestSupport.Run("allopregnanolone.json", 20, 2000);
        var c = new DrugCheck(output, "allopregnanolone");
        c.True("gradual (d3 < d14)", s.DensityEffectPp(3).Mean < s.DensityEffectPp(14).Mean, $"d3 {s.DensityEffectPp(3)} < d14 {s.DensityEffectPp(14)}");
        c.Near("density drug-vehicle d14 (pp)", s.DensityEffectPp(14), 5, 2.5);
        c.Done();
    }
}
