using AgentSpines.Actors.Population;
using AgentSpines.Actors.Tests.Population;
using AgentSpines.Core.Identity;
using AgentSpines.Physics.Transport;
using Akka.Actor;
using Akka.TestKit.Xunit2;

namespace AgentSpines.Actors.Tests.Engine;

/// <summary>The exchange actor moves a dendrite's particles exactly as the plain Physics DendriteExchange does, with the roster it is told.</summary>
public sealed class ExchangeActorTests : SlowMachineTestKit
{
    private static DendriteExchange[] Species(ulong seed)
    {
        var config = EngineFixtures.Config("prp_tagging.json");
        return config.Exchange.Species.Select((s, i) => new DendriteExchange(s, i, config.Dendrites.LengthUm, config.Exchange.End, seed)).ToArray();
    }

    private static readonly ulong Segment0 = SpineId.SegmentIdOf(0, 0), Segment1 = SpineId.SegmentIdOf(0, 1);

    private static RosterChange[] Initial() =>
    [
        new(Segment0, Enumerable.Range(0, 12).Select(i => (SpineId.Of(Segment0, (uint)i).Value, 0.8 * i + 0.3)).ToArray(), []),
        new(Segment1, Enumerable.Range(0, 12).Select(i => (SpineId.Of(Segment1, (uint)i).Value, 10 + 0.8 * i + 0.1)).ToArray(), []),
    ];

    [Fact]
    public void ExposuresAndRowsEqualThePlainPhysicsAndFollowTheRoster()
    {
        var exchange = Sys.ActorOf(Props.Create(() => new ExchangeActor(0, Species(77), 0, 5.0, false)));
        var plain = Species(77);
        var roster = Initial().SelectMany(r => r.Added).OrderBy(s => s.PositionUm).ToList();
        var removed = roster[5].SpineId;
        int withExposure = 0;
        for (int k = 0; k < 12; k++)
        {
            var changes = k == 0 ? Initial() : k == 6 ? [new RosterChange(Segment0, [], [removed])] : [];
            if (k == 6) roster.RemoveAll(s => s.SpineId == removed);
            if (k == 0 || k == 6)
                foreach (var sp in plain) sp.SetSpines(roster.Select(s => s.SpineId).ToArray(), roster.Select(s => s.PositionUm).ToArray(), k * 3.6e6);
            foreach (var sp in plain) sp.Advance(k * 3.6e6, (k + 1) * 3.6e6);

            exchange.Tell(new StepExchange(k, k, 1, changes), TestActor);
            var m = ExpectMsg<ExchangeStepped>();
            Assert.Equal(k, m.Step);
            Assert.Equal(0, m.Dendrite);
            var expectedPrp = new Dictionary<ulong, double>();
            var o = plain[0].Occupancy;
            for (int i = 0; i < plain[0].SiteIds.Count; i++)
                if (o.StepMeanOccupancy[i] > 0 || o.StepArrivals[i] > 0) expectedPrp[plain[0].SiteIds[i]] = Math.Min(1, o.StepMeanOccupancy[i] / 5.0);
            var got = m.Batches.SelectMany(b => b.SpineIds.Zip(b.PrpOccupancy, (id, p) => (id, p, b.SegmentId))).ToList();
            Assert.Equal(expectedPrp.Count, got.Count);
            foreach (var (id, p, seg) in got)
            {
                Assert.Equal(expectedPrp[id], p);
                Assert.Equal(new SpineId(id).SegmentId, seg); // each batch goes to the spine's own segment
            }
            Assert.True(m.Batches.Select(b => b.SegmentId).SequenceEqual(m.Batches.Select(b => b.SegmentId).Order()), "batches in segment id order");
            if (k >= 6) Assert.DoesNotContain(got, g => g.id == removed);
            Assert.All(m.Rows.Rows, r => Assert.Equal(roster.Single(s => s.SpineId == r.SpineId).PositionUm, r.PositionUm));
            withExposure += got.Count;
        }
        Assert.True(withExposure > 0, "particles reached some spines");
    }
}
