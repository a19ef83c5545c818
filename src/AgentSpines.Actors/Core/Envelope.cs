namespace AgentSpines.Actors;

/// <summary>A queued message: its target, and the target's partition (the worker that will run it), copied at send time.</summary>
internal readonly struct Envelope(ActorCell target, object message, int partition)
{
    public readonly ActorCell Target = target;
    public readonly object Message = message;
    public readonly int Partition = partition;
}
