using Xunit.Abstractions;

namespace AgentSpines.Plasticity.Tests.Drugs;

/// <summary>
/// Psilocybin 1 mg/kg in Htr2a-/- mice (Shao, Liao et al. 2025 Nature; raw data Kwan-Lab/shaoliao2025, PT cells of Cg1/M2,
/// 68 dendrites of 6 knockout mice on psilocybin, 31 of 5 on saline): no spine gain and no head-width change, where
/// wild-type littermates' C57 controls gain +17 pp. Psilocin still binds TrkB and 5-HT1A in these mice, so the test
/// fails if any psilocybin effect bypasses 5-HT2A (the earlier additive TrkB term gave +4.2 pp and +10 % width here).
/// Published drug - saline, mean +/- SEM of the difference (over dendrites, change from day -3): density d1 -1.3 +/- 2.3,
/// d3 -2.0 +/- 2.8 pp; head width d1 +0.6 +/- 1.3, d3 +0.1 +/- 1.4 %.
/// </summary>
public class Htr2aKnockoutTests(ITestOutputHelper output)
{
    private static readonly string[] Sessions = ["--Imaging:SessionDays:0=-3", "--Imaging:SessionDays:1=-1", "--Imaging:SessionDays:2=1",
        "--Imaging:SessionDays:3=3", "--Imaging:SessionDays:4=7", "--Imaging:SessionDays:5=34", "--Imaging:SessionDays:6=35"];

    [Fact]
    public void PsilocybinDoesNothingWithoutFiveHt2aReceptors()
    {
        var (ko, _) = TestSupport.Run("psilocybin.json", 20, 2000, overrides: [.. Sessions, "--Regime:KnockedOutReceptors:0=Ht2a"]);
        var (wt, _) = TestSupport.Run("psilocybin.json", 20, 2000, overrides: Sessions);
        var c = new DrugCheck(output, "psilocybin in Htr2a-/- mice");
        foreach (var (d, published, sem) in new[] { (1.0, -1.3, 2.3), (3.0, -2.0, 2.8) })
            c.InRange($"knockout density drug-saline d{d} (pp), published {published:+0.0;-0.0} +/- {sem}", ko.DensityEffectPp(d).Mean, published - sem, published + sem);
        foreach (var (d, published, sem) in new[] { (1.0, 0.6, 1.3), (3.0, 0.1, 1.4) })
            c.InRange($"knockout head width drug-saline d{d} (%), published {published:+0.0;-0.0} +/- {sem}", ko.WidthEffectPp(d).Mean, published - sem, published + sem);
        // the same animals with the receptor: the effect is there (Shao 2021 +10 pp; the C57 controls of this study +17 +/- 3)
        c.True("wild type density drug-saline d1 > +5 pp", wt.DensityEffectPp(1).Mean > 5, $"{wt.DensityEffectPp(1)} pp");
        c.True("wild type head width drug-saline d1 > +5 %", wt.WidthEffectPp(1).Mean > 5, $"{wt.WidthEffectPp(1)} %");
        c.Done();
    }
}
