using AgentSpines.Physics.Transport;

namespace AgentSpines.Actors.Transport;

/// <summary>
/// One spine: holds the particles trapped in it, releases them to the segment at its position (or loses them to
/// the reaction) when their sampled times come, and keeps its occupancy of each species: current, time integral,
/// and per step the arrivals, mean and peak, from the capture and release events other actors send it.
/// </summary>
public sealed class SpineActor : ReceiveActor, IStepped
{
    private readonly TransportDirectory _directory;
    private readonly int _spine;
    private readonly IEnumerable<SpeciesParticle> _initial;
    private readonly List<SpineEvent>[] _pending;
    private readonly SpineOccupancy[]? _occupancy;
    private ParticleRouter? _router;

    public SpineActor(TransportDirectory directory, int spine, IEnumerable<SpeciesParticle> initial)
    {
        _directory = directory;
        _spine = spine;
        _initial = initial;
        _pending = directory.Models.Select(_ => new List<SpineEvent>()).ToArray();
        if (directory.TrackOccupancy)
        {
            _occupancy = directory.Models.Select(_ => new SpineOccupancy(1, spine)).ToArray();
            foreach (var p in initial) _occupancy[p.Species].Current[0]++;
        }
        Receive<TransportBatch>(OnBatch);
    }

    private ParticleRouter Router => _router ??= CreateRouter();

    private ParticleRouter CreateRouter()
    {
        var r = new ParticleRouter(_directory, Self);
        foreach (var p in _initial) r.Held[p.Species].Add(p.Particle);
        return r;
    }

    public int Spine => _spine;

    /// <summary>Particles trapped here now, per species.</summary>
    public int Occupancy(int species) => Router.Held[species].Count;

    private void OnBatch(TransportBatch b)
    {
        Router.Accept(b);
        foreach (var e in b.Events) _pending[e.Species].Add(e.Event);
    }

    public void OnStep(in StepInfo step)
    {
        int k = (int)step.Index;
        SpineExposure[]? exposure = null;
        List<SpineEvent>[]? trace = null;
        if (_occupancy != null && k >= 1)
        {
            exposure = new SpineExposure[_occupancy.Length];
            if (_directory.TraceEvents) trace = new List<SpineEvent>[_occupancy.Length];
            for (int s = 0; s < _occupancy.Length; s++)
            {
                var occ = _occupancy[s];
                occ.ApplyStep(_pending[s], _directory.SampleTimesMs[k - 1], _directory.SampleTimesMs[k]);
                exposure[s] = new SpineExposure(_spine, occ.StepArrivals[0], occ.StepMeanOccupancy[0], occ.StepPeakOccupancy[0], occ.Current[0], occ.IntegralParticleMs[0]);
                if (trace != null) trace[s] = new List<SpineEvent>(_pending[s]);
                _pending[s].Clear();
            }
        }
        _directory.Collector.Tell(new SampleReport(k, Router.Observe(), Router.Transitions, exposure, trace));
        if (k < _directory.LastSample) Router.AdvanceAndRoute(_directory.SampleTimesMs[k + 1]);
    }
}
