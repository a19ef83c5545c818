using AgentSpines.Actors.Population;
using AgentSpines.Plasticity.Imaging;
using AgentSpines.Plasticity.Population;
using AgentSpines.Plasticity.State;
using Akka.Actor;
using Akka.TestKit.Xunit2;

namespace AgentSpines.Actors.Tests.Engine;

/// <summary>The coordinator is the step barrier: it waits for every block, and what it passes on is in block order whatever the arrival order.</summary>
public sealed class CoordinatorActorTests : SlowMachineTestKit
{
    private static readonly RunPlan OneStep = new(Steps: 1, StepH: 1, SnapshotSteps: new HashSet<long> { 0, 1 }, SessionSteps: new Dictionary<long, double>(), StepsPerDay: 24);

    private static StructuralEvent Event(ulong segment, ulong spine) => new(1, spine, segment, StructuralEvent.Enlarged, LifeStage.Thin, LifeStage.Thin, 0.1, 0.12, 1, 0.1, 2, "intrinsic");

    private static SegmentsStepped Stepped(long step, int block, params StructuralEvent[] events)
        => new(step, block, null, null, events, [], [], []);

    private (IActorRef Coordinator, Akka.TestKit.TestProbe Blocks, Akka.TestKit.TestProbe Recorder) Start(int blocks, CancellationToken ct = default)
    {
        var blockProbe = CreateTestProbe();
        var recorderProbe = CreateTestProbe();
        var setup = new CoordinatorSetup(OneStep, Enumerable.Range(0, blocks).Select(_ => Props.Create(() => new ForwardTo(blockProbe.Ref))).ToArray(),
            new int[blocks], 0, null, Props.Create(() => new ForwardTo(recorderProbe.Ref)), "akka.actor.default-dispatcher", null, ct);
        var coordinator = Sys.ActorOf(Props.Create(() => new CoordinatorActor(setup)));
        coordinator.Tell(new StartRun(), TestActor);
        return (coordinator, blockProbe, recorderProbe);
    }

    /// <summary>Receives one message of type T from each of n senders and returns the senders in arrival order.</summary>
    private static List<IActorRef> ExpectFromEach<T>(Akka.TestKit.TestProbe probe, int n, Action<T>? check = null)
    {
        var senders = new List<IActorRef>();
        for (int i = 0; i < n; i++)
        {
            var m = probe.ExpectMsg<T>();
            check?.Invoke(m);
            senders.Add(probe.LastSender);
        }
        return senders;
    }

    [Fact]
    public void StepRowsReachTheRecorderInBlockOrderWhateverTheArrivalOrder()
    {
        var (coordinator, blocks, recorder) = Start(3);
        ExpectFromEach<SeedSegments>(blocks, 3);
        for (int b = 2; b >= 0; b--) coordinator.Tell(new SegmentsSeeded(b, 10, []), blocks.Ref);
        ExpectFromEach<StepSegments>(blocks, 3, m => Assert.Equal(0, m.Step));
        foreach (int b in new[] { 1, 2, 0 }) coordinator.Tell(Stepped(0, b, Event(0x10000UL + (ulong)b, (0x10000UL + (ulong)b) << 32)), blocks.Ref);
        var rows = recorder.ExpectMsg<RecordStep>();
        Assert.Equal(0, rows.Step);
        Assert.Equal(new[] { 0, 1, 2 }, rows.Segments.Select(s => s.Block)); // one message once all three answered: the barrier
        Assert.Equal(new ulong[] { 0x10000, 0x10001, 0x10002 }, rows.Segments.Select(s => s.SpineEvents[0].SegmentId));

        // the last step is frozen (census only), then the recorder is told to finish and the run completes
        ExpectFromEach<StepSegments>(blocks, 3, m => Assert.True(m.Frozen && m.Step == 1));
        foreach (int b in new[] { 2, 0, 1 }) coordinator.Tell(Stepped(1, b), blocks.Ref);
        Assert.Equal(1, recorder.ExpectMsg<RecordStep>().Step);
        recorder.ExpectMsg<FinishRecording>();
        recorder.Reply(new RecordingFinished(new RunSummaryParts(new List<SessionCensus>(), [1.2], [0.5], 3, 4)));
        var done = ExpectMsg<RunCompleted>();
        Assert.Equal(3, done.Summary.Formed);
        Assert.Equal(4, done.Summary.Eliminated);
    }

    [Fact]
    public void AnAnswerForAnotherStepFailsTheRun()
    {
        var (coordinator, blocks, _) = Start(1);
        blocks.ExpectMsg<SeedSegments>();
        coordinator.Tell(new SegmentsSeeded(0, 10, []), blocks.Ref);
        blocks.ExpectMsg<StepSegments>();
        coordinator.Tell(Stepped(7, 0), blocks.Ref);
        var failure = ExpectMsg<Status.Failure>();
        Assert.Contains("block 0 answered step 7", failure.Cause.Message);
    }

    [Fact]
    public void ThrowingChildFailsTheRunWithOneMessageNamingActorAndStep()
    {
        var setup = new CoordinatorSetup(OneStep, [Props.Create(() => new ThrowingBlock())], [0], 0, null,
            Props.Create(() => new ForwardTo(CreateTestProbe().Ref)), "akka.actor.default-dispatcher", null, default);
        var coordinator = Sys.ActorOf(Props.Create(() => new CoordinatorActor(setup)));
        coordinator.Tell(new StartRun(), TestActor);
        var failure = ExpectMsg<Status.Failure>();
        var e = Assert.IsType<PopulationActorException>(failure.Cause);
        Assert.Equal("segments-00000", e.Actor);
        Assert.Equal(-1, e.Step); // seeding, before step 0
        Assert.Contains("actor 'segments-00000' failed at step -1", e.Message);
        Assert.Contains("bad seed", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    private sealed class ThrowingBlock : ReceiveActor
    {
        public ThrowingBlock() => Receive<SeedSegments>(_ => PopulationActorException.Guard(Self.Path.Name, -1, 0, () => throw new InvalidOperationException("bad seed")));
    }
}
