using AgentSpines.Actors.Population;
using AgentSpines.Actors.Tests.Population;
using AgentSpines.Core.Identity;
using AgentSpines.Core.Random;
using AgentSpines.Plasticity.Model;
using AgentSpines.Plasticity.Population;
using AgentSpines.Plasticity.Regime;
using AgentSpines.Plasticity.State;
using Akka.Actor;
using Akka.TestKit.Xunit2;

namespace AgentSpines.Actors.Tests.Engine;

/// <summary>A segment block draws the shared initial population, answers each step with one message, and hands spines their exposures.</summary>
public sealed class SegmentBlockActorTests : SlowMachineTestKit
{
    private const ulong Key = 0xABCDEF;

    private static (SegmentBlockSetup Setup, PlasticityModel Model, StepEnvironmentSource Env) Setup(bool exchange, int first = 0, int end = 2)
    {
        var config = EngineFixtures.Config("baseline.json", "--Dendrites:Count=4");
        var model = new PlasticityModel(config.Plasticity, 1);
        var env = new StepEnvironmentSource(new DrugRegime(config.Regime, 1), Arm.Vehicle);
        return (new SegmentBlockSetup(0, first, end, config.Dendrites.LengthUm, config.Dendrites.SegmentLengthUm, Key, model, env, null, exchange), model, env);
    }

    private static List<SegmentSpines> Reference(SegmentBlockSetup s, PlasticityModel model)
        => PopulationSeeding.Segments(model, s.Key, s.FirstDendrite, s.EndDendrite, s.DendriteLengthUm, s.SegmentLengthUm)
            .Select(g => new SegmentSpines(g, model, s.Key, s.Exchange)).ToList();

    [Fact]
    public void SeedsTheSharedPopulationAndStepsLikeItsSegmentsStepAlone()
    {
        var (setup, model, env) = Setup(exchange: false, first: 1, end: 3);
        var block = Sys.ActorOf(Props.Create(() => new SegmentBlockActor(setup)));
        var reference = Reference(setup, model);
        block.Tell(new SeedSegments(), TestActor);
        var seeded = ExpectMsg<SegmentsSeeded>();
        Assert.Equal(reference.Sum(g => g.Count), seeded.Spines);
        Assert.True(seeded.Spines > 150, $"{seeded.Spines} spines on two 100 um dendrites");

        var output = new SegmentStepOutput();
        bool anyLoss = false;
        for (int k = 0; k < 48; k++)
        {
            output.Clear();
            var e = env.At(k, 0);
            bool census = k % 24 == 0;
            var rows = new SpineCensusRow[census ? reference.Sum(g => g.Count) : 0];
            int at = 0;
            if (census) foreach (var g in reference) { g.CountInto(output.Counts); at = g.Census(rows, at); }
            foreach (var g in reference) g.Step(model, in e, null, output);
            block.Tell(new StepSegments(k, k, 1, census ? CensusKind.Rows : CensusKind.None, false, []), TestActor);
            var m = ExpectMsg<SegmentsStepped>();
            Assert.Equal(k, m.Step);
            if (census)
            {
                Assert.Equal(rows.Length, at);
                Assert.Equal(rows, m.Census!.Value.ToArray());
                Assert.Equal(output.Counts.ToArray(), m.Counts);
                Assert.Equal(new[] { 1, 2 }, m.Counts!.Select(c => c.Dendrite)); // one entry per dendrite of the block
                Assert.Equal(m.Census!.Value.ToArray().Count(r => r.Stage != LifeStage.Filopodium), m.Counts!.Sum(c => c.TrueSpines));
            }
            else Assert.Null(m.Census);
            Assert.Equal(output.SpineEvents, m.SpineEvents);
            Assert.Equal(output.FormationEvents, m.FormationEvents);
            Assert.Empty(m.Rosters); // exchange off
            Assert.All(m.SpineEvents, ev => Assert.InRange(new SpineId(ev.SpineId).Dendrite, 1, 2));
            anyLoss |= m.SpineEvents.Any(e => e.EventType == StructuralEvent.Eliminated);
        }
        Assert.True(anyLoss, "the comparison must cover eliminations");
    }

