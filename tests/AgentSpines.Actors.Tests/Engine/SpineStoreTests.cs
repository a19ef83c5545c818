using AgentSpines.Actors.Population;
using AgentSpines.Actors.Tests.Population;
using AgentSpines.Plasticity.Model;
using AgentSpines.Plasticity.Population;
using AgentSpines.Plasticity.Regime;
using AgentSpines.Plasticity.State;
using Xunit;

namespace AgentSpines.Actors.Tests.Engine;

/// <summary>
/// A block keeps its segments' spines in one set of arrays, each segment a range of slots (SpineStore): stepping them
/// together must be stepping each segment alone, also when a segment's births outgrow its range (it borrows free slots
/// from a neighbour, whose spines move over, or the arrays are laid out again).
/// </summary>
public sealed class SpineStoreTests
{
    private const ulong Key = 0x5EED_0013;

    [Fact]
    public void SegmentsSharingABlocksArraysStepExactlyAsSegmentsAloneAlsoWhenBirthsOutgrowTheirRanges()
    {
        const int dendrites = 4;
        var config = EngineFixtures.Config("baseline.json", $"--Dendrites:Count={dendrites}");
        var model = new PlasticityModel(config.Plasticity, 1);
        var env = new StepEnvironmentSource(new DrugRegime(config.Regime, 1), Arm.Vehicle);
        var o = config.Dendrites;
        // two seedings: the same population as two sets of objects
        IEnumerable<SeededSegment> Seed() => PopulationSeeding.Segments(model, Key, 0, dendrites, o.LengthUm, o.SegmentLengthUm);
        var shared = SegmentSpines.Create(Seed(), model, Key, exchange: true);
        var alone = Seed().Select(g => new SegmentSpines(g, model, Key, exchange: true)).ToArray();
        Assert.Equal(alone.Length, shared.Length);
        // a segment's range holds its initial count and an eighth more (at least 4): beyond that its births overflowed it
        var range = shared.Select(g => Math.Max(4, g.Count + g.Count / 8)).ToArray();
        int overflowed = 0;
        var a = new SegmentStepOutput();
        var b = new SegmentStepOutput();
        var envs = new StepEnvironment[dendrites];
        int eliminated = 0, formed = 0;
        for (int k = 0; k < 24 * 40; k++)
        {
            a.Clear();
            b.Clear();
            for (int d = 0; d < dendrites; d++) envs[d] = env.At(k, d);
            // an exposure to one spine per step: the inbox must move with its spine when ranges move
            int j0 = k % shared.Length;
            if (shared[j0].Count > 0)
            {
                var batch = new ExposureBatch(shared[j0].Context.SegmentId, [shared[j0][shared[j0].Count - 1].Id], [0.25 + (k % 7) / 10.0]);
                shared[j0].Deliver(batch);
                alone[j0].Deliver(batch);
            }
            SegmentSpines.StepAll(shared, model, envs, 0, null, a);
            foreach (var g in alone) g.Step(model, in envs[g.Dendrite], null, b);
            Assert.Equal(b.SpineEvents, a.SpineEvents);
            Assert.Equal(b.FormationEvents, a.FormationEvents);
            Assert.Equal(b.Rosters.Select(r => (r.SegmentId, string.Join(",", r.Removed), string.Join(",", r.Added))),
                a.Rosters.Select(r => (r.SegmentId, string.Join(",", r.Removed), string.Join(",", r.Added))));
            eliminated += a.SpineEvents.Count(e => e.EventType == StructuralEvent.Eliminated);
            formed += a.FormationEvents.Count;
            overflowed += shared.Where((g, j) => g.Count > range[j]).Count();
        }
        for (int j = 0; j < shared.Length; j++)
        {
            Assert.Equal(alone[j].Count, shared[j].Count);
            for (int i = 0; i < shared[j].Count; i++)
            {
                Assert.Equal(SpineCensusRow.Of(alone[j][i]), SpineCensusRow.Of(shared[j][i]));
                Assert.Equal((alone[j][i].PrpIntegralH, alone[j][i].OccupancyIntegralH), (shared[j][i].PrpIntegralH, shared[j][i].OccupancyIntegralH));
            }
        }
        Assert.True(eliminated > 50 && formed > 50, $"{eliminated} eliminations and {formed} births: too few to compare");
        Assert.True(overflowed > 0, "no segment grew beyond its first range: the borrowing was not exercised");
    }
}
