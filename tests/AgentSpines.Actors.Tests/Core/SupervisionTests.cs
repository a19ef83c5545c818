using AgentSpines.Actors.TestKit;

namespace AgentSpines.Actors.Tests.Core;

public class SupervisionTests
{
    private static (TestKit.TestKit Kit, TestProbe Probe, IActorRef Parent, IActorRef Child) Setup(SupervisorStrategy s)
    {
        var kit = new TestKit.TestKit();
        var probe = kit.CreateTestProbe();
        var parent = kit.ActorOf(Props.Create(() => new ParentActor(s, probe)), "parent");
        var child = probe.ExpectMsg<IActorRef>();
        return (kit, probe, parent, child);
    }

    [Fact]
    public void ResumeKeepsState()
    {
        var (kit, probe, _, child) = Setup(new SupervisorStrategy(_ => Directive.Resume));
        probe.Send(child, new Ping(1));
        probe.ExpectMsg<Pong>();
        probe.Send(child, new Fail("boom"));
        probe.Send(child, new GetCount());
        Assert.Equal(1, probe.ExpectMsg<Count>(withinSteps: 2).N);
        var f = Assert.Single(kit.Sys.Failures);
        Assert.Equal(Directive.Resume, f.Directive);
        Assert.Equal("boom", f.Message);
        Assert.Equal("/user/parent/child", f.ActorPath);
    }

    [Fact]
    public void RestartResetsStateAndKeepsLaterMessages()
    {
        var (kit, probe, _, child) = Setup(SupervisorStrategy.Default);
        probe.Send(child, new Ping(1));
        probe.ExpectMsg<Pong>();
        probe.Send(child, new Fail("boom"));
        probe.Send(child, new GetCount()); // same round, after the failing message: must survive the restart
        Assert.Equal(0, probe.ExpectMsg<Count>(withinSteps: 2).N);
        Assert.Equal(Directive.Restart, kit.Sys.Failures.Single().Directive);
        Assert.False(child.IsStopped);
    }

    [Fact]
    public void StopMakesLaterMessagesDeadLetters()
    {
        var (kit, probe, _, child) = Setup(SupervisorStrategy.StoppingStrategy);
        probe.Send(child, new Fail("boom"));
        kit.Sys.DrainMessages();
        Assert.True(child.IsStopped);
        probe.Send(child, new Ping(2));
        probe.ExpectNoMsg();
        Assert.Equal(1, kit.Sys.DeadLetters);
    }

    [Fact]
    public void RestartBudgetTurnsIntoStop()
    {
        var (kit, probe, _, child) = Setup(new SupervisorStrategy(_ => Directive.Restart, maxRestarts: 2));
        for (int i = 0; i < 3; i++) { probe.Send(child, new Fail("again")); kit.Sys.DrainMessages(); }
        Assert.True(child.IsStopped);
        Assert.Equal(new[] { Directive.Restart, Directive.Restart, Directive.Stop }, kit.Sys.Failures.Select(f => f.Directive));
    }

    [Fact]
    public void EscalationPastTheRootFailsTheRunWithAClearError()
    {
        var (kit, probe, _, child) = Setup(SupervisorStrategy.EscalatingStrategy);
        probe.Send(child, new Fail("segment state corrupt"));
        var e = Assert.Throws<ActorSystemFailedException>(() => kit.Sys.DrainMessages());
        Assert.Contains("/user/parent", e.Message);
        Assert.Contains("segment state corrupt", e.Message);
    }
}
