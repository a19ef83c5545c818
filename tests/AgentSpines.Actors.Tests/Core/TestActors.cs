using AgentSpines.Actors;

namespace AgentSpines.Actors.Tests.Core;

public sealed record Ping(int N);
public sealed record Pong(int N);
public sealed record Fail(string Why);
public sealed record GetCount;
public sealed record Count(int N);
public sealed record SendTo(IActorRef Target, object Message, int Times);

/// <summary>Counts pings, replies with a pong, throws on Fail. State resets on restart.</summary>
public sealed class CounterActor : ReceiveActor
{
    public int Pings;

    public CounterActor()
    {
        Receive<Ping>(p => { Pings++; Sender.Tell(new Pong(p.N)); });
        Receive<Fail>(f => throw new InvalidOperationException(f.Why));
        Receive<GetCount>(_ => Sender.Tell(new Count(Pings)));
        Receive<SendTo>(s => { for (int i = 0; i < s.Times; i++) s.Target.Tell(s.Message); });
    }
}

/// <summary>A parent whose strategy is given; creates one CounterActor child at start.</summary>
public sealed class ParentActor(SupervisorStrategy strategy, IActorRef probe) : ActorBase
{
    public IActorRef? Child;

    protected override void PreStart()
    {
        Child = Context.ActorOf(Props.Create(() => new CounterActor()), 5000 + Self.Id, "child");
        probe.Tell(Child);
    }

    protected override SupervisorStrategy SupervisorStrategy => strategy;

    protected override bool OnReceive(object message)
    {
        Child!.Tell(message);
        return true;
    }
}
