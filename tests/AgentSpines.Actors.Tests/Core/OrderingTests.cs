using AgentSpines.Actors.TestKit;

namespace AgentSpines.Actors.Tests.Core;

public class OrderingTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(8)]
    public void MessagesArriveSortedBySenderIdThenSequence(int threads)
    {
        using var kit = new TestKit.TestKit(threads);
        var probe = kit.CreateTestProbe();
        // Senders created in descending id order: delivery order must still be by id.
        var senders = Enumerable.Range(0, 100).Select(i => kit.ActorOf(Props.Create(() => new CounterActor()), $"s{i}", (ulong)(10_000 - i))).ToList();
        foreach (var s in senders) s.Tell(new SendTo(probe, new Ping((int)s.Id), 3));
        var got = new List<(ulong, int)>();
        for (int i = 0; i < 300; i++)
        {
            var p = probe.ExpectMsg<Ping>();
            got.Add((probe.LastSender!.Id, p.N));
        }
        var expected = senders.Select(s => s.Id).OrderBy(x => x).SelectMany(id => Enumerable.Repeat((id, (int)id), 3)).ToList();
        Assert.Equal(expected, got);
    }

    [Fact]
    public void ExternalMessagesComeFromTheSystem()
    {
        using var kit = new TestKit.TestKit();
        var probe = kit.CreateTestProbe();
        var a = kit.ActorOf(Props.Create(() => new CounterActor()), "a");
        probe.Send(a, new Ping(7));
        Assert.Equal(7, probe.ExpectMsg<Pong>().N);
        Assert.Equal(a.Id, probe.LastSender!.Id);
        probe.ExpectNoMsg(3);
    }

    [Fact]
    public void UnhandledMessagesAreCounted()
    {
        using var kit = new TestKit.TestKit();
        var a = kit.ActorOf(Props.Create(() => new CounterActor()), "a");
        a.Tell("not a known message");
        kit.Sys.DrainMessages();
        Assert.Equal(1, kit.Sys.Unhandled);
    }
}
