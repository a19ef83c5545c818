namespace AgentSpines.Physics.Transport;

/// <summary>
/// The plain (actor-free) engine: every particle of every species is advanced, event by event, to the end of each
/// step. Work is split into fixed chunks of particles (contiguous in index, so initially in space) spread over
/// threads; since each particle has its own random stream and sums are order-independent, the results are the
/// same for any thread count.
/// </summary>
public sealed class TransportSimulation
{
    public const int ChunkSize = 4096;
    private readonly int _threads;
    private readonly bool _occupancy, _trace;

    public IReadOnlyList<SpeciesRuntime> Species { get; }
    public double TimeMs { get; private set; }
    public TransitionCounts Totals { get; private set; }

    public TransportSimulation(TransportOptions options, ulong seed, int? threads = null)
    {
        _threads = threads ?? (options.Threads > 0 ? options.Threads : Environment.ProcessorCount);
        _occupancy = options.TrackOccupancy || options.TraceEvents;
        _trace = options.TraceEvents;
        var list = new List<SpeciesRuntime>();
        for (int s = 0; s < options.Species.Count; s++)
            list.Add(new SpeciesRuntime(new SpeciesModel(options.Species[s], s, options.Dendrite, seed), _occupancy));
        Species = list;
    }

    /// <summary>Advances every particle to tEndMs; returns the transitions of this step.</summary>
    public TransitionCounts AdvanceTo(double tEndMs)
    {
        if (tEndMs < TimeMs) throw new ArgumentOutOfRangeException(nameof(tEndMs), tEndMs, $"time cannot go back (now {TimeMs} ms)");
        var step = new TransitionCounts();
        foreach (var sp in Species) step += _occupancy ? AdvanceRecording(sp, tEndMs) : AdvanceCounting(sp, tEndMs);
        TimeMs = tEndMs;
        Totals += step;
        return step;
    }

    private TransitionCounts AdvanceCounting(SpeciesRuntime sp, double tEnd)
    {
        int chunks = (sp.Particles.Count + ChunkSize - 1) / ChunkSize;
        var counts = new CountingSink[chunks];
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = _threads },
            c => counts[c] = RunChunk(sp.Model, sp.Particles, c * ChunkSize, Math.Min(sp.Particles.Count, (c + 1) * ChunkSize), tEnd, new CountingSink()));
        var total = new TransitionCounts();
        foreach (var c in counts) total += TransitionCounts.From(c);
        return total;
    }

    /// <summary>
    /// The hot loop. Compiled fully optimised at once: it is called only a few times per step, too rarely for
    /// tiered compilation to promote it early (measured: 3x slower otherwise).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static TSink RunChunk<TSink>(SpeciesModel m, ParticleArrays p, int from, int to, double tEnd, TSink sink)
        where TSink : struct, ITransitionSink
    {
        for (int i = from; i < to; i++) ParticleKinetics.Advance(m, p, i, tEnd, ref sink);
        return sink;
    }

    private TransitionCounts AdvanceRecording(SpeciesRuntime sp, double tEnd)
    {
        int chunks = (sp.Particles.Count + ChunkSize - 1) / ChunkSize;
        var sinks = new RecordingSink[chunks];
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = _threads },
            c => sinks[c] = RunChunk(sp.Model, sp.Particles, c * ChunkSize, Math.Min(sp.Particles.Count, (c + 1) * ChunkSize), tEnd, new RecordingSink(new List<SpineEvent>())));
        var total = new TransitionCounts();
        var events = sp.LastStepEvents;
        events.Clear();
        foreach (var s in sinks) { total += TransitionCounts.From(s.Counts); events.AddRange(s.Events); }
        sp.Occupancy!.ApplyStep(events, TimeMs, tEnd);
        if (!_trace) events.Clear();
        return total;
    }
}
