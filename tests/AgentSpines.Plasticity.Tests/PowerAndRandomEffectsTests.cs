using AgentSpines.Plasticity.Model;
using AgentSpines.Plasticity.Options;
using AgentSpines.Plasticity.Population;
using Xunit.Abstractions;

namespace AgentSpines.Plasticity.Tests;

/// <summary>Issue 12 item 5: random effects per animal and dendrite, and the power of the published test.</summary>
public class PowerAndRandomEffectsTests(ITestOutputHelper output)
{
    [Fact]
    public void RandomEffectsAreLogNormalWithMeanOneAndTheConfiguredSpread()
    {
        var o = new PlasticityOptions { AnimalTurnoverLogSd = 0.3, DendriteTurnoverLogSd = 0.4, AnimalDrugSensitivityLogSd = 0.5 };
        var animals = Enumerable.Range(0, 4000).Select(i => AnimalEffects.Draw(o, Core.Random.RunSeed.ForReplicate(3, i))).ToList();
        var dendrites = Enumerable.Range(0, 4000).Select(d => DendriteEffects.Draw(o, AnimalEffects.None, 99, d)).ToList();
        static (double Mean, double LogSd) Stats(IEnumerable<double> x)
        {
            var a = x.ToArray();
            var l = a.Select(v => Math.Log(v)).ToArray();
            double ml = l.Average();
            return (a.Average(), Math.Sqrt(l.Sum(v => (v - ml) * (v - ml)) / (l.Length - 1)));
        }
        var s = Stats(animals.Select(a => a.DrugSensitivity));
        var t = Stats(animals.Select(a => a.TurnoverMultiplier));
        var d = Stats(dendrites.Select(x => x.TurnoverMultiplier));
        output.WriteLine($"sensitivity mean {s.Mean:F3} sd ln {s.LogSd:F3}; animal turnover {t.Mean:F3} {t.LogSd:F3}; dendrite turnover {d.Mean:F3} {d.LogSd:F3}");
        Assert.InRange(s.Mean, 0.97, 1.03); Assert.InRange(s.LogSd, 0.47, 0.53);
        Assert.InRange(t.Mean, 0.98, 1.02); Assert.InRange(t.LogSd, 0.28, 0.32);
        Assert.InRange(d.Mean, 0.98, 1.02); Assert.InRange(d.LogSd, 0.38, 0.42);
        Assert.Equal(AnimalEffects.Draw(o, 12345), AnimalEffects.Draw(o, 12345)); // keyed, not sequential
        Assert.Same(AnimalEffects.None, AnimalEffects.Draw(new PlasticityOptions(), 12345));
    }

    [Fact]
    public void WelchTestMatchesAKnownValue()
    {
        // a = 1..5 (var 2.5), b = 3..9 step 1.5 (var 5.625): SE^2 = 0.5 + 1.125, t = -3/1.2748 = -2.353,
        // Welch df = 1.625^2 / (0.5^2/4 + 1.125^2/4) = 6.97, two-sided p = 0.051
        var (diff, p) = PowerAnalysis.WelchTest([1, 2, 3, 4, 5], [3, 4.5, 6, 7.5, 9]);
        Assert.Equal(-3, diff, 9);
        Assert.InRange(p, 0.047, 0.055);
    }

    [Fact]
    public void PowerRisesWithGroupSizeAndIsAlphaWithoutDrug()
    {
        var cfg = TestSupport.Load("psilocybin.json", ["--Imaging:DendritesPerAnimal=6"]);
        var rows = new PowerAnalysis(cfg).Run(new PowerOptions(1, [3, 6, 12], Experiments: 40));
        foreach (var r in rows) output.WriteLine($"psilocybin d1: {r.AnimalsPerArm} animals, power {r.Power:F2}, effect {r.MeanEffectPp:F1} pp");
        Assert.True(rows[0].Power < rows[2].Power - 0.15, "power must rise with group size");
        Assert.True(rows[2].Power >= 0.8, $"12 animals per arm: power {rows[2].Power:F2}");

        var none = TestSupport.Load("psilocybin.json", ["--Imaging:DendritesPerAnimal=6", "--Regime:Doses:0:MgPerKg=0"]);
        var nul = new PowerAnalysis(none).Run(new PowerOptions(1, [6], Experiments: 160));
        output.WriteLine($"dose 0: rejection rate {nul[0].Power:F3}, mean effect {nul[0].MeanEffectPp:F2} pp");
        Assert.InRange(nul[0].Power, 0.0, 0.11); // alpha 0.05; 160 experiments: SE 0.017
    }
}
