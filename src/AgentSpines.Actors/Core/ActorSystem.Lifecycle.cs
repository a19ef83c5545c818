namespace AgentSpines.Actors;

/// <summary>Creations and stops: requested during a round, applied between rounds in actor-id order.</summary>
public sealed partial class ActorSystem
{
    private void EndOfRound()
    {
        ApplyCreations();
        HandleFailures();
        ApplyStops();
    }

    internal IActorRef CreateChild(ActorCell parent, Props props, ulong id, string name)
    {
        if (id <= 1) throw new ArgumentOutOfRangeException(nameof(id), id, "actor ids 0 and 1 are reserved for the system");
        if (parent.Stopped) throw new InvalidOperationException($"{parent.Path} is stopped and cannot create children");
        var cell = new ActorCell(this, parent, props, id, name);
        StartActor(cell);
        (parent.NewChildren ??= new List<ActorCell>()).Add(cell);
        lock (_createLock) _createdThisRound.Add(parent);
        return cell;
    }

    private static void StartActor(ActorCell cell)
    {
        var previous = _current;
        _current = cell;
        try
        {
            var actor = cell.Props!.NewActor();
            actor.Attach(cell);
            cell.Actor = actor;
            actor.InvokePreStart();
        }
        finally { _current = previous; }
    }

    private void ApplyCreations()
    {
        if (_createdThisRound.Count == 0) return;
        var parents = _createdThisRound.Distinct().OrderBy(p => p.Id).ToList();
        _createdThisRound.Clear();
        foreach (var p in parents)
        {
            foreach (var child in p.NewChildren!)
            {
                if (!_registry.TryAdd(child.Id, child))
                    throw new ActorSystemFailedException($"actor id {child.Id} of {child.Path} is already used by {_registry[child.Id].Path}", new InvalidOperationException("duplicate actor id"));
                // Partition by registration order, which is deterministic; it only decides which worker runs
                // an actor, never the order in which an actor sees its messages.
                child.Partition = (int)(_registrations++ / PartitionBlock % (ulong)Threads);
                (p.ChildList ??= new List<ActorCell>()).Add(child);
                if (child.Actor is IStepped) _stepped.Add(child);
            }
            p.NewChildren.Clear();
        }
    }

    internal void RequestStop(ActorCell cell)
    {
        cell.StopRequested = true;
        lock (_stopLock) _stopRequests.Add(cell);
    }

    private void ApplyStops()
    {
        if (_stopRequests.Count == 0) return;
        foreach (var c in _stopRequests.OrderBy(c => c.Id).ToList()) StopTree(c);
        _stopRequests.Clear();
    }

    private void StopTree(ActorCell cell)
    {
        if (cell.Stopped) return;
        if (cell.ChildList != null) foreach (var child in cell.ChildList.ToList()) StopTree(child);
        cell.Stopped = true;
        var previous = _current;
        _current = cell;
        try { cell.Actor?.InvokePostStop(); }
        catch (Exception) { /* a failing PostStop cannot stop a stop */ }
        finally { _current = previous; }
        if (cell.Inbox is { Count: > 0 }) { _deadLetters += cell.Inbox.Count; cell.Inbox.Clear(); }
        // What it sent before stopping still goes out: it is already on the list of noted senders.
        _registry.Remove(cell.Id);
        cell.ParentCell?.ChildList?.Remove(cell);
        if (cell.Actor is IStepped) _stepped.Remove(cell.Id);
        cell.Actor = null;
    }
}
