using Kit = AgentSpines.Actors.TestKit.TestKit;
using AgentSpines.Actors.Transport;
using AgentSpines.Physics.Transport;

namespace AgentSpines.Actors.Tests.Transport;

public sealed class TransportActorTests
{
    /// <summary>Three species (Mittag-Leffler, gamma, exponential dwell), reaction, drift, reflecting ends, a short dendrite so particles cross segments.</summary>
    private static TransportOptions MixedRun(EndCondition end = EndCondition.Reflecting, bool occupancy = true, bool trace = false)
    {
        var o = TransportCases.Fig2AllKernels(400, 12);
        o.SampleCount = 12;
        o.TrackOccupancy = occupancy;
        o.TraceEvents = trace;
        o.Dendrite.LengthUm = 6; o.Dendrite.SpineDensityPerUm = 2; o.Dendrite.SegmentCount = 3; o.Dendrite.End = end;
        foreach (var s in o.Species) { s.Initial.PositionUm = 3; s.DiffusionUm2PerMs = 1.0; }
        o.Species[0].DriftUmPerMs = 0.4;
        o.Species[1].Initial.Placement = InitialPlacement.Uniform;
        o.Species[2].Capture.Kernel = CaptureKernel.Gamma;
        return o;
    }

    private static void AssertSameTables(TransportTables a, TransportTables b)
    {
        Assert.Equal(a.Msd.Species, b.Msd.Species);
        Assert.Equal(a.Msd.TMs, b.Msd.TMs);
        Assert.Equal(a.Msd.MsdUm2, b.Msd.MsdUm2);
        Assert.Equal(a.Msd.MeanDisplacementUm, b.Msd.MeanDisplacementUm);
        Assert.Equal(a.Counts.NFree, b.Counts.NFree);
        Assert.Equal(a.Counts.NTrapped, b.Counts.NTrapped);
        Assert.Equal(a.Counts.NReacted, b.Counts.NReacted);
        Assert.Equal(a.Counts.NAbsorbed, b.Counts.NAbsorbed);
        Assert.Equal(a.Transitions, b.Transitions);
        Assert.Equal(a.Exposure is null, b.Exposure is null);
        if (a.Exposure is { } ea && b.Exposure is { } eb)
        {
            Assert.Equal(ea.Spine, eb.Spine);
            Assert.Equal(ea.Arrivals, eb.Arrivals);
            Assert.Equal(ea.MeanOccupancy, eb.MeanOccupancy);
            Assert.Equal(ea.PeakOccupancy, eb.PeakOccupancy);
            Assert.Equal(ea.Occupancy, eb.Occupancy);
            Assert.Equal(ea.IntegralParticleMs, eb.IntegralParticleMs);
        }
        if (a.Trace is { } ta && b.Trace is { } tb)
        {
            Assert.Equal(ta.TMs, tb.TMs);
            Assert.Equal(ta.Particle, tb.Particle);
            Assert.Equal(ta.Kind, tb.Kind);
        }
    }

    [Theory]
    [InlineData(EndCondition.Reflecting)]
    [InlineData(EndCondition.Absorbing)]
    [InlineData(EndCondition.Periodic)]
    public void ActorsGiveExactlyThePlainEngineResults(EndCondition end)
    {
        var plain = TransportRun.Run(MixedRun(end), 31, threads: 2);
        var actors = TransportActorRun.Run(MixedRun(end), 31, threads: 2);
        AssertSameTables(plain, actors);
        Assert.True(plain.Transitions.Captures > 100);
    }

    [Fact]
    public void TraceModeEventsAreTheSame()
    {
        var plain = TransportRun.Run(MixedRun(trace: true), 8, threads: 1);
        var actors = TransportActorRun.Run(MixedRun(trace: true), 8, threads: 2);
        Assert.NotEmpty(plain.Trace!.TMs);
        AssertSameTables(plain, actors);
    }

