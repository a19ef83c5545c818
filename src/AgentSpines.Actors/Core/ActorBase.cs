namespace AgentSpines.Actors;

/// <summary>
/// Base of every actor. Subclasses keep private state and handle one message at a time in
/// <see cref="OnReceive"/>; the system never runs one actor on two threads at once.
/// </summary>
public abstract class ActorBase
{
    private ActorCell? _cell;

    internal void Attach(ActorCell cell) => _cell = cell;

    // The system calls the protected hooks through these, so subclasses in any assembly override plain `protected`.
    internal bool InvokeReceive(object message) => OnReceive(message);
    internal void InvokePreStart() => PreStart();
    internal void InvokePostStop() => PostStop();
    internal void InvokePostRestart(Exception reason) => PostRestart(reason);
    internal SupervisorStrategy StrategyForChildren => SupervisorStrategy;

    protected IActorContext Context => _cell ?? throw new InvalidOperationException("actor is not attached to a system");
    protected IActorRef Self => Context.Self;
    protected IActorRef Sender => Context.Sender;

    /// <summary>Handles one message. Return false for a message the actor does not handle (counted as unhandled).</summary>
    protected abstract bool OnReceive(object message);

    protected virtual void PreStart() { }
    protected virtual void PostStop() { }
    /// <summary>Called on the new instance after a restart, before it receives messages.</summary>
    protected virtual void PostRestart(Exception reason) => PreStart();

    /// <summary>The policy this actor applies to its children.</summary>
    protected virtual SupervisorStrategy SupervisorStrategy => Actors.SupervisorStrategy.Default;
}

/// <summary>
/// An actor with typed handlers registered in its constructor, as in Akka's ReceiveActor:
/// <c>Receive&lt;Capture&gt;(OnCapture);</c>. The first handler whose type matches (and predicate passes) runs.
/// </summary>
public abstract class ReceiveActor : ActorBase
{
    private (Type Type, Func<object, bool> Handler)[] _handlers = [];

    protected void Receive<T>(Action<T> handler, Func<T, bool>? when = null)
    {
        Func<object, bool> h = when is null
            ? m => { handler((T)m); return true; }
            : m => { var t = (T)m; if (!when(t)) return false; handler(t); return true; };
        _handlers = [.. _handlers, (typeof(T), h)];
    }

    protected sealed override bool OnReceive(object message)
    {
        var type = message.GetType();
        foreach (var (t, h) in _handlers)
            if (t.IsAssignableFrom(type) && h(message)) return true;
        return false;
    }
}
