namespace AgentSpines.Actors;

/// <summary>
/// The stepped actors in id order, with their ids and step hooks in parallel arrays. Keeping the set up to date as
/// actors come and go reads only the id array and the few cells added or removed, and running the hooks reads the
/// hook array, never the cells: with 10^5 actors scattered over the heap, every pass over the cells costs cache
/// misses. A restart replaces an actor's instance, so the system rebuilds the set then (<see cref="Reset"/>).
/// </summary>
internal sealed class SteppedActors
{
    private ActorCell[] _cells = [], _spareCells = [];
    private IStepped[] _hooks = [], _spareHooks = [];
    private ulong[] _ids = [], _spareIds = [];
    private readonly List<ActorCell> _added = new();
    private readonly List<ulong> _removed = new();
    private ActorCell[] _addedSorted = [];
    private ulong[] _addedIds = [];

    /// <summary>The cells, valid up to <see cref="Count"/>; call <see cref="Update"/> first.</summary>
    public ActorCell[] Cells => _cells;
    /// <summary>The cells' actors (their step hooks), index for index.</summary>
    public IStepped[] Hooks => _hooks;
    public int Count { get; private set; }

    /// <summary>A stepped actor registered since the last update.</summary>
    public void Add(ActorCell cell) => _added.Add(cell);

    /// <summary>A stepped actor stopped since the last update (by id: the cell's own fields are not read again).</summary>
    public void Remove(ulong id) => _removed.Add(id);

    /// <summary>Replaces the whole set (after a restart changed whether an actor is stepped).</summary>
    public void Reset(IEnumerable<ActorCell> cells)
    {
        var list = cells.Where(c => !c.Stopped && c.Actor is IStepped).OrderBy(c => c.Id).ToArray();
        _cells = list;
        _hooks = list.Select(c => (IStepped)c.Actor!).ToArray();
        _ids = list.Select(c => c.Id).ToArray();
        Count = list.Length;
        _added.Clear();
        _removed.Clear();
    }

    /// <summary>Merges the additions and drops the removals in one pass over the id array.</summary>
    public void Update()
    {
        if (_added.Count == 0 && _removed.Count == 0) return;
        int nAdded = SortAdded();
        _removed.Sort();
        int n = Count;
        if (_removed.Count == 0 && (n == 0 || nAdded == 0 || _addedIds[0] > _ids[n - 1]))
        {
            Grow(ref _cells, ref _hooks, ref _ids, n + nAdded);
            for (int j = 0; j < nAdded; j++) Put(_cells, _hooks, _ids, n + j, _addedSorted[j], _addedIds[j]);
            Count = n + nAdded;
        }
        else
        {
            Grow(ref _spareCells, ref _spareHooks, ref _spareIds, n + nAdded);
            int m = 0, j = 0, r = 0;
            for (int i = 0; i < n; i++)
            {
                ulong id = _ids[i];
                for (; j < nAdded && _addedIds[j] < id; j++) Put(_spareCells, _spareHooks, _spareIds, m++, _addedSorted[j], _addedIds[j]);
                while (r < _removed.Count && _removed[r] < id) r++;
                if (r < _removed.Count && _removed[r] == id) { r++; continue; }
                _spareCells[m] = _cells[i];
                _spareHooks[m] = _hooks[i];
                _spareIds[m++] = id;
            }
            for (; j < nAdded; j++) Put(_spareCells, _spareHooks, _spareIds, m++, _addedSorted[j], _addedIds[j]);
            (_cells, _spareCells) = (_spareCells, _cells);
            (_hooks, _spareHooks) = (_spareHooks, _hooks);
            (_ids, _spareIds) = (_spareIds, _ids);
            // The old arrays become the spares: they must not keep stopped actors alive.
            Array.Clear(_spareCells, 0, n);
            Array.Clear(_spareHooks, 0, n);
            Count = m;
        }
        Array.Clear(_addedSorted, 0, nAdded);
        _added.Clear();
        _removed.Clear();
    }

    /// <summary>Sorts the additions that are still running by id, into <see cref="_addedSorted"/>; returns their number.</summary>
    private int SortAdded()
    {
        if (_addedSorted.Length < _added.Count) { _addedSorted = new ActorCell[_added.Count * 2]; _addedIds = new ulong[_added.Count * 2]; }
        int k = 0;
        foreach (var c in _added)
        {
            if (c.Stopped) continue; // stopped before its first step: its id is on the removed list too
            _addedSorted[k] = c;
            _addedIds[k++] = c.Id;
        }
        Array.Sort(_addedIds, _addedSorted, 0, k);
        return k;
    }

    private static void Put(ActorCell[] cells, IStepped[] hooks, ulong[] ids, int i, ActorCell cell, ulong id)
    {
        cells[i] = cell;
        hooks[i] = (IStepped)cell.Actor!;
        ids[i] = id;
    }

    private static void Grow(ref ActorCell[] cells, ref IStepped[] hooks, ref ulong[] ids, int size)
    {
        if (cells.Length >= size) return;
        int capacity = Math.Max(size, cells.Length * 3 / 2);
        Array.Resize(ref cells, capacity);
        Array.Resize(ref hooks, capacity);
        Array.Resize(ref ids, capacity);
    }
}
