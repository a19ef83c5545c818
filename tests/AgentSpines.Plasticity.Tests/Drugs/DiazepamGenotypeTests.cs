using Xunit.Abstractions;

namespace AgentSpines.Plasticity.Tests.Drugs;

/// <summary>
/// Shi et al. 2022 (Nat Neurosci 25:317; abstract and figure titles: "Diazepam-induced dendritic spine pathology is
/// independent of GABAARs", "Diazepam affects dendritic spines via TSPO"): diazepam 5 mg/kg daily for a week removes spines
/// through microglial TSPO, not through the benzodiazepine site of GABA-A receptors. No numbers for the mutant mice are in
/// our sources, so the tolerances are ours: in Tspo-/- mice the loss at day 7 is within +/- 2 pp (the "no change" used for
/// zolpidem) and at most a third of the
/// wild type's; in mice whose GABA-A receptors lack the benzodiazepine site (both ReceptorTargets knocked out) at least two
/// thirds of it stays. A model that made the loss through GABA-A inhibition (less activity, less BDNF) fails both.
/// </summary>
public class DiazepamGenotypeTests(ITestOutputHelper output)
{
    [Fact]
    public void DiazepamRemovesSpinesThroughTspoNotGabaA()
    {
        static (double Mean, string Text) LossAtDay7(string[] overrides)
        {
            var (s, _) = TestSupport.Run("diazepam_5mgkg_1wk.json", 20, 2000, spec => spec with { DurationDays = 10 }, overrides);
            var e = s.DensityEffectPp(7);
            return (e.Mean, e.ToString());
        }
        var wild = LossAtDay7([]);
        var tspo = LossAtDay7(["--Regime:KnockedOutReceptors:0=Tspo"]);
        var gaba = LossAtDay7(["--Regime:KnockedOutReceptors:0=GabaAAlpha1", "--Regime:KnockedOutReceptors:1=GabaAAlpha235"]);
        var c = new DrugCheck(output, "diazepam genotypes");
        c.True("wild type loses spines by day 7 (< -5 pp)", wild.Mean < -5, wild.Text);
        c.InRange("Tspo-/-: density drug-vehicle d7 (pp)", tspo.Mean, -2, 2);
        c.True("Tspo-/-: at most a third of the wild type's loss", tspo.Mean >= wild.Mean / 3, $"{tspo.Text} against {wild.Text}");
        c.True("GABA-A benzodiazepine site removed: at least two thirds of the loss stays", gaba.Mean <= 2 * wild.Mean / 3, $"{gaba.Text} against {wild.Text}");
        c.Done();
    }
}
