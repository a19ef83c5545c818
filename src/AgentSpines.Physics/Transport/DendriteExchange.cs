using System.Runtime.InteropServices;
using AgentSpines.Core.Random;

namespace AgentSpines.Physics.Transport;

/// <summary>
/// One species on one dendrite of a spine population: particles move, are captured by the spines that exist at
/// the time and leave them, exactly as in a transport run (ParticleKinetics), but the spines are the population's,
/// at their own positions, and they come and go between structural steps. A capture goes to the nearest spine; the
/// capture rate follows the dendrite's current spine density (fixed over each free period). Particles trapped in
/// a spine that is eliminated are set free where it was. Everything is drawn from streams of this dendrite and its
/// particles, so the result does not depend on threads or on who calls it.
/// </summary>
public sealed class DendriteExchange
{
    private const double MsPerH = 3_600_000.0;
    private readonly ExchangeSpeciesOptions _o;
    private readonly int _speciesIndex;
    private readonly TransportDendriteOptions _dendrite;
    private readonly ulong _seed;
    private readonly RandomStream _production;
    private readonly List<ParticleRecord> _particles = new();
    private readonly List<SpineEvent> _events = new();
    private SpeciesModel _model;
    private ulong[] _siteIds = [];
    private int _nextParticle;

    public string Name => _o.Name;
    public double LengthUm => _dendrite.LengthUm;
    /// <summary>Spine ids in site order (ascending position) during the last step.</summary>
    public IReadOnlyList<ulong> SiteIds => _siteIds;
    /// <summary>Per-site occupancy of the last step (arrivals, mean, peak, current), indexed like SiteIds.</summary>
    public SpineOccupancy Occupancy { get; private set; } = new(0);
    /// <summary>The last step's captures, releases and reactions, sorted by (site, time, particle).</summary>
    public IReadOnlyList<SpineEvent> LastStepEvents => _events;
    public TransitionCounts Totals { get; private set; }
    public long Produced { get; private set; }
    public int Count => _particles.Count;

    /// <param name="seed">Seed of this dendrite (distinct per dendrite and replicate).</param>
    public DendriteExchange(ExchangeSpeciesOptions options, int speciesIndex, double lengthUm, EndCondition end, ulong seed)
    {
        _o = options;
        _speciesIndex = speciesIndex;
        _dendrite = new TransportDendriteOptions { LengthUm = lengthUm, End = end, SegmentCount = 1, SpineDensityPerUm = 1 };
        _seed = seed;
        _production = new RandomStream(seed, ((ulong)(uint)speciesIndex << 40) | 0xFFFF_FFFFUL, StreamId.Transport);
        _model = new SpeciesModel(_o, speciesIndex, _dendrite, seed, []);
    }

    /// <summary>
    /// Sets the spines (ids and positions, ascending by position) from now on, at time t (ms). The first call also
    /// places the initial particles. Trapped particles follow their spine to its new index, or are freed at t if
    /// it is gone; free particles draw a new capture time when the dendrite gains its first spine or loses its last.
    /// </summary>
    public void SetSpines(IReadOnlyList<ulong> ids, IReadOnlyList<double> positionsUm, double tMs)
    {
        if (ids.Count != positionsUm.Count) throw new ArgumentException("spine ids and positions differ in length");
        var sites = new double[ids.Count];
        for (int i = 0; i < sites.Length; i++)
        {
            sites[i] = Math.Clamp(positionsUm[i], 0, _dendrite.LengthUm);
            if (i > 0 && sites[i] < sites[i - 1]) throw new ArgumentException("spine positions must be ascending");
        }
        var oldIds = _siteIds;
        bool hadSites = oldIds.Length > 0, hasSites = sites.Length > 0;
        _model = new SpeciesModel(_o, _speciesIndex, _dendrite, _seed, sites);
        _siteIds = ids.ToArray();
        if (!_placed)
        {
            _placed = true;
            PlaceInitial(tMs);
        }
        else Remap(oldIds, tMs, redrawFree: hadSites != hasSites);
        Occupancy = new SpineOccupancy(_siteIds.Length);
        foreach (var r in _particles)
            if (r.State == ParticleState.Trapped) Occupancy.Current[r.Spine]++;
    }

    private bool _placed;

    private void PlaceInitial(double tMs)
    {
        for (int i = 0; i < _o.ParticleCount; i++)
        {
            var r = ParticleKinetics.Initial(_model, i);
            r.LastTimeMs += tMs; r.NextEventMs += tMs;
            if (r.State == ParticleState.Trapped && _siteIds.Length == 0) ParticleKinetics.ReleaseNow(_model, ref r, tMs);
            _particles.Add(r);
        }
        _nextParticle = _o.ParticleCount;
    }

    private void Remap(ulong[] oldIds, double tMs, bool redrawFree)
    {
        var index = new Dictionary<ulong, int>(_siteIds.Length);
        for (int i = 0; i < _siteIds.Length; i++) index[_siteIds[i]] = i;
        var span = CollectionsMarshal.AsSpan(_particles);
        for (int i = 0; i < span.Length; i++)
        {
            ref var r = ref span[i];
            if (r.State == ParticleState.Trapped)
            {
                if (index.TryGetValue(oldIds[r.Spine], out int k)) r.Spine = k;
                else ParticleKinetics.ReleaseNow(_model, ref r, tMs);
            }
            else if (r.State == ParticleState.Free && redrawFree) ParticleKinetics.ReleaseNow(_model, ref r, tMs);
        }
    }

    /// <summary>Runs the step [tStart, tEnd) ms: production, then every particle to tEnd; fills Occupancy and LastStepEvents.</summary>
    public TransitionCounts Advance(double tStartMs, double tEndMs)
    {
        if (!_placed) SetSpines([], [], tStartMs);
        Produce(tStartMs, tEndMs);
        _events.Clear();
        var sink = new RecordingSink(_events);
        var span = CollectionsMarshal.AsSpan(_particles);
        for (int i = 0; i < span.Length; i++) ParticleKinetics.Advance(_model, ref span[i], tEndMs, ref sink);
        _particles.RemoveAll(static r => r.State >= ParticleState.Reacted);
        Occupancy.ApplyStep(_events, tStartMs, tEndMs);
        var counts = TransitionCounts.From(sink.Counts);
        Totals += counts;
        return counts;
    }

    /// <summary>Poisson(P L dt) new free particles at uniform times in the step, uniform along the dendrite or at the source point.</summary>
    private void Produce(double tStartMs, double tEndMs)
    {
        if (_o.ProductionPerUmPerH <= 0) return;
        long n = _production.NextPoisson(_o.ProductionPerUmPerH * _dendrite.LengthUm * (tEndMs - tStartMs) / MsPerH);
        for (long k = 0; k < n; k++)
        {
            double t = tStartMs + (tEndMs - tStartMs) * _production.NextDouble();
            double x = _o.ProductionPlacement == InitialPlacement.Uniform
                ? _dendrite.LengthUm * _production.NextDouble()
                : Math.Min(_o.ProductionPositionUm, _dendrite.LengthUm);
            _particles.Add(ParticleKinetics.Entering(_model, _nextParticle++, x, t));
        }
        Produced += n;
    }

    /// <summary>Free and trapped particles now.</summary>
    public (int Free, int Trapped) Census()
    {
        int free = 0, trapped = 0;
        foreach (var r in _particles)
            if (r.State == ParticleState.Free) free++;
            else if (r.State == ParticleState.Trapped) trapped++;
        return (free, trapped);
    }
}
