namespace AgentSpines.Actors;

/// <summary>
/// The parts of a round. Delivery needs no serial pass: each worker k scans every outbox of the previous round,
/// senders in ascending id and each outbox in send order, and runs the messages whose target lies in its
/// partition k. So every actor sees its messages in canonical order, and no two workers touch one actor.
/// </summary>
public sealed partial class ActorSystem
{
    private const int PartitionBlock = 64; // neighbours registered together share a worker: no false sharing
    private readonly List<ActorCell> _senders = new();
    private readonly List<ActorCell> _pendingLeftovers = new();
    private long[] _workerDelivered = new long[1], _workerDead = new long[1], _workerUnhandled = new long[1];

    private void RunParallel(List<ActorCell> cells, Action<ActorCell> body)
    {
        void Run(ActorCell cell)
        {
            if (cell.Stopped || cell.Actor is null) return;
            _current = cell;
            try { body(cell); }
            catch (Exception e) { NoteFailure(cell, e, null); }
            finally { _current = null; }
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

    /// <summary>Senders of the current round, noted at their first Tell (any thread).</summary>
    private readonly System.Collections.Concurrent.ConcurrentQueue<ActorCell> _noted = new();

    internal void NoteSender(ActorCell cell) => _noted.Enqueue(cell);

    /// <summary>Swaps every non-empty outbox into its draining slot; returns false when nothing is pending.</summary>
    private bool CollectSenders()
    {
        _senders.Clear();
        while (_noted.TryDequeue(out var c))
        {
            if (c.Outbox is not { Count: > 0 }) continue; // noted twice, or already taken
            var spare = c.Draining;
            spare?.Clear();
            c.Draining = c.Outbox;
            c.Outbox = spare;
            _senders.Add(c);
        }
        SortById(_senders);
        return _senders.Count > 0 || _pendingLeftovers.Count > 0;
    }

    private ulong[] _sortKeys = new ulong[64];
    private ActorCell[] _sortItems = new ActorCell[64];

    /// <summary>Sorts cells by id through a key array (no comparison delegate): senders are sorted every round.</summary>
    private void SortById(List<ActorCell> cells)
    {
        int n = cells.Count;
        if (n < 2) return;
        if (_sortKeys.Length < n) { _sortKeys = new ulong[n * 2]; _sortItems = new ActorCell[n * 2]; }
        for (int i = 0; i < n; i++) { _sortKeys[i] = cells[i].Id; _sortItems[i] = cells[i]; }
        Array.Sort(_sortKeys, _sortItems, 0, n);
        for (int i = 0; i < n; i++) cells[i] = _sortItems[i];
        Array.Clear(_sortItems, 0, n);
    }

    private void RunMessageRound()
    {
        int workers = Threads;
        if (_workerDelivered.Length != workers)
        {
            _workerDelivered = new long[workers]; _workerDead = new long[workers]; _workerUnhandled = new long[workers];
        }
        var leftovers = _pendingLeftovers.OrderBy(c => c.Id).ToList();
        _pendingLeftovers.Clear();
        if (workers == 1) RunPartition(0, 1, leftovers);
        else Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, k => RunPartition(k, workers, leftovers));
        for (int k = 0; k < workers; k++)
        {
            _delivered += _workerDelivered[k]; _deadLetters += _workerDead[k]; _unhandled += _workerUnhandled[k];
            _workerDelivered[k] = _workerDead[k] = _workerUnhandled[k] = 0;
        }
        foreach (var s in _senders) s.Draining!.Clear();
    }

    private void RunPartition(int k, int workers, List<ActorCell> leftovers)
    {
        long delivered = 0, dead = 0, unhandled = 0;
        // Messages held over from a failure come first: they were sent before anything in this round.
        foreach (var cell in leftovers)
        {
            if (cell.Partition != k) continue;
            var held = cell.Inbox!.ToArray();
            cell.Inbox.Clear();
            foreach (var (sender, message) in held) Handle(cell, sender, message, ref delivered, ref dead, ref unhandled);
        }
        foreach (var sender in _senders)
        {
            var box = sender.Draining!;
            for (int i = 0; i < box.Count; i++)
            {
                var env = box[i];
                if (env.Partition != k) continue;
                Handle(env.Target, sender, env.Message, ref delivered, ref dead, ref unhandled);
            }
        }
        _current = null;
        _currentSender = null;
        _workerDelivered[k] = delivered; _workerDead[k] = dead; _workerUnhandled[k] = unhandled;
    }

    private void Handle(ActorCell target, ActorCell sender, object message, ref long delivered, ref long dead, ref long unhandled)
    {
        if (target.Stopped || target.StopRequested || target.Actor is null) { dead++; return; }
        if (target.PendingFailure != null)
        {
            // The actor failed earlier in this round: keep the rest for after its supervisor has decided.
            (target.Inbox ??= new List<(ActorCell, object)>()).Add((sender, message));
            return;
        }
        delivered++;
        _current = target;
        _currentSender = sender;
        try
        {
            if (!target.Actor.InvokeReceive(message)) unhandled++;
        }
        catch (Exception e)
        {
            NoteFailure(target, e, message);
        }
    }

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
                if (child.Actor is IStepped) _steppedAdded.Add(child);
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
        if (cell.Actor is IStepped) _steppedRemoved = true;
        cell.Actor = null;
    }
}
