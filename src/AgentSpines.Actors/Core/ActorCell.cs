namespace AgentSpines.Actors;

/// <summary>
/// The system's record of one actor: identity, hierarchy, lifecycle flags. It doubles as the actor's
/// reference and context so an idle actor costs one small object beyond its own state. Messages wait in the
/// system's per-worker buffers, not in the cell.
/// </summary>
internal sealed class ActorCell : IActorRef, IActorContext
{
    internal readonly ActorSystem Sys;
    internal readonly Props? Props;
    internal ActorBase? Actor;
    internal List<ActorCell>? ChildList;
    /// <summary>Messages held over to the next round (after a failure); normally null.</summary>
    internal List<(ActorCell Sender, object Message)>? Inbox;
    /// <summary>Messages this actor has told: the second key of canonical delivery order.</summary>
    internal ulong SendCount;
    /// <summary>Which worker (0..Threads-1) runs this actor's messages: fixed at registration, blocks of neighbours share one.</summary>
    internal int Partition;
    internal List<ActorCell>? NewChildren;
    internal (Exception Error, object? Message)? PendingFailure;
    internal ulong ChildCounter;
    internal int Restarts;
    internal bool Stopped;
    internal bool StopRequested;

    public ulong Id { get; }
    public ActorCell? ParentCell { get; }
    private readonly string _name;

    internal ActorCell(ActorSystem sys, ActorCell? parent, Props? props, ulong id, string name)
    {
        Sys = sys; ParentCell = parent; Props = props; Id = id; _name = name;
    }

    public string Path => ParentCell is null ? "/" + _name : ParentCell.Path.TrimEnd('/') + "/" + _name;
    public bool IsStopped => Stopped;

    public void Tell(object message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var from = ActorSystem.Current ?? Sys.External;
        if (from.Sys != Sys) throw new InvalidOperationException("cannot tell an actor of another system");
        Sys.Enqueue(from, this, message);
    }

    // IActorContext
    public IActorRef Self => this;
    public IActorRef Sender => ActorSystem.CurrentSender ?? Sys.External;
    public IActorRef? Parent => ParentCell;
    public ActorSystem System => Sys;
    public StepInfo Step => Sys.CurrentStep;
    public IReadOnlyCollection<IActorRef> Children => (IReadOnlyCollection<IActorRef>?)ChildList ?? Array.Empty<IActorRef>();

    public IActorRef ActorOf(Props props, ulong id, string name) => Sys.CreateChild(this, props, id, name);

    public IActorRef ActorOf(Props props, string name) => Sys.CreateChild(this, props, DerivedChildId(), name);

    public void Stop(IActorRef actor)
    {
        if (ActorRefs.Cell(actor) is not { } c || c.Sys != Sys) throw new ArgumentException("not an actor of this system", nameof(actor));
        if (c != this && c.ParentCell != this) throw new InvalidOperationException($"{Path} may stop only itself or its children, not {c.Path}");
        Sys.RequestStop(c);
    }

    private ulong DerivedChildId()
    {
        ulong n = ++ChildCounter;
        // A bijective mix of (parent id, counter): distinct children of one parent never collide; across
        // parents a collision is detected by the registry.
        return AgentSpines.Core.Random.RunSeed.Mix(Id * 0x9E3779B97F4A7C15UL + n) | 1UL << 63;
    }

    public override string ToString() => Path;
}
