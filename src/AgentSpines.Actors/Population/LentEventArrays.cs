using AgentSpines.Plasticity.State;

namespace AgentSpines.Actors.Population;

/// <summary>
/// The arrays a segment block hands the recorder its step's events in, used again once the recorder has written that
/// step (a new array per block, list and step was a third of a run's allocated bytes, and arrays the recorder had not
/// reached yet outlived a collection or two). Ownership goes back by message, not by a shared pool: each StepSegments
/// says up to which step the recorder has written (RecordedThrough), and only the arrays lent for those steps are taken
/// again. Owned by one block actor; not thread-safe.
/// </summary>
internal sealed class LentEventArrays
{
    private readonly Queue<(long Step, StructuralEvent[] Array)> _lent = new();
    private readonly List<StructuralEvent[]> _free = new();

    /// <summary>The arrays lent for steps up to recordedThrough are free again (the recorder is done with them).</summary>
    public void Recorded(long recordedThrough)
    {
        while (_lent.Count > 0 && _lent.Peek().Step <= recordedThrough) _free.Add(_lent.Dequeue().Array);
    }

    /// <summary>The events, copied into a free array (or a new one) lent for this step: the recorder reads only the segment.</summary>
    public ArraySegment<StructuralEvent> Lend(List<StructuralEvent> events, long step)
    {
        int n = events.Count;
        if (n == 0) return ArraySegment<StructuralEvent>.Empty;
        StructuralEvent[]? array = null;
        // the smallest free array that holds them (a few dozen arrays at most: two per step in flight)
        int best = -1;
        for (int i = 0; i < _free.Count; i++)
            if (_free[i].Length >= n && (best < 0 || _free[i].Length < _free[best].Length)) best = i;
        if (best >= 0)
        {
            array = _free[best];
            _free[best] = _free[^1];
            _free.RemoveAt(_free.Count - 1);
        }
        array ??= new StructuralEvent[n + n / 4 + 16]; // room for the next steps' counts, which vary a little
        events.CopyTo(array);
        _lent.Enqueue((step, array));
        return new ArraySegment<StructuralEvent>(array, 0, n);
    }
}
