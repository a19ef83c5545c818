namespace AgentSpines.Actors;

/// <summary>
/// The parts of a round. A Tell appends to the message buffer of the worker running the sender (no lock), in the
/// part for the target's partition. Delivery needs no serial pass: worker k takes part k of every buffer of the
/// previous round, puts it in canonical order (sender id, then send sequence; usually it already is, and
/// nothing is sorted) and runs it. So every actor sees its messages in canonical order, and no two workers touch
/// one actor.
/// </summary>
public sealed partial class ActorSystem
{
    private const int PartitionBlock = 64; // neighbours registered together share a worker: no false sharing
    private const int ChunksPerThread = 8;  // step hooks run in more chunks than threads: a slow chunk does not hold up the rest
    [ThreadStatic] private static MessageBuffer? _buffer;
    private readonly List<ActorCell> _pendingLeftovers = new();
    private readonly List<ActorCell> _leftovers = new();
    private long[] _workerDelivered = [], _workerDead = [], _workerUnhandled = [];
    private Envelope[][] _sortScratch = [];
    /// <summary>Buffers being filled (slots: step-hook chunks or partitions, then the system's own) and those being delivered.</summary>
    private MessageBuffer[] _sending = [], _draining = [];

    private StepInfo _tick;
    private int _stepChunks;
    private Action<int>? _runStepChunk, _runPartition;

    private int ExternalSlot => _sending.Length - 1;

    private void CreateBuffers()
    {
        int slots = Threads * ChunksPerThread + 1;
        _sending = new MessageBuffer[slots];
        _draining = new MessageBuffer[slots];
        for (int i = 0; i < slots; i++)
        {
            _sending[i] = new MessageBuffer(this, Threads);
            _draining[i] = new MessageBuffer(this, Threads);
        }
        _workerDelivered = new long[Threads]; _workerDead = new long[Threads]; _workerUnhandled = new long[Threads];
        _sortScratch = new Envelope[Threads][];
        for (int k = 0; k < Threads; k++) _sortScratch[k] = [];
    }

    /// <summary>Queues a message from <paramref name="from"/> in the buffer of the running worker, or the system's own between rounds.</summary>
    internal void Enqueue(ActorCell from, ActorCell target, object message)
    {
        var buffer = _buffer is { } b && b.Owner == this ? b : _sending[ExternalSlot];
        buffer.Add(target.Partition, new Envelope(from, ++from.SendCount, target, message));
    }

    /// <summary>Calls OnStep of every stepped actor: in chunks of the id-ordered set, on up to Threads threads.</summary>
    private void RunStepHooks(in StepInfo step)
    {
        _tick = step;
        int n = _stepped.Count;
        _stepChunks = Threads == 1 || n < 64 ? 1 : Math.Min(n, Threads * ChunksPerThread);
        if (_stepChunks == 1) RunStepChunk(0);
        else Parallel.For(0, _stepChunks, new ParallelOptions { MaxDegreeOfParallelism = Threads }, _runStepChunk ??= RunStepChunk);
    }

    private void RunStepChunk(int k)
    {
        var chunk = _stepped.Chunk(k, _stepChunks);
        _buffer = _sending[k];
        // No actor of the set is stopped: stops take effect between rounds, and the set is updated before the hooks run.
        while (chunk.Next(out var cell, out var hook))
        {
            _current = cell;
            try { hook.OnStep(in _tick); }
            catch (Exception e) { NoteFailure(cell, e, null); }
        }
        _current = null;
        _buffer = null;
    }

    /// <summary>Makes the messages told so far the next round's; returns false when nothing is pending.</summary>
    private bool CollectSenders()
    {
        (_sending, _draining) = (_draining, _sending);
        if (_pendingLeftovers.Count > 0) return true;
        foreach (var b in _draining)
            if (!b.IsEmpty) return true;
        return false;
    }

    private void RunMessageRound()
    {
        int workers = Threads;
        _leftovers.Clear();
        if (_pendingLeftovers.Count > 0)
        {
            _leftovers.AddRange(_pendingLeftovers.OrderBy(c => c.Id));
            _pendingLeftovers.Clear();
        }
        if (workers == 1) RunPartition(0);
        else Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, _runPartition ??= RunPartition);
        for (int k = 0; k < workers; k++)
        {
            _delivered += _workerDelivered[k]; _deadLetters += _workerDead[k]; _unhandled += _workerUnhandled[k];
            _workerDelivered[k] = _workerDead[k] = _workerUnhandled[k] = 0;
        }
        foreach (var b in _draining) b.Clear();
    }

    private void RunPartition(int k)
    {
        long delivered = 0, dead = 0, unhandled = 0;
        _buffer = _sending[k];
        // Messages held over from a failure come first: they were sent before anything in this round.
        foreach (var cell in _leftovers)
        {
            if (cell.Partition != k) continue;
            var held = cell.Inbox!.ToArray();
            cell.Inbox.Clear();
            foreach (var (sender, message) in held) Handle(cell, sender, message, ref delivered, ref dead, ref unhandled);
        }
        if (PartInCanonicalOrder(k, out int total))
        {
            foreach (var b in _draining) Deliver(b.Part(k), ref delivered, ref dead, ref unhandled);
        }
        else
        {
            var sorted = SortedPart(k, total);
            Deliver(sorted.AsSpan(0, total), ref delivered, ref dead, ref unhandled);
            Array.Clear(sorted, 0, total);
        }
        _current = null;
        _currentSender = null;
        _buffer = null;
        _workerDelivered[k] = delivered; _workerDead[k] = dead; _workerUnhandled[k] = unhandled;
    }

    /// <summary>
    /// Whether part k of the buffers, read one buffer after the other, is already in canonical order. It usually
    /// is: step hooks run in id order, chunk after chunk, and a round's handlers mostly reply in the order they ran.
    /// </summary>
    private bool PartInCanonicalOrder(int k, out int total)
    {
        total = 0;
        bool ordered = true;
        Envelope last = default;
        foreach (var b in _draining)
        {
            var part = b.Part(k);
            if (part.IsEmpty) continue;
            if (total > 0 && !last.Precedes(part[0])) ordered = false;
            for (int i = 1; i < part.Length && ordered; i++)
                if (!part[i - 1].Precedes(part[i])) ordered = false;
            last = part[^1];
            total += part.Length;
        }
        return ordered;
    }

    private Envelope[] SortedPart(int k, int total)
    {
        if (_sortScratch[k].Length < total) _sortScratch[k] = new Envelope[total * 2];
        var all = _sortScratch[k];
        int n = 0;
        foreach (var b in _draining)
        {
            var part = b.Part(k);
            part.CopyTo(all.AsSpan(n));
            n += part.Length;
        }
        all.AsSpan(0, n).Sort(new CanonicalOrder());
        return all;
    }

    /// <summary>Runs messages in order; targets further on are prefetched, their cells first, then their actors.</summary>
    private void Deliver(ReadOnlySpan<Envelope> messages, ref long delivered, ref long dead, ref long unhandled)
    {
        const int FetchAhead = 16, FetchActorAhead = 8;
        for (int i = 0; i < messages.Length; i++)
        {
            if (i + FetchAhead < messages.Length) Prefetch.Object(messages[i + FetchAhead].Target);
            if (i + FetchActorAhead < messages.Length) Prefetch.Object(messages[i + FetchActorAhead].Target.Actor);
            ref readonly var env = ref messages[i];
            Handle(env.Target, env.Sender, env.Message, ref delivered, ref dead, ref unhandled);
        }
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
}