    /// <summary>
    /// The arrays a block lends the recorder (events, census rows): a step's rows stay as sent until a StepSegments says the
    /// recorder has written that step (RecordedThrough), and only then does the block write another step's rows into them.
    /// </summary>
    [Fact]
    public void LentArraysAreUsedAgainOnlyAfterTheRecorderWroteTheirStep()
    {
        var (setup, _, _) = Setup(exchange: false, first: 0, end: 2);
        var block = Sys.ActorOf(Props.Create(() => new SegmentBlockActor(setup)));
        block.Tell(new SeedSegments(), TestActor);
        ExpectMsg<SegmentsSeeded>();
        const int lag = 3; // the recorder writes three steps behind
        var sent = new List<(SegmentsStepped Message, StructuralEvent[] Events, SpineCensusRow[]? Census)>();
        var arraysOfRecordedSteps = new HashSet<object>(ReferenceEqualityComparer.Instance);
        int reusedEvents = 0, reusedCensus = 0;
        for (int k = 0; k < 72; k++)
        {
            long recorded = k - lag;
            for (int j = 0; j < sent.Count && j <= recorded; j++)
            {
                if (sent[j].Message.SpineEvents.Array is { } a) arraysOfRecordedSteps.Add(a);
                if (sent[j].Message.Census?.Array is { } c) arraysOfRecordedSteps.Add(c);
            }
            bool census = k % 4 == 0; // every spine's row: a census array lent every fourth step
            block.Tell(new StepSegments(k, k, 1, census ? CensusKind.Rows : CensusKind.None, false, [], recorded), TestActor);
            var m = ExpectMsg<SegmentsStepped>();
            if (m.SpineEvents.Array is { } used && arraysOfRecordedSteps.Contains(used)) reusedEvents++;
            if (m.Census?.Array is { } usedRows && arraysOfRecordedSteps.Contains(usedRows)) reusedCensus++;
            sent.Add((m, m.SpineEvents.ToArray(), m.Census?.ToArray()));
            // every step the recorder has not written yet still reads as sent
            for (int j = (int)Math.Max(0, recorded + 1); j < sent.Count; j++)
            {
                Assert.Equal(sent[j].Events, sent[j].Message.SpineEvents.ToArray());
                if (sent[j].Census is { } rows) Assert.Equal(rows, sent[j].Message.Census!.Value.ToArray());
            }
            // and no array is lent twice at once
            var lent = sent.Skip((int)Math.Max(0, recorded + 1))
                .SelectMany(x => new object?[] { x.Message.SpineEvents.Array, x.Message.Census?.Array }).Where(a => a is Array { Length: > 0 }).ToList();
            Assert.Equal(lent.Count, lent.Distinct(ReferenceEqualityComparer.Instance).Count());
        }
        Assert.True(sent.Count(x => x.Events.Length > 0) > 60, "most steps must have events");
        Assert.True(reusedEvents > 40, $"event arrays of written steps used again {reusedEvents} times in 72 steps");
        Assert.True(reusedCensus > 10, $"census arrays of written steps used again {reusedCensus} times in 18 censuses");
    }

    [Fact]
    public void ExposuresReachTheirSpinesAsThePrpInputOfTheNextStep()
    {
        var (setup, model, env) = Setup(exchange: true);
        var block = Sys.ActorOf(Props.Create(() => new SegmentBlockActor(setup)));
        block.Tell(new SeedSegments(), TestActor);
        var seeded = ExpectMsg<SegmentsSeeded>();
        Assert.Equal(seeded.Spines, seeded.Rosters.Sum(r => r.Added.Length)); // the exchange's initial roster: every spine
        var target = seeded.Rosters[3].Added[2].SpineId;
        ulong segment = new SpineId(target).SegmentId;

        // the same exposure delivered to a plain copy of the segments, stepped alone
        var reference = Reference(setup, model);
        var refSegment = reference.Single(g => g.Context.SegmentId == segment);
        var batch = new ExposureBatch(segment, [target], [0.8]);
        refSegment.Deliver(batch);
        var output = new SegmentStepOutput();
        var e = env.At(0, 0);
        foreach (var g in reference) g.Step(model, in e, null, output);
        // StepSpine integrates the PRP occupancy over the step (read through the segment: it keeps the running values as arrays)
        Assert.Equal(0.8 * 1, refSegment[refSegment.IndexOf(target)].PrpIntegralH, 12);

        block.Tell(new StepSegments(0, 0, 1, CensusKind.None, false, [batch]), TestActor);
        var m = ExpectMsg<SegmentsStepped>();
        Assert.Equal(output.SpineEvents, m.SpineEvents);
        Assert.Equal(output.Rosters.Select(r => (r.SegmentId, r.Removed.Length, r.Added.Length)), m.Rosters.Select(r => (r.SegmentId, r.Removed.Length, r.Added.Length)));
    }

    [Fact]
    public void ExposuresForASegmentItDoesNotHoldFailTheBlockNamingTheStep()
    {
        var (setup, _, _) = Setup(exchange: true);
        var parent = CreateTestProbe();
        var block = parent.ChildActorOf(Props.Create(() => new SegmentBlockActor(setup)), SegmentBlockActor.NameOf(0),
            new OneForOneStrategy(0, TimeSpan.Zero, ex => { parent.Ref.Tell(ex); return Directive.Stop; }));
        block.Tell(new SeedSegments(), TestActor);
        ExpectMsg<SegmentsSeeded>();
        block.Tell(new StepSegments(5, 5, 1, CensusKind.None, false, [new ExposureBatch(SpineId.SegmentIdOf(40, 0), [1], [0.5])]), TestActor);
        var e = parent.ExpectMsg<PopulationActorException>();
        Assert.Equal("segments-00000", e.Actor);
        Assert.Equal(5, e.Step);
    }

    [Fact]
    public void ALostSpineGetsNoExposureAndASegmentThatOnlyLosesStillReports()
    {
        var (setup, model, env) = Setup(exchange: true, first: 0, end: 1);
        var g = Reference(setup, model)[0];
        // step until the segment loses a spine in a step without births: its roster change must still be reported
        var output = new SegmentStepOutput();
        for (int k = 0; k < 24 * 60; k++)
        {
            output.Clear();
            var e = env.At(k, 0);
            g.Step(model, in e, null, output);
            var lost = output.SpineEvents.Where(x => x.EventType == StructuralEvent.Eliminated).Select(x => x.SpineId).ToArray();
            if (lost.Length == 0 || output.FormationEvents.Count > 0) continue;
            var change = Assert.Single(output.Rosters);
            Assert.Empty(change.Added);
            Assert.Equal(lost, change.Removed);
            g.Deliver(new ExposureBatch(g.Context.SegmentId, [lost[0]], [1.0])); // the exchange stepped before it heard of the loss
            Assert.Equal(-1, g.IndexOf(lost[0]));
            return;
        }
        Assert.Fail("no step with a loss and no birth in 60 days");
    }
}
