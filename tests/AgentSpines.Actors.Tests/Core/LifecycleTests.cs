using AgentSpines.Actors.TestKit;

namespace AgentSpines.Actors.Tests.Core;

public class LifecycleTests
{
    [Fact]
    public void ChildrenKnowTheirParentAndStopWithIt()
    {
        using var kit = new TestKit.TestKit();
        var probe = kit.CreateTestProbe();
        var parent = kit.ActorOf(Props.Create(() => new ParentActor(SupervisorStrategy.Default, probe)), "parent");
        var child = probe.ExpectMsg<IActorRef>();
        Assert.Equal("/user/parent/child", child.Path);
        kit.Sys.Stop(parent);
        Assert.True(child.IsStopped);
        child.Tell(new Ping(1));
        kit.Sys.DrainMessages();
        Assert.Equal(1, kit.Sys.DeadLetters);
    }

    [Fact]
    public void SteppedActorsAreCalledOncePerStep()
    {
        using var kit = new TestKit.TestKit(threads: 4);
        var actors = Enumerable.Range(0, 200).Select(i => kit.ActorOfAsTestActorRef<StepCounter>(Props.Create(() => new StepCounter()), $"c{i}")).ToList();
        kit.RunSteps(5);
        Assert.All(actors, a => Assert.Equal(5, a.UnderlyingActor.Steps));
        Assert.Equal(4.0, actors[0].UnderlyingActor.LastStartH);
    }

    [Fact]
    public void DuplicateIdsAreRefused()
    {
        using var kit = new TestKit.TestKit();
        kit.ActorOf(Props.Create(() => new CounterActor()), "a", 77);
        kit.ActorOf(Props.Create(() => new CounterActor()), "b", 77);
        Assert.Throws<ActorSystemFailedException>(() => kit.RunSteps(1));
    }

    [Fact]
    public void IsolatedActorHandlesMessagesSynchronously()
    {
        using var kit = new TestKit.TestKit();
        var probe = kit.CreateTestProbe();
        var a = kit.ActorOfAsTestActorRef<CounterActor>(Props.Create(() => new CounterActor()), "a");
        Assert.True(a.Receive(new Ping(3), probe));
        Assert.Equal(1, a.UnderlyingActor.Pings);
        Assert.Equal(3, probe.ExpectMsg<Pong>().N);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void SteppedActorsThatComeAndGoAreEachCalledOncePerStepInIdOrder(int threads)
    {
        // Enough actors for chunks on several threads; stops, id-interleaved newcomers and a reused id.
        var sys = new ActorSystem("stepped", threads);
        var calls = new List<ulong>[threads == 1 ? 1 : 0];
        if (threads == 1) calls[0] = new List<ulong>();
        var live = new Dictionary<ulong, (StepCounter Actor, int Since)>();
        var refs = new Dictionary<ulong, IActorRef>();
        void Create(ulong id, int step)
        {
            var a = new StepCounter { Calls = threads == 1 ? calls[0] : null };
            refs[id] = sys.ActorOf(Props.Create(() => a), id, $"a{id}");
            live[id] = (a, step);
        }
        for (ulong id = 10; id < 2010; id += 2) Create(id, 0);
        var rng = new Random(5);
        for (int step = 0; step < 60; step++)
        {
            // Stops from the second step on: an actor is registered (and can be looked up) at the first step after its creation.
            foreach (var id in live.Keys.Where(_ => step > 0 && rng.NextDouble() < 0.05).ToList())
            {
                sys.Stop(refs[id]);
                live.Remove(id);
            }
            for (int i = 0; i < 30; i++)
            {
                ulong id = (ulong)rng.Next(5, 2100);
                if (!live.ContainsKey(id) && (id % 2 == 1 || sys.Lookup(id) is null)) Create(id, step);
            }
            calls.FirstOrDefault()?.Clear();
            sys.RunStep(new StepInfo(step, step, 1));
            foreach (var (id, (a, since)) in live) Assert.True(a.Steps == step - since + 1, $"actor {id}: {a.Steps} steps, expected {step - since + 1}");
            if (threads == 1) Assert.Equal(live.Keys.Order(), calls[0]);
        }
    }

    public sealed class StepCounter : ActorBase, IStepped
    {
        public int Steps;
        public double LastStartH;
        public List<ulong>? Calls;
        public void OnStep(in StepInfo step) { Steps++; LastStartH = step.StartH; Calls?.Add(Context.Self.Id); }
        protected override bool OnReceive(object message) => false;
    }
}
