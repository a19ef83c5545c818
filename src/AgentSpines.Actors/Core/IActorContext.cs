namespace AgentSpines.Actors;

/// <summary>What an actor sees of the system while it handles a message or a step.</summary>
public interface IActorContext
{
    IActorRef Self { get; }
    /// <summary>The sender of the current message (the system's ref, id 0, for messages from outside).</summary>
    IActorRef Sender { get; }
    IActorRef? Parent { get; }
    ActorSystem System { get; }
    /// <summary>The step being run.</summary>
    StepInfo Step { get; }
    IReadOnlyCollection<IActorRef> Children { get; }

    /// <summary>Creates a child with an explicit, unique, deterministic id (domain ids such as spine ids).</summary>
    IActorRef ActorOf(Props props, ulong id, string name);

    /// <summary>Creates a child whose id is derived from the parent's id and its child counter.</summary>
    IActorRef ActorOf(Props props, string name);

    /// <summary>Stops an actor (this one or a child) at the end of the current round.</summary>
    void Stop(IActorRef actor);
}
