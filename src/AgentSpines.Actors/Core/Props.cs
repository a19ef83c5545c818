namespace AgentSpines.Actors;

/// <summary>
/// How to make an actor: a factory the system calls on creation and again on restart, so a restarted actor
/// starts from the same recipe. Props never hold a live actor.
/// </summary>
public sealed class Props
{
    private readonly Func<ActorBase> _factory;

    public Type ActorType { get; }

    private Props(Type type, Func<ActorBase> factory)
    {
        ActorType = type;
        _factory = factory;
    }

    public static Props Create<T>(Func<T> factory) where T : ActorBase => new(typeof(T), factory);

    public static Props Create<T>() where T : ActorBase, new() => new(typeof(T), () => new T());

    internal ActorBase NewActor() => _factory();
}
