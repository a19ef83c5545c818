using AgentSpines.Physics.Electrodiffusion;

namespace AgentSpines.Physics.Tests.Electrodiffusion;

/// <summary>The paper's spine A (Fig. 1, issue 8 item 1) with the explicit reference scheme.</summary>
public class SpineAReferenceTests
{
    private static EpisodeSummary S => SharedReferenceRuns.SpineA.Summary;

    [Fact] public void HeadChargesToAboutSixMillivoltsWithinTenMicroseconds() => Assert.InRange(S.HeadDepolarization10usMV, 5.7, 6.3);
    [Fact] public void HeadReachesSevenPointTwoMillivoltsAtTenMilliseconds() => Assert.InRange(S.HeadDepolarizationEndMV, 7.1, 7.3);
    [Fact] public void HeadPotassiumDropsTo122mM() => Assert.InRange(S.HeadKEndMM, 121.7, 122.3);
    [Fact] public void HeadChlorideRisesTo11Point4mM() => Assert.InRange(S.HeadClEndMM, 11.3, 11.5);
    [Fact] public void HeadSodiumRisesTo29Point4mM() => Assert.InRange(S.HeadNaEndMM, 29.1, 29.7);
    [Fact] public void HeadDropsToMinus68Point8mVFiftyMicrosecondsAfterInput() => Assert.InRange(S.HeadPotentialAfter50usMV, -68.9, -68.7);
    [Fact] public void SodiumExcessDecaysWithNineteenPointTwoMilliseconds() => Assert.InRange(S.NaDecayTauMs, 18.7, 19.7);
    [Fact] public void NeckResistanceAtRestIs230MOhm() => Assert.InRange(S.NeckResistanceRestMOhm, 227, 233);

    [Fact]
    public void SodiumDecayTimeIsNearTheDiffusionTheory()
    {
        // tau = V_head l_neck / (A_neck D_Na) = 19.6 ms for spine A; the lattice value is slightly shorter.
        var g = SpineGeometry.SpineA;
        double theoryMs = g.HeadVolumeUm3 * 1e-18 * g.NeckLengthNm * 1e-9 / (Math.PI * Math.Pow(g.NeckRadiusNm * 1e-9, 2) * 0.65e-9) * 1e3;
        Assert.InRange(theoryMs, 19.5, 19.7);
        Assert.InRange(S.NaDecayTauMs / theoryMs, 0.95, 1.0);
    }

    [Fact]
    public void DiffusionCurrentsBoostTheHeadByAboutTwentyPercent()
    {
        // B = V(10 ms) / V(ohmic) = 1.21 in the paper (section 3.4).
        Assert.InRange(S.HeadDepolarizationEndMV / S.HeadDepolarization10usMV, 1.17, 1.25);
    }

    [Fact]
    public void NeckCurrentEqualsInjectedCurrentOnceTheHeadIsCharged()
    {
        // Fig. 6F: drift + diffusion through the neck carry exactly the injected 25 pA.
        var during = SharedReferenceRuns.SpineA.Trace.Head.Where(h => h.TimeMs >= 0.05 && h.TimeMs <= 10).ToList();
        Assert.True(during.Count > 100);
        foreach (var h in during) Assert.InRange(h.NeckCurrentPA, 25 * (1 - 2e-3), 25 * (1 + 2e-3));
        Assert.InRange(S.NeckCurrentEndPA, 25 * (1 - 1e-3), 25 * (1 + 1e-3));
        // After the input the net current relaxes to zero within a few microseconds.
        var after = SharedReferenceRuns.SpineA.Trace.Head.Where(h => h.TimeMs >= 10.1).ToList();
        foreach (var h in after) Assert.InRange(h.NeckCurrentPA, -0.05, 0.05);
    }

    [Fact]
    public void IonAmountsAreConservedToRounding()
    {
        var run = SharedReferenceRuns.SpineA;
        var sys = run.Solver.System;
        var rest = sys.RestState();
        double injected = run.Solver.SynapticInflowMol[sys.InfluxSpecies];
        Assert.Equal(25e-12 * 10e-3 / PhysicalConstants.FaradayCPerMol, injected, 1e-9 * injected);
        for (int k = 0; k < sys.SpeciesCount; k++)
        {
            double change = sys.AmountMol(run.Solver.StateMM, k) - sys.AmountMol(rest, k);
            double budget = run.Solver.SynapticInflowMol[k] - run.Solver.DendriticOutflowMol[k];
            Assert.True(Math.Abs(change - budget) < 1e-9 * injected, $"species {k}: change {change:E6} vs boundary budget {budget:E6}");
        }
    }
}
