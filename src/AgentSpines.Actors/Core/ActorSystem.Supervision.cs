namespace AgentSpines.Actors;

/// <summary>Supervision: failures collected during a round are decided by the parents, in actor-id order.</summary>
public sealed partial class ActorSystem
{
    private readonly List<ActorCell> _failed = new();
    private readonly object _failLock = new();

    /// <summary>Records an actor's first failure of the round; its supervisor decides at the end of the round.</summary>
    private void NoteFailure(ActorCell cell, Exception e, object? message)
    {
        if (cell.PendingFailure != null) return;
        cell.PendingFailure = (e, message);
        lock (_failLock) _failed.Add(cell);
    }

    private void HandleFailures()
    {
        if (_failed.Count == 0) return;
        _failed.Sort(static (a, b) => a.Id.CompareTo(b.Id));
        foreach (var cell in _failed)
        {
            var (error, _) = cell.PendingFailure!.Value;
            cell.PendingFailure = null;
            Supervise(cell, error);
        }
        _failed.Clear();
    }

    private void Supervise(ActorCell cell, Exception error)
    {
        var parent = cell.ParentCell ?? _root;
        var strategy = parent == _root ? RootStrategy : parent.Actor?.StrategyForChildren ?? SupervisorStrategy.Default;
        Directive directive;
        try { directive = strategy.Decider(error); }
        catch (Exception e) { directive = Directive.Escalate; error = e; }
        if (directive == Directive.Restart && cell.Restarts >= strategy.MaxRestarts) directive = Directive.Stop;
        _failures.Add(new FailureRecord(CurrentStep.Index, CurrentStep.StartH, cell.Id, cell.Path, error.GetType().Name, error.Message, directive));
        switch (directive)
        {
            case Directive.Resume:
                if (cell.Inbox is { Count: > 0 }) _pendingLeftovers.Add(cell);
                break;
            case Directive.Restart:
                Restart(cell, error);
                break;
            case Directive.Stop:
                RequestStop(cell);
                break;
            case Directive.Escalate:
                if (parent == _root)
                    throw new ActorSystemFailedException($"actor {cell.Path} failed at step {CurrentStep.Index} (t = {CurrentStep.StartH} h) and the run cannot go on: {error.GetType().Name}: {error.Message}", error);
                Supervise(parent, error);
                break;
        }
    }

    private void Restart(ActorCell cell, Exception reason)
    {
        cell.Restarts++;
        if (cell.ChildList != null) foreach (var child in cell.ChildList.ToList()) StopTree(child);
        var old = cell.Actor;
        var previous = _current;
        _current = cell;
        try { old?.InvokePostStop(); } catch (Exception) { /* the old instance is being discarded */ }
        finally { _current = previous; }
        _current = cell;
        try
        {
            var fresh = cell.Props!.NewActor();
            fresh.Attach(cell);
            cell.Actor = fresh;
            fresh.InvokePostRestart(reason);
        }
        catch (Exception e)
        {
            _failures.Add(new FailureRecord(CurrentStep.Index, CurrentStep.StartH, cell.Id, cell.Path, e.GetType().Name, "restart failed: " + e.Message, Directive.Stop));
            RequestStop(cell);
        }
        finally { _current = previous; }
        if (old is IStepped || cell.Actor is IStepped) _steppedDirty = true; // the stepped set holds the old instance
        if (cell.Inbox is { Count: > 0 }) _pendingLeftovers.Add(cell);
    }

    private sealed class GuardianActor : ActorBase
    {
        protected override bool OnReceive(object message) => false;
    }
}
