namespace AgentSpines.Actors;

/// <summary>
/// The stepped actors in id order, with their ids in a parallel array. Keeping the set up to date as actors come
/// and go reads only the id array and the few cells added or removed, never the other cells: with 10^5 actors
/// scattered over the heap, a pass that touched every cell each step cost more than the step's own work.
/// </summary>
internal sealed class SteppedActors
{
    private ActorCell[] _cells = [], _spareCells = [];
    private ulong[] _ids = [], _spareIds = [];
    private readonly List<ActorCell> _added = new();
    private readonly List<ulong> _removed = new();
    private ActorCell[] _addedSorted = [];
    private ulong[] _addedIds = [];

    /// <summary>The cells, valid up to <see cref="Count"/>; call <see cref="Update"/> first.</summary>
    public ActorCell[] Cells => _cells;
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
            Grow(ref _cells, ref _ids, n + nAdded, keep: n);
            Array.Copy(_addedSorted, 0, _cells, n, nAdded);
            Array.Copy(_addedIds, 0, _ids, n, nAdded);
            Count = n + nAdded;
        }
        else
        {
            Grow(ref _spareCells, ref _spareIds, n + nAdded, keep: 0);
            int m = 0, j = 0, r = 0;
            for (int i = 0; i < n; i++)
            {
                ulong id = _ids[i];
                for (; j < nAdded && _addedIds[j] < id; j++, m++) { _spareCells[m] = _addedSorted[j]; _spareIds[m] = _addedIds[j]; }
                while (r < _removed.Count && _removed[r] < id) r++;
                if (r < _removed.Count && _removed[r] == id) { r++; continue; }
                _spareCells[m] = _cells[i];
                _spareIds[m++] = id;
            }
            for (; j < nAdded; j++, m++) { _spareCells[m] = _addedSorted[j]; _spareIds[m] = _addedIds[j]; }
            (_cells, _spareCells) = (_spareCells, _cells);
            Array.Clear(_spareCells, 0, n); // the old array becomes the spare: it must not keep stopped actors alive
            (_ids, _spareIds) = (_spareIds, _ids);
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

    private static void Grow(ref ActorCell[] cells, ref ulong[] ids, int size, int keep)
    {
        if (cells.Length >= size) return;
        int capacity = Math.Max(size, cells.Length * 3 / 2);
        var c = new ActorCell[capacity];
        var d = new ulong[capacity];
        Array.Copy(cells, c, keep);
        Array.Copy(ids, d, keep);
        cells = c;
        ids = d;
    }
}
