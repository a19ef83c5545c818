using Xunit.Abstractions;

namespace AgentSpines.Plasticity.Tests.Drugs;

/// <summary>Issue 4 "Must reproduce": ketamine 10 mg/kg (Phoumthipphavong 2016; timing Moda-Sava 2019) and 85 mg/kg + xylazine (Yang 2011).</summary>
public class KetamineTests(ITestOutputHelper output)
{
    [Fact]
    public void Ketamine10ReproducesDensityFormationAndSurvival()
    {
        var (s, _) = TestSupport.Run("ketamine.json", 20, 2000);
        var c = new DrugCheck(output, "ketamine 10");
        c.Near("density drug-vehicle d1 (pp)", s.DensityEffectPp(1), 7, 6);
        c.Near("density drug-vehicle d3 (pp)", s.DensityEffectPp(3), 15, 6);
        c.Near("density drug-vehicle d5 (pp)", s.DensityEffectPp(5), 19, 6);
        c.Near("density drug-vehicle d10 (pp)", s.DensityEffectPp(10), 25, 6);
        c.Near("density drug-vehicle d15 (pp)", s.DensityEffectPp(15), 12, 6);
        c.True("density falls by d15", s.DensityEffectPp(15).Mean < s.DensityEffectPp(10).Mean, $"{s.DensityEffectPp(15).Mean:F1} < {s.DensityEffectPp(10).Mean:F1}");
        foreach (double d in new[] { 1.0, 3, 5 })
            c.InRange($"formation drug/vehicle interval to d{d}", s.FormationPct("drug", d).Mean / s.FormationPct("vehicle", d).Mean, 1.4, 2.3);
        c.InRange("elimination drug - vehicle -1->1 (pp)", s.EliminationPct("drug", 1).Mean - s.EliminationPct("vehicle", 1).Mean, -2.5, 2.5);
        c.Near("day-1 new spines alive d15 (%)", s.CohortSurvivalPct("drug", 1, 15), 21, 4);
        c.Done();
    }

    [Fact]
    public void Ketamine10IsAboveVehicleAt12HoursNotAt3To6()
    {
        var (s, _) = TestSupport.Run("ketamine.json", 20, 2000, spec => spec with { DurationDays = 6 },
            overrides: ["--Imaging:SessionDays:0=-3", "--Imaging:SessionDays:1=-1", "--Imaging:SessionDays:2=0.125", "--Imaging:SessionDays:3=0.25",
                        "--Imaging:SessionDays:4=0.5", "--Imaging:SessionDays:5=1", "--Imaging:SessionDays:6=2"]);
        var c = new DrugCheck(output, "ketamine 10 timing");
        foreach (double d in new[] { 0.125, 0.25 })
        {
            var e = s.DensityEffectPp(d);
            c.True($"not above vehicle at {d * 24} h", e.Mean < 1.0, $"drug-vehicle {e} pp");
        }
        var e12 = s.DensityEffectPp(0.5);
        c.True("above vehicle at 12 h", e12.Low > 0 && e12.Mean > 1.0, $"drug-vehicle {e12} pp");
        c.Done();
    }

    [Fact]
    public void AnaestheticKetamineMakesOnlyTransientFilopodia()
    {
        var (s, _) = TestSupport.Run("ketamine_anaesthetic.json", 20, 2000);
        var c = new DrugCheck(output, "ketamine 85 + xylazine");
        foreach (double d in new[] { 0.0417, 0.0833, 0.1667 })
        {
            double drug = s.Filopodia("drug", d).Mean, veh = s.Filopodia("vehicle", d).Mean;
            c.True($"extra filopodia at {d * 24:F0} h", drug >= veh + 3, $"drug {drug:F1} vs vehicle {veh:F1} per field");
        }
        foreach (double d in new[] { 1.0, 3 })
        {
            c.InRange($"filopodia drug - vehicle d{d}", s.Filopodia("drug", d).Mean - s.Filopodia("vehicle", d).Mean, -0.5, 0.5);
            c.InRange($"density drug-vehicle d{d} (pp)", s.DensityEffectPp(d).Mean, -2, 2);
        }
        c.Done();
    }
}
