namespace AgentSpines.Actors;

/// <summary>
/// The stepped actors, each with its id and step hook, run in id order. With 10^5 actors, of which hundreds come
/// and go each step, rewriting the whole set every step cost more than keeping it loosely: a stopped actor
/// leaves a hole (found by binary search on the ids, which holes keep), newcomers join a small sorted tail, and
/// the two are merged, without the holes, only when holes and tail reach an eighth of the set. A chunk of the set is read in id
/// order by merging its part of the main run with the matching part of the tail (<see cref="Chunk"/>).
/// The cells are never read: with the actors scattered over the heap, every pass over them costs cache misses.
/// A restart replaces an actor's instance, so the system rebuilds the set then (<see cref="Reset"/>).
/// </summary>
internal sealed class SteppedActors
{
    /// <summary>One stepped actor, or a hole (null hook) where one stopped. A struct array: no type check per store.</summary>
    internal readonly struct Entry(ulong id, ActorCell? cell, IStepped? hook)
    {
        public readonly ulong Id = id;
        public readonly ActorCell? Cell = cell;
        public readonly IStepped? Hook = hook;

        public static Entry Of(ActorCell cell) => new(cell.Id, cell, (IStepped)cell.Actor!);
    }

    private Entry[] _entries = [], _spare = [];
    /// <summary>[0, _main): the main run; [_main, _count): the tail. Each is sorted by id; both may have holes.</summary>
    private int _main, _count, _holes;
    private readonly List<ActorCell> _added = new();
    private readonly List<ulong> _removed = new();
    private Entry[] _addedSorted = [];

    /// <summary>Actors and holes: how many there are to go through.</summary>
    public int Count => _count;

    /// <summary>A stepped actor registered since the last update.</summary>
    public void Add(ActorCell cell) => _added.Add(cell);

    /// <summary>A stepped actor stopped since the last update (by id: the cell's own fields are not read again).</summary>
    public void Remove(ulong id) => _removed.Add(id);

    /// <summary>Replaces the whole set (after a restart changed an actor's instance).</summary>
    public void Reset(IEnumerable<ActorCell> cells)
    {
        _entries = cells.Where(c => !c.Stopped && c.Actor is IStepped).OrderBy(c => c.Id).Select(Entry.Of).ToArray();
        _main = _count = _entries.Length;
        _holes = 0;
        _added.Clear();
        _removed.Clear();
    }

    /// <summary>Applies the removals and additions since the last update.</summary>
    public void Update()
    {
        foreach (ulong id in _removed) RemoveOne(id);
        _removed.Clear();
        if (_added.Count > 0) AddToTail();
        if (_holes + (_count - _main) > _main / 8) Compact();
    }

    /// <summary>Chunk k of <paramref name="chunks"/>: a share of the main run and the tail entries within its id range, in id order.</summary>
    public Cursor Chunk(int k, int chunks)
    {
        if (_main == 0) return k == 0 ? new Cursor(_entries, 0, 0, 0, _count) : default;
        int lo = (int)((long)_main * k / chunks), hi = (int)((long)_main * (k + 1) / chunks);
        int tailLo = k == 0 ? _main : LowerBound(_main, _count, _entries[lo].Id);
        int tailHi = k == chunks - 1 ? _count : LowerBound(_main, _count, _entries[hi].Id);
        return new Cursor(_entries, lo, hi, tailLo, tailHi);
    }

    /// <summary>
    /// Walks a main range and a tail range together, in id order, skipping holes. Ahead of the actor it returns, it
    /// prefetches an actor further on in the same range and asks a nearer one to prepare its step (by then that
    /// actor's own object is in cache).
    /// </summary>
    internal struct Cursor(Entry[] entries, int i, int iEnd, int j, int jEnd)
    {
        private const int FetchAhead = 16, PrepareAhead = 8;

        public bool Next(out ActorCell cell, out IStepped hook)
        {
            while (i < iEnd || j < jEnd)
            {
                bool main = j >= jEnd || (i < iEnd && entries[i].Id < entries[j].Id);
                int k = main ? i++ : j++, end = main ? iEnd : jEnd;
                if (k + FetchAhead < end) Prefetch.Object(entries[k + FetchAhead].Hook);
                if (k + PrepareAhead < end) entries[k + PrepareAhead].Hook?.PrepareStep();
                ref readonly Entry e = ref entries[k];
                if (e.Hook is null) continue;
                cell = e.Cell!;
                hook = e.Hook;
                return true;
            }
            cell = null!;
            hook = null!;
            return false;
        }
    }

    /// <summary>Turns the live entry with this id into a hole. An id may come back after its actor stopped, so
    /// holes with the same id may sit next to it; none is found when the actor stopped before it was added.</summary>
    private void RemoveOne(ulong id)
    {
        if (!MakeHole(_main, _count, id)) MakeHole(0, _main, id);
    }

    private bool MakeHole(int lo, int hi, ulong id)
    {
        for (int m = LowerBound(lo, hi, id); m < hi && _entries[m].Id == id; m++)
            if (_entries[m].Hook != null)
            {
                _entries[m] = new Entry(id, null, null);
                _holes++;
                return true;
            }
        return false;
    }

    /// <summary>Sorts the additions still running and merges them into the tail, from the back.</summary>
    private void AddToTail()
    {
        if (_addedSorted.Length < _added.Count) _addedSorted = new Entry[_added.Count * 2];
        int n = 0;
        foreach (var c in _added)
            if (!c.Stopped) _addedSorted[n++] = Entry.Of(c);
        _added.Clear();
        _addedSorted.AsSpan(0, n).Sort(static (a, b) => a.Id.CompareTo(b.Id));
        if (_entries.Length < _count + n) Array.Resize(ref _entries, Math.Max(_count + n, _entries.Length * 3 / 2));
        int i = _count - 1, j = n - 1;
        for (int w = _count + n - 1; j >= 0; w--)
            _entries[w] = i >= _main && _entries[i].Id > _addedSorted[j].Id ? _entries[i--] : _addedSorted[j--];
        _count += n;
        Array.Clear(_addedSorted, 0, n);
    }

    /// <summary>Merges the main run (without its holes) and the tail into one main run.</summary>
    private void Compact()
    {
        if (_spare.Length < _count - _holes) _spare = new Entry[Math.Max(_count - _holes, _count * 5 / 4)];
        int i = 0, j = _main, w = 0;
        while (i < _main || j < _count)
        {
            ref readonly Entry e = ref (j >= _count || (i < _main && _entries[i].Id < _entries[j].Id) ? ref _entries[i++] : ref _entries[j++]);
            if (e.Hook != null) _spare[w++] = e;
        }
        Array.Clear(_entries, 0, _count); // it becomes the spare: it must not keep stopped actors alive
        (_entries, _spare) = (_spare, _entries);
        _main = _count = w;
        _holes = 0;
    }

    /// <summary>The first index in [lo, hi) whose id is not below <paramref name="id"/> (hi if none).</summary>
    private int LowerBound(int lo, int hi, ulong id)
    {
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (_entries[mid].Id < id) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}
