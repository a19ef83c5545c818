using AgentSpines.Plasticity.Population;
using AgentSpines.Plasticity.State;
using Xunit.Abstractions;

namespace AgentSpines.Plasticity.Tests.Drugs;

/// <summary>Issue 4 "Must reproduce": corticosterone then ketamine (Moda-Sava 2019) and chronic stress.</summary>
public class StressTests(ITestOutputHelper output)
{
    /// <summary>
    /// Imaging-based, as Moda-Sava 2019: sites of spines visible at lossFrom and gone at lossTo; of the spines new
    /// between lossTo and newAt, the fraction within radius of such a site; and the chance level for uniform positions.
    /// </summary>
    private static (double Near, double Chance) NearLossSites(RunResult run, double lossFrom, double lossTo, double newAt, double radiusUm, double dendriteLengthUm)
    {
        SessionCensus At(double d) => run.Sessions.First(x => Math.Abs(x.SessionDay - d) < 1e-9);
        var a = At(lossFrom);
        var b = At(lossTo);
        var c = At(newAt);
        var atB = new HashSet<ulong>(b.VisibleIds);
        var losses = a.VisibleIds.Select((id, i) => (id, i)).Where(x => !atB.Contains(x.id)).Select(x => a.PositionsUm[x.i]).OrderBy(x => x).ToArray();
        bool Near(double p)
        {
            int i = Array.BinarySearch(losses, p);
            if (i >= 0) return true;
            i = ~i;
            return (i < losses.Length && losses[i] - p <= radiusUm) || (i > 0 && p - losses[i - 1] <= radiusUm);
        }
        var newPositions = c.VisibleIds.Select((id, i) => (id, i)).Where(x => !atB.Contains(x.id)).Select(x => c.PositionsUm[x.i]).ToArray();
        double near = newPositions.Length == 0 ? 0 : newPositions.Count(Near) / (double)newPositions.Length;
        var dendrites = a.PositionsUm.Select(p => Math.Floor(p / 1e6)).Distinct().ToArray();
        int hits = 0, n = 0;
        foreach (double d in dendrites)
            for (double x = 0; x < dendriteLengthUm; x += 0.1) { n++; if (Near(d * 1e6 + x)) hits++; }
        return (near, (double)hits / Math.Max(1, n));
    }

    [Fact]
    public void CorticosteroneThenKetamineRestoresSpinesWhereTheyWereLost()
    {
        var (s, r) = TestSupport.Run("corticosterone_ketamine.json", 20, 2000);
        var cfg = TestSupport.Load("corticosterone_ketamine.json");
        var c = new DrugCheck(output, "corticosterone then ketamine");
        var stressLoss = s.DensityChangePct("vehicle", 0);
        c.True("corticosterone lowers density", stressLoss.High < -8, $"vehicle d-22 -> d0 {stressLoss} %");
        var el = s.EliminationPct("vehicle", 0).Mean;
        var fo = s.FormationPct("vehicle", 0).Mean;
        c.True("through elimination", el > fo + 10, $"elimination {el:F1} % vs formation {fo:F1} % over the stress interval");
        var e7 = s.DensityEffectPp(7);
        c.True("ketamine restores density", e7.Low > 5, $"drug-vehicle d7 {e7} pp");
        c.True("restored towards pre-stress level", s.DensityChangePct("drug", 7).Mean > stressLoss.Mean / 2, $"drug arm d7 {s.DensityChangePct("drug", 7)} % vs stress loss {stressLoss.Mean:F1} %");
        var drug = r.ArmRuns(Arm.Drug).Select(x => NearLossSites(x, -22, 0, 7, 1.0, cfg.Spec.DendriteLengthUm)).ToArray();
        var veh = r.ArmRuns(Arm.Vehicle).Select(x => NearLossSites(x, -22, 0, 7, 1.0, cfg.Spec.DendriteLengthUm)).ToArray();
        double dn = drug.Average(x => x.Near), vn = veh.Average(x => x.Near), chance = drug.Average(x => x.Chance);
        c.True("ketamine spines near stress-eliminated sites", dn > vn + 0.05 && dn > chance + 0.15,
            $"new d0-7 within 1 um of a spine lost d-22-0: ketamine {100 * dn:F1} %, saline {100 * vn:F1} %, chance {100 * chance:F1} %");
        c.Done();
    }

    [Fact]
    public void ChronicStressRaisesEliminationAndLowersDensity()
    {
        var (s, _) = TestSupport.Run("chronic_stress.json", 20, 2000);
        var c = new DrugCheck(output, "chronic stress");
        var e = s.DensityEffectPp(21);
        c.True("density loss by d21", e.High < -5, $"stress - control {e} pp");
        c.True("higher elimination", s.EliminationPct("drug", 7).Mean > 1.15 * s.EliminationPct("vehicle", 7).Mean,
            $"elimination d0-7 stress {s.EliminationPct("drug", 7).Mean:F1} % vs control {s.EliminationPct("vehicle", 7).Mean:F1} %");
        c.Done();
    }
}
