namespace AgentSpines.Actors;

/// <summary>A ref that stands for another (test probes, test actor refs); the system acts on the inner one.</summary>
internal interface IWrapsActorRef
{
    IActorRef Inner { get; }
}

internal static class ActorRefs
{
    public static ActorCell? Cell(IActorRef? r)
    {
        while (r is IWrapsActorRef w) r = w.Inner;
        return r as ActorCell;
    }
}
