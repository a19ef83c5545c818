namespace AgentSpines.Actors;

/// <summary>The parts of a round: running actors in parallel, delivery in canonical order, bookkeeping between rounds.</summary>
public sealed partial class ActorSystem
{
    private readonly List<ActorCell> _senders = new();
    private List<ActorCell> _receivers = new();

    private void RunParallel(List<ActorCell> cells, Action<ActorCell> body)
    {
        void Run(ActorCell cell)
        {
            if (cell.Stopped || cell.Actor is null) return;
            _current = cell;
            try { body(cell); }
            catch (Exception e) { cell.PendingFailure ??= (e, null); }
            finally { _current = null; cell.CurrentSender = null; }
        }

        if (Threads == 1 || cells.Count < 64)
        {
            foreach (var c in cells) Run(c);
            return;
        }
        int chunks = Math.Min(cells.Count, Threads * 8);
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = Threads }, k =>
        {
            int lo = (int)((long)cells.Count * k / chunks), hi = (int)((long)cells.Count * (k + 1) / chunks);
            for (int i = lo; i < hi; i++) Run(cells[i]);
        });
    }

    private void ProcessInbox(ActorCell cell)
    {
        var inbox = cell.Inbox!;
        int i = 0;
        try
        {
            for (; i < inbox.Count; i++)
            {
                var (sender, message) = inbox[i];
                cell.CurrentSender = sender;
                if (!cell.Actor!.InvokeReceive(message)) Interlocked.Increment(ref _unhandled);
                if (cell.Stopped || cell.StopRequested) { i++; break; }
            }
        }
        catch (Exception e)
        {
            cell.PendingFailure = (e, inbox[i].Message);
            i++; // the failing message is dropped; the rest stay queued for the next round
        }
        finally
        {
            if (i >= inbox.Count) inbox.Clear();
            else inbox.RemoveRange(0, i);
        }
    }

    /// <summary>
    /// Moves every outbox into the target inboxes. Senders are visited in ascending id, each outbox in send
    /// order, so every inbox ends sorted by (sender id, sequence) whatever thread ran the senders.
    /// </summary>
    private List<ActorCell> Deliver()
    {
        _senders.Clear();
        if (External.Outbox is { Count: > 0 }) _senders.Add(External);
        foreach (var c in _registry.Values) if (c.Outbox is { Count: > 0 }) _senders.Add(c);
        foreach (var c in _stoppedWithOutbox) if (c.Outbox is { Count: > 0 }) _senders.Add(c);
        _stoppedWithOutbox.Clear();
        if (_root.Outbox is { Count: > 0 }) _senders.Add(_root);
        _senders.Sort(static (a, b) => a.Id.CompareTo(b.Id));
        var receivers = _receivers;
        receivers.Clear();
        foreach (var s in _senders)
        {
            foreach (var (target, message) in s.Outbox!)
            {
                if (target.Stopped || target.Actor is null) { _deadLetters++; continue; }
                var inbox = target.Inbox ??= new List<(ActorCell, object)>();
                inbox.Add((s, message));
                _delivered++;
                if (!target.Queued) { target.Queued = true; receivers.Add(target); }
            }
            s.Outbox.Clear();
        }
        foreach (var r in receivers) r.Queued = false;
        // Keep receivers with leftover messages from a failure round too.
        foreach (var c in _pendingLeftovers) if (!c.Stopped && c.Inbox is { Count: > 0 } && !receivers.Contains(c)) receivers.Add(c);
        _pendingLeftovers.Clear();
        return receivers;
    }

    private readonly List<ActorCell> _stoppedWithOutbox = new();
    private readonly List<ActorCell> _pendingLeftovers = new();

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
                (p.ChildList ??= new List<ActorCell>()).Add(child);
                if (child.Actor is IStepped) _steppedDirty = true;
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
        if (cell.Outbox is { Count: > 0 }) _stoppedWithOutbox.Add(cell); // what it sent before stopping still goes out
        _registry.Remove(cell.Id);
        cell.ParentCell?.ChildList?.Remove(cell);
        if (cell.Actor is IStepped) _steppedDirty = true;
        cell.Actor = null;
    }
}
