namespace AgentSpines.Actors;

/// <summary>
/// A handle to an actor: the only way to reach one. Tell never delivers immediately: the message is queued in a
/// buffer of the worker running the sender and delivered in the next round of the current step, in canonical
/// order (sender id, then send sequence), so results do not depend on thread scheduling.
/// </summary>
public interface IActorRef
{
    /// <summary>Unique, deterministic id; the sort key of canonical delivery order.</summary>
    ulong Id { get; }

    /// <summary>Human-readable path, e.g. "/user/dendrite-0/segment-3".</summary>
    string Path { get; }

    bool IsStopped { get; }

    /// <summary>Sends a message. Inside an actor the sender is that actor; outside, the system (id 0).</summary>
    void Tell(object message);
}
