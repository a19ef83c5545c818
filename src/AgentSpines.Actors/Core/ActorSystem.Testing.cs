namespace AgentSpines.Actors;

/// <summary>Hooks for the test kit: reach an actor's instance, and act on its behalf outside a round.</summary>
public sealed partial class ActorSystem
{
    internal ActorBase? ActorInstance(IActorRef r) => ActorRefs.Cell(r) is { } c && c.Sys == this ? c.Actor : null;

    internal void SendAs(IActorRef from, IActorRef target, object message)
    {
        if (ActorRefs.Cell(from) is not { } f || ActorRefs.Cell(target) is not { } t) throw new ArgumentException("not actors of this system");
        Enqueue(f, t, message);
    }

    internal bool ReceiveNow(IActorRef r, object message, IActorRef? sender)
    {
        if (ActorRefs.Cell(r) is not { } c || c.Actor is null) throw new InvalidOperationException($"{r.Path} is not running");
        var previous = _current;
        _current = c;
        var previousSender = _currentSender;
        _currentSender = ActorRefs.Cell(sender) ?? External;
        try { return c.Actor.InvokeReceive(message); }
        finally { _current = previous; _currentSender = previousSender; }
    }
}
