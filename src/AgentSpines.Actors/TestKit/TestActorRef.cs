namespace AgentSpines.Actors.TestKit;

/// <summary>
/// Runs one actor in isolation: its instance is reachable for state assertions, and messages can be handed to
/// it synchronously, in its own context (what it tells others is queued as usual and delivered by the kit).
/// </summary>
public sealed class TestActorRef<T> : IActorRef, IWrapsActorRef where T : ActorBase
{
    private readonly TestKit _kit;
    private readonly IActorRef _ref;

    internal TestActorRef(TestKit kit, IActorRef actorRef)
    {
        _kit = kit; _ref = actorRef;
    }

    IActorRef IWrapsActorRef.Inner => _ref;
    public ulong Id => _ref.Id;
    public string Path => _ref.Path;
    public bool IsStopped => _ref.IsStopped;
    public void Tell(object message) => _ref.Tell(message);

    public T UnderlyingActor => (T)(_kit.Sys.ActorInstance(_ref) ?? throw new TestKitAssertionException($"{Path} is stopped"));

    /// <summary>Handles one message now, synchronously, with the given sender (default: the system). Exceptions propagate.</summary>
    public bool Receive(object message, IActorRef? sender = null) => _kit.Sys.ReceiveNow(_ref, message, sender);
}
