namespace AgentSpines.Actors.Population;

/// <summary>
/// The arrays a segment block hands the recorder a step's rows in (its spine and formation events, its census rows), used
/// again once the recorder has written that step: a new array per block, list and step was a third of a run's allocated
/// bytes, arrays the recorder had not reached yet outlived a collection or two, and each census of every spine's row
/// left a large object behind for a full collection. Ownership goes back by message, not by a shared pool: each
/// StepSegments says up to which step the recorder has written (RecordedThrough), and only the arrays lent for those
/// steps are taken again. Owned by one block actor; not thread-safe.
/// </summary>
internal sealed class LentArrays<T>
{
    private readonly Queue<(long Step, T[] Array)> _lent = new();
    private readonly List<T[]> _free = new();

    /// <summary>The arrays lent for steps up to recordedThrough are free again (the recorder is done with them).</summary>
    public void Recorded(long recordedThrough)
    {
        while (_lent.Count > 0 && _lent.Peek().Step <= recordedThrough) _free.Add(_lent.Dequeue().Array);
    }

    /// <summary>An array of at least n elements (a free one, or a new one) lent for this step; to be filled by the caller.</summary>
    public T[] Take(int n, long step)
    {
        // the smallest free array that holds them (a few dozen arrays at most: a few per step in flight)
        int best = -1;
        for (int i = 0; i < _free.Count; i++)
            if (_free[i].Length >= n && (best < 0 || _free[i].Length < _free[best].Length)) best = i;
        T[] array;
        if (best >= 0)
        {
            array = _free[best];
            _free[best] = _free[^1];
            _free.RemoveAt(_free.Count - 1);
        }
        else array = new T[n + n / 4 + 16]; // room for the next steps' counts, which vary a little
        _lent.Enqueue((step, array));
        return array;
    }

    /// <summary>The items, copied into an array lent for this step (none for no items): the recorder reads only the segment.</summary>
    public ArraySegment<T> Lend(List<T> items, long step)
    {
        int n = items.Count;
        if (n == 0) return ArraySegment<T>.Empty;
        var array = Take(n, step);
        items.CopyTo(array);
        return new ArraySegment<T>(array, 0, n);
    }
}
