using AgentSpines.Core.Random;

namespace AgentSpines.Actors.Tests.Core;

/// <summary>
/// A random message graph: every actor, on each message, draws from its own stream and forwards to random
/// peers, accumulating a hash of what it received in order. The final hashes must not depend on threads.
/// </summary>
public class DeterminismTests
{
    private sealed record Token(int Hops, ulong Payload);

    private sealed class GossipActor(ulong seed, Func<int, IActorRef> peer, int peers) : ActorBase, IStepped
    {
        public ulong Hash = 1469598103934665603UL;
        private RandomStream? _rng;

        protected override void PreStart() => _rng = new RandomStream(seed, Self.Id, StreamId.FirstFree);

        public void OnStep(in StepInfo step) => peer(_rng!.NextInt(peers)).Tell(new Token(3, _rng.NextUInt64()));

        protected override bool OnReceive(object message)
        {
            var t = (Token)message;
            Hash = (Hash ^ t.Payload ^ Sender.Id) * 1099511628211UL;
            if (t.Hops > 0)
                for (int i = 0, n = _rng!.NextInt(3); i < n; i++) peer(_rng.NextInt(peers)).Tell(new Token(t.Hops - 1, Hash));
            return true;
        }
    }

    private static ulong[] Run(int threads)
    {
        using var kit = new TestKit.TestKit(threads);
        const int n = 300;
        var refs = new IActorRef[n];
        var actors = new GossipActor[n];
        for (int i = 0; i < n; i++)
        {
            int k = i;
            refs[i] = kit.ActorOf(Props.Create(() => actors[k] = new GossipActor(99, j => refs[j], n)), $"g{i}", (ulong)(1000 + 7919 * i % 3001));
        }
        kit.RunSteps(20);
        return actors.Select(a => a.Hash).ToArray();
    }

    [Fact]
    public void SameResultOnOneTwoAndEightThreads()
    {
        var one = Run(1);
        Assert.Equal(one, Run(2));
        Assert.Equal(one, Run(8));
        Assert.True(one.Distinct().Count() > 250, "the graph must actually exchange messages");
    }
}