    [Fact]
    public void ResultsDoNotDependOnTheThreadCount()
    {
        var one = TransportActorRun.Run(MixedRun(), 12, threads: 1);
        var two = TransportActorRun.Run(MixedRun(), 12, threads: 2);
        var four = TransportActorRun.Run(MixedRun(), 12, threads: 4);
        AssertSameTables(one, two);
        AssertSameTables(one, four);
    }

    [Fact]
    public void CountsAreConservedExactlyExceptForTheReaction()
    {
        var o = MixedRun(EndCondition.Reflecting);
        var t = TransportActorRun.Run(o, 5, threads: 2);
        var c = t.Counts;
        for (int r = 0; r < c.Species.Count; r++)
        {
            int n = o.Species.First(s => s.Name == c.Species[r]).ParticleCount;
            Assert.Equal(0, c.NAbsorbed[r]); // reflecting ends lose nothing
            Assert.Equal(n, c.NFree[r] + c.NTrapped[r] + c.NReacted[r]);
        }
        Assert.Equal(t.Transitions.Reactions, c.NReacted.Where((_, r) => c.TMs[r] == o.DurationMs).Sum());
        Assert.True(t.Transitions.Reactions > 0);
        // without the reaction nothing is lost at all
        foreach (var s in o.Species) s.ReactionRatePerMs = 0;
        var closed = TransportActorRun.Run(o, 5, threads: 2).Counts;
        for (int r = 0; r < closed.Species.Count; r++) Assert.Equal(400, closed.NFree[r] + closed.NTrapped[r]);
    }

    [Fact]
    public void ExchangeIsBatchedPerReceiverAndStep()
    {
        var o = MixedRun(occupancy: false);
        var t = TransportActorRun.Run(o, 6, threads: 2, out var stats);
        int actors = stats.TransportActors, steps = o.SampleCount + 1;
        // at most one batch per (sender, receiver) pair per step, plus one report per actor per step
        long bound = (long)steps * actors * (actors + 1);
        Assert.True(stats.MessagesDelivered <= bound);
        Assert.True(stats.MessagesDelivered < t.Transitions.Captures + t.Transitions.Releases, $"{stats.MessagesDelivered} messages for {t.Transitions.Captures + t.Transitions.Releases} transitions");
        Assert.Equal(0, stats.DeadLetters);
    }

    [Fact]
    public void SpineReleasesItsParticleToTheSegmentAtItsPosition()
    {
        // one trapped particle whose release falls in the first step: the spine hands it to a segment in one batch
        var o = MixedRun(occupancy: false);
        o.Species[2].ReactionRatePerMs = 0; // nothing may vanish
        var model = new SpeciesModel(o.Species[2], 2, o.Dendrite, 3);
        var directory = new TransportDirectory([model, model, model], [0.0, 1000.0, 2000.0], false, false);
        using var kit = new Kit(threads: 1);
        var segment = kit.CreateTestProbe("segment");
        var collector = kit.CreateTestProbe("collector");
        var trapped = new ParticleRecord(0, 1.2, 1.2, 0, 0.5, 0, model.Dendrite.SpineOf(1.2), ParticleState.Trapped, false, 0, 0);
        directory.Collector = collector;
        directory.Segments = [segment, segment, segment];
        var spine = kit.ActorOfAsTestActorRef<SpineActor>(Props.Create(() => new SpineActor(directory, trapped.Spine, [new SpeciesParticle(2, trapped)])), "spine");
        directory.Spines = Enumerable.Repeat<IActorRef>(spine, model.Dendrite.SpineCount).ToArray();
        Assert.Equal(1, spine.UnderlyingActor.Occupancy(2));
        kit.RunSteps(1);
        var report = collector.ExpectMsg<SampleReport>(r => r.Sample == 0);
        Assert.Equal(1, report.Observations[2].Trapped);
        // within 1000 ms the particle is released and recaptured many times; wherever it ends, it is not lost
        var held = spine.UnderlyingActor.Occupancy(2);
        int handedOver = 0;
        while (segment.Pending.Count > 0) handedOver += segment.ExpectMsg<TransportBatch>().Particles.Count;
        Assert.Equal(1, held + handedOver);
    }
}
