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

    public sealed class StepCounter : ActorBase, IStepped
    {
        public int Steps;
        public double LastStartH;
        public void OnStep(in StepInfo step) { Steps++; LastStartH = step.StartH; }
        protected override bool OnReceive(object message) => false;
    }
}
