namespace AgentSpines.Actors.TestKit;

/// <summary>
/// An actor that records every message it receives, for assertions (Akka.TestKit's TestProbe). Give its ref to
/// the actor under test as a parent, a neighbour or a recorder, then ExpectMsg / ExpectNoMsg.
/// </summary>
public sealed class TestProbe : IActorRef, IWrapsActorRef
{
    private readonly TestKit _kit;
    private readonly IActorRef _ref;
    private readonly ProbeActor _actor;

    internal TestProbe(TestKit kit, IActorRef actorRef, ProbeActor actor)
    {
        _kit = kit; _ref = actorRef; _actor = actor;
    }

    IActorRef IWrapsActorRef.Inner => _ref;
    public ulong Id => _ref.Id;
    public string Path => _ref.Path;
    public bool IsStopped => _ref.IsStopped;
    public void Tell(object message) => _ref.Tell(message);

    /// <summary>The sender of the last message taken by ExpectMsg.</summary>
    public IActorRef? LastSender { get; private set; }

    /// <summary>Every message received so far and not yet taken by an expectation.</summary>
    public IReadOnlyCollection<(IActorRef Sender, object Message)> Pending => _actor.Received;

    /// <summary>Sends a message with this probe as the sender.</summary>
    public void Send(IActorRef target, object message) => _kit.SendAs(_ref, target, message);

    /// <summary>Expects the next message to be a <typeparamref name="T"/> (matching the predicate), delivered within the given number of steps.</summary>
    public T ExpectMsg<T>(Func<T, bool>? predicate = null, int withinSteps = 1)
    {
        var (sender, message) = Next(withinSteps) ?? throw new TestKitAssertionException($"{Path}: expected a {typeof(T).Name} within {withinSteps} step(s), got nothing");
        if (message is not T typed)
            throw new TestKitAssertionException($"{Path}: expected a {typeof(T).Name}, got {message.GetType().Name}: {message}");
        if (predicate != null && !predicate(typed))
            throw new TestKitAssertionException($"{Path}: the {typeof(T).Name} received does not match: {message}");
        LastSender = sender;
        return typed;
    }

    /// <summary>Expects no message during the given number of steps.</summary>
    public void ExpectNoMsg(int steps = 1)
    {
        _kit.Sys.DrainMessages();
        for (int i = 0; i < steps && _actor.Received.Count == 0; i++) _kit.RunSteps(1);
        if (_actor.Received.TryPeek(out var m))
            throw new TestKitAssertionException($"{Path}: expected no message for {steps} step(s), got {m.Message.GetType().Name}: {m.Message}");
    }

    /// <summary>Takes messages until one of type T arrives (others are discarded), within the given steps.</summary>
    public T FishForMessage<T>(Func<T, bool>? predicate = null, int withinSteps = 10)
    {
        for (int budget = withinSteps; ;)
        {
            var next = Next(budget) ?? throw new TestKitAssertionException($"{Path}: no matching {typeof(T).Name} within {withinSteps} step(s)");
            if (next.Message is T t && (predicate is null || predicate(t))) { LastSender = next.Sender; return t; }
        }
    }

    private (IActorRef Sender, object Message)? Next(int withinSteps)
    {
        if (_actor.Received.Count == 0) _kit.Sys.DrainMessages();
        for (int i = 0; i < withinSteps && _actor.Received.Count == 0; i++) _kit.RunSteps(1);
        return _actor.Received.TryDequeue(out var m) ? m : null;
    }

    internal sealed class ProbeActor : ActorBase
    {
        public readonly Queue<(IActorRef Sender, object Message)> Received = new();

        protected override bool OnReceive(object message)
        {
            Received.Enqueue((Sender, message));
            return true;
        }
    }
}
