using System.Runtime.InteropServices;
using AgentSpines.Core.Random;
using AgentSpines.Plasticity.Model;
using AgentSpines.Plasticity.Options;
using AgentSpines.Plasticity.State;
using Xunit.Abstractions;

namespace AgentSpines.Plasticity.Tests;

/// <summary>
/// Issue 12 item 6: the cause column attributes each event by the share of its hazard the drug adds, sampled, so that the
/// count of drug-caused events is an unbiased estimate of the events the drug added.
/// </summary>
public class CauseAttributionTests(ITestOutputHelper output)
{
    [Fact]
    public void ShareOfDrugCausedEliminationsIsTheDrugShareOfTheHazard()
    {
        var o = new PlasticityOptions { FormationPerUmPerDay = 1, KestenLogASdPerSqrtH = 0, KestenBSdUm3PerSqrtH = 0, YoungHazardBoost = 0, TransientHazardPerDay = 2.4 };
        var model = new PlasticityModel(o);
        double m = 3;
        var env = StepEnvironment.Neutral(0, 1, Arm.Drug) with { TransientEliminationMultiplier = m, EliminationCause = "drug" };
        int drug = 0, all = 0, vehicleAll = 0;
        var events = new List<StructuralEvent>();
        for (int i = 0; i < 200_000; i++)
        {
            var s = new SpineState { Id = (ulong)i, HeadVolumeUm3 = 0.1, NeckLengthUm = 1, Stage = LifeStage.Thin, AgeH = 1000 };
            events.Clear();
            if (model.StepSpine(ref s, env, SpineInputs.None, new RandomStream(5, (ulong)i, StreamId.LifeCycle), events) == SpineFate.Eliminated)
            {
                all++;
                if (events[^1].Cause == "drug") drug++;
            }
            var v = new SpineState { Id = (ulong)i, HeadVolumeUm3 = 0.1, NeckLengthUm = 1, Stage = LifeStage.Thin, AgeH = 1000 };
            if (model.StepSpine(ref v, env with { TransientEliminationMultiplier = 1, Arm = Arm.Vehicle }, SpineInputs.None,
                    new RandomStream(5, (ulong)i, StreamId.LifeCycle), new List<StructuralEvent>()) == SpineFate.Eliminated) vehicleAll++;
        }
        double h = 0.1, expectedShare = 1 - PlasticityModel.Prob(h) / PlasticityModel.Prob(m * h); // ~ (m-1)/m for small h
        output.WriteLine($"eliminations {all}, drug-caused {drug} ({(double)drug / all:F4}), expected share {expectedShare:F4}; vehicle {vehicleAll}, excess {all - vehicleAll}");
        Assert.InRange((double)drug / all, expectedShare - 0.01, expectedShare + 0.01);
        // with common random numbers the drug-caused events are exactly those the vehicle twin did not have
        Assert.Equal(all - vehicleAll, drug);
    }

    [Fact]
    public void DrugCausedEliminationsCountTheExpectedExcessInAMixedPopulation()
    {
        // spines of all sizes and ages under a drug multiplier that rises and falls over two days: the number of
        // drug-caused eliminations must match the expected excess, sum over spine-steps of P(h dt) - P(h0 dt)
        var model = new PlasticityModel(new PlasticityOptions { FormationPerUmPerDay = 1 });
        var rng0 = new RandomStream(11, 0, StreamId.Setup);
        var spines = Enumerable.Range(0, 20_000).Select(i => model.NewSpine((ulong)i, 0, 0, 0, rng0, initial: i % 4 != 0)).ToList();
        var streams = spines.Select(x => new RandomStream(11, x.Id, StreamId.LifeCycle)).ToList();
        double expected = 0, variance = 0;
        int drugCaused = 0, intrinsicCaused = 0;
        var events = new List<StructuralEvent>();
        for (int k = 0; k < 48; k++)
        {
            double m = 1 + 4 * Math.Exp(-Math.Pow((k - 12) / 8.0, 2));
            var env = StepEnvironment.Neutral(k, 1, Arm.Drug) with { TransientEliminationMultiplier = m, PersistentEliminationMultiplier = 1 + (m - 1) / 2, EliminationCause = "drug" };
            for (int i = spines.Count - 1; i >= 0; i--)
            {
                ref var sp = ref CollectionsMarshal.AsSpan(spines)[i]; // stepped in place
                // the step ages the spine before its hazard is evaluated; the size step changes it a little more (tolerance)
                sp.AgeH += 1;
                double h = model.HazardPerH(sp, env, out double h0);
                sp.AgeH -= 1;
                events.Clear();
                double excess = PlasticityModel.Prob(h) - PlasticityModel.Prob(h0);
                expected += excess;
                variance += excess * (1 - excess);
                if (model.StepSpine(ref sp, env, SpineInputs.None, streams[i], events) == SpineFate.Eliminated)
                {
                    if (events[^1].Cause == "drug") drugCaused++; else intrinsicCaused++;
                    spines.RemoveAt(i);
                    streams.RemoveAt(i);
                }
            }
        }
        output.WriteLine($"drug-caused {drugCaused}, expected excess {expected:F0} (SD {Math.Sqrt(variance):F0}), intrinsic {intrinsicCaused}");
        Assert.True(expected > 500, $"expected excess {expected:F0}");
        Assert.True(Math.Abs(drugCaused - expected) < Math.Max(4 * Math.Sqrt(variance), 0.05 * expected), $"drug-caused {drugCaused} vs expected {expected:F0}");
    }

    [Fact]
    public void DrugCausedBirthsCountTheExcessOverVehicle()
    {
        // psilocybin's formation burst: drug-caused births over the day after the dose against the excess over vehicle
        var (_, r) = TestSupport.Run("psilocybin.json", 20, 2000, spec => spec with { DurationDays = 5, RecordTurnover = true });
        var cfg = TestSupport.Load("psilocybin.json");
        double t0 = cfg.Regime.ReferenceDay * 24, t1 = t0 + 24;
        double Count(Arm arm, Func<Population.TurnoverRecord, bool> f) => r.ArmRuns(arm).Sum(x => x.Turnover!.Count(e => e.Formed && e.TimeH > t0 && e.TimeH <= t1 && f(e)));
        double drugCaused = Count(Arm.Drug, e => e.Cause != StructuralEvent.Intrinsic);
        double excess = Count(Arm.Drug, _ => true) - Count(Arm.Vehicle, _ => true);
        output.WriteLine($"psilocybin day 0-1: drug-caused births {drugCaused}, excess over vehicle {excess}");
        Assert.True(excess > 200, $"psilocybin should add births: excess {excess}");
        // births are Poisson in both arms (not coupled one to one): the counts agree within their noise
        double se = Math.Sqrt(Count(Arm.Drug, _ => true) + Count(Arm.Vehicle, _ => true));
        Assert.True(Math.Abs(drugCaused - excess) < 3 * se, $"drug-caused {drugCaused} vs excess {excess} (3 SE = {3 * se:F0})");
    }
}
