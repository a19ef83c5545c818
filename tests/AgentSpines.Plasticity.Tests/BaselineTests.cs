using AgentSpines.Plasticity.Imaging;
using AgentSpines.Plasticity.Population;
using Xunit.Abstractions;

namespace AgentSpines.Plasticity.Tests;

/// <summary>Issue 7 item 5 and issue 4's vehicle checks on configs/baseline.json: 20 replicates of >= 2,000 spines.</summary>
public class BaselineTests(ITestOutputHelper output)
{
    private static readonly Lazy<(ImagingSummary S, ExperimentResult R)> Run30 = new(() =>
        TestSupport.Run("baseline.json", 20, 2000, spec => spec with { DurationDays = 30 },
            overrides: ["--Imaging:SessionDays:0=-3", "--Imaging:SessionDays:1=-1", "--Imaging:SessionDays:2=1", "--Imaging:SessionDays:3=3",
                        "--Imaging:SessionDays:4=5", "--Imaging:SessionDays:5=7", "--Imaging:SessionDays:6=26"]));

    [Fact]
    public void TrueDensityStaysWithin3PercentOfTargetFor30Days()
    {
        var (_, r) = Run30.Value;
        var cfg = TestSupport.Load("baseline.json");
        double target = cfg.Plasticity.DensityPerUm;
        Assert.InRange(target, 1.0, 1.5);
        int days = r.Runs[0].DailyDensityPerUm.Count;
        Assert.True(days >= 31);
        for (int d = 0; d < days; d++)
        {
            double mean = r.Runs.Average(x => x.DailyDensityPerUm[d]);
            Assert.True(Math.Abs(mean / target - 1) < 0.03, $"day {d}: density {mean:F3} vs target {target}");
        }
        output.WriteLine($"density day 0 {r.Runs.Average(x => x.DailyDensityPerUm[0]):F3}, day 30 {r.Runs.Average(x => x.DailyDensityPerUm[30]):F3}");
    }

    [Fact]
    public void FormationMatchesEliminationWithinNoise()
    {
        var (s, r) = Run30.Value;
        // true events: formed - eliminated per replicate, mean within 2.6 SE of zero, and small relative to turnover
        var diff = r.Runs.Select(x => (double)(x.Formed - x.Eliminated)).ToArray();
        var e = Estimate.Of(diff);
        double turnover = r.Runs.Average(x => (double)x.Formed);
        output.WriteLine($"formed {turnover:F0} per replicate, formed - eliminated {e}");
        Assert.True(Math.Abs(e.Mean) < 0.05 * turnover, $"formed - eliminated {e} vs formed {turnover:F0}");
        // imaged rates of the vehicle (Cg1/M2, Shao 2021: formation 6.8-8.1, elimination 7.2-8.7 %/2 d)
        foreach (double day in new[] { -1.0, 1, 3, 5, 7 })
        {
            var f = s.FormationPct("vehicle", day);
            var el = s.EliminationPct("vehicle", day);
            output.WriteLine($"day {day}: formation {f} elimination {el}");
            Assert.InRange(f.Mean, 5.5, 9.5);
            Assert.InRange(el.Mean, 5.5, 9.5);
            Assert.True(Math.Abs(f.Mean - el.Mean) < 1.5, $"day {day}: formation {f.Mean:F2} vs elimination {el.Mean:F2}");
        }
    }

    [Fact]
    public void VisibleDensityIsBelowTheTrueDensityAsInTwoPhotonImaging()
    {
        var (s, _) = Run30.Value;
        double visible = s.Rows.Average(x => x.DensityPerUm), trueDensity = s.Rows.Average(x => x.TrueDensityPerUm);
        output.WriteLine($"visible {visible:F3} /um, true {trueDensity:F3} /um");
        Assert.InRange(visible, 0.5, 0.8);      // MODEL.md s4: 2P sees 0.5-0.8 /um
        Assert.InRange(trueDensity, 1.0, 1.5);  // EM: 1.0-1.5 /um
    }

    [Fact]
    public void TransientAndPersistentSubpopulationsGiveTrachtenbergLifetimes()
    {
        // configs/baseline_barrel_cortex.json, imaged daily for 8 days (9 sessions) as in Trachtenberg 2002: of all
        // spines seen, about 20 % appear and vanish within a day, about 60 % last the whole 8 days
        var (_, r) = TestSupport.Run("baseline_barrel_cortex.json", 20, 2000);
        var (eo, ea) = LifetimeClasses(r);
        output.WriteLine($"barrel cortex: seen in one session only {eo} %, seen in all 9 {ea} %");
        Assert.InRange(eo.Mean, 16, 24);
        Assert.InRange(ea.Mean, 55, 65);
    }

    [Fact]
    public void BarrelCortexBaselineHoldsItsDensityFor30Days()
    {
        var (_, r) = TestSupport.Run("baseline_barrel_cortex.json", 20, 2000, spec => spec with { DurationDays = 30 });
        double target = TestSupport.Load("baseline_barrel_cortex.json").Plasticity.DensityPerUm;
        for (int d = 0; d < r.Runs[0].DailyDensityPerUm.Count; d++)
        {
            double mean = r.Runs.Average(x => x.DailyDensityPerUm[d]);
            Assert.True(Math.Abs(mean / target - 1) < 0.03, $"day {d}: density {mean:F3} vs target {target}");
        }
    }

    [Fact]
    public void TheSlowerCg1M2BaselineHasFewerOneDaySpines()
    {
        // the same daily imaging on configs/baseline.json (Shao 2021's Cg1/M2 rates, 7 %/2 d): fewer spines live < 1 day
        var (_, r) = TestSupport.Run("baseline.json", 20, 2000, spec => spec with { DurationDays = 12 },
            overrides: Enumerable.Range(0, 9).Select(i => $"--Imaging:SessionDays:{i}={i - 3}").ToArray());
        var (eo, ea) = LifetimeClasses(r);
        output.WriteLine($"Cg1/M2: seen in one session only {eo} %, seen in all 9 {ea} %");
        Assert.InRange(eo.Mean, 6, 14);
        Assert.InRange(ea.Mean, 55, 66);
    }

    private static (Estimate Once, Estimate Always) LifetimeClasses(ExperimentResult r)
    {
        var once = new List<double>();
        var always = new List<double>();
        foreach (var run in r.Runs)
        {
            var (o, a, _) = ImagingSessions.LifetimeClasses(run.Sessions);
            once.Add(100 * o);
            always.Add(100 * a);
        }
        return (Estimate.Of(once), Estimate.Of(always));
    }

    [Fact]
    public void NewSpinesSurviveLikeShao2021()
    {
        // vehicle-like baseline of Cg1/M2: day-1 new spines alive ~50 % at d7, ~35 % at d34 (psilocybin arm of Shao 2021);
        // here the last session is at day 26 (30-day run), so the check is against the d7 value and a d26 band
        var (s, _) = Run30.Value;
        var d7 = s.CohortSurvivalPct("vehicle", 1, 7);
        var d26 = s.CohortSurvivalPct("vehicle", 1, 26);
        output.WriteLine($"survival of day-1 cohort: d7 {d7}, d26 {d26}");
        Assert.InRange(d7.Mean, 40, 60);
        Assert.InRange(d26.Mean, 28, 48);
        Assert.True(d26.Mean < d7.Mean);
    }
}
