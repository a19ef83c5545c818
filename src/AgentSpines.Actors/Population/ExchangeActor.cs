using AgentSpines.Core.Identity;
using AgentSpines.Physics.Transport;
using Akka.Actor;

namespace AgentSpines.Actors.Population;

/// <summary>
/// The free particles of one dendrite (every species of Exchange), exchanged with the spines that live on it
/// (Physics <see cref="DendriteExchange"/>). On each StepExchange it applies the roster changes it is given (births and
/// losses of the previous step, segments in id order), advances its particles over the step with that roster, and
/// answers with the exposures of the spines per segment (delivered with the next step) and the table rows.
/// </summary>
public sealed class ExchangeActor : ReceiveActor
{
    private const double MsPerH = 3_600_000.0;
    private readonly int _dendrite;
    private readonly DendriteExchange[] _species;
    private readonly int _prpSpecies;
    private readonly double _sitesPerSpine;
    private readonly bool _trace;
    private readonly Dictionary<ulong, double> _roster = new();
    private bool _rosterChanged = true;

    public ExchangeActor(int dendrite, DendriteExchange[] species, int prpSpecies, double sitesPerSpine, bool trace)
    {
        _dendrite = dendrite;
        _species = species;
        _prpSpecies = prpSpecies;
        _sitesPerSpine = sitesPerSpine;
        _trace = trace;
        Receive<StepExchange>(m => PopulationActorException.Guard(Self.Path.Name, m.Step, m.TimeH, () => Step(m)));
    }

    public static string NameOf(int dendrite) => $"exchange-{dendrite:D5}";

    private void Step(StepExchange m)
    {
        foreach (var change in m.Changes)
        {
            foreach (ulong id in change.Removed) _roster.Remove(id);
            foreach (var (id, x) in change.Added) _roster[id] = x;
            _rosterChanged = true;
        }
        double t0 = m.TimeH * MsPerH, t1 = (m.TimeH + m.StepH) * MsPerH;
        if (_rosterChanged) ApplyRoster(t0);
        foreach (var ex in _species) ex.Advance(t0, t1);
        double endH = m.TimeH + m.StepH;
        Sender.Tell(new ExchangeStepped(m.Step, _dendrite, Batches(), new ExposureRows(endH, Rows(), _trace ? TraceRows() : null)));
    }

    private void ApplyRoster(double tMs)
    {
        var spines = _roster.OrderBy(s => s.Value).ThenBy(s => s.Key).ToArray();
        var ids = spines.Select(s => s.Key).ToArray();
        var positions = spines.Select(s => s.Value).ToArray();
        foreach (var ex in _species) ex.SetSpines(ids, positions, tMs);
        _rosterChanged = false;
    }

    /// <summary>Each spine that held or received particles of any species, with its PRP occupancy (at most 1), per segment.</summary>
    private ExposureBatch[] Batches()
    {
        var bySegment = new SortedDictionary<ulong, (List<ulong> Ids, List<double> Prp)>();
        var sites = _species[0].SiteIds;
        for (int i = 0; i < sites.Count; i++)
        {
            bool any = false;
            foreach (var ex in _species) any |= ex.Occupancy.StepMeanOccupancy[i] > 0 || ex.Occupancy.StepArrivals[i] > 0;
            if (!any) continue;
            double prp = _prpSpecies < 0 ? 0 : Math.Min(1.0, _species[_prpSpecies].Occupancy.StepMeanOccupancy[i] / _sitesPerSpine);
            ulong segment = new SpineId(sites[i]).SegmentId;
            if (!bySegment.TryGetValue(segment, out var batch)) bySegment[segment] = batch = (new List<ulong>(), new List<double>());
            batch.Ids.Add(sites[i]);
            batch.Prp.Add(prp);
        }
        return bySegment.Select(b => new ExposureBatch(b.Key, b.Value.Ids.ToArray(), b.Value.Prp.ToArray())).ToArray();
    }

    private ExposureRow[] Rows()
    {
        var rows = new List<ExposureRow>();
        for (int s = 0; s < _species.Length; s++)
        {
            var ex = _species[s];
            var o = ex.Occupancy;
            for (int i = 0; i < ex.SiteIds.Count; i++)
                if (o.StepArrivals[i] > 0 || o.StepMeanOccupancy[i] > 0)
                    rows.Add(new ExposureRow(ex.SiteIds[i], _roster[ex.SiteIds[i]], s, o.StepArrivals[i], o.StepMeanOccupancy[i], o.StepPeakOccupancy[i], o.Current[i]));
        }
        rows.Sort(static (a, b) => a.SpineId != b.SpineId ? a.SpineId.CompareTo(b.SpineId) : a.Species.CompareTo(b.Species));
        return rows.ToArray();
    }

    private ExchangeTraceRow[] TraceRows()
    {
        var rows = new List<ExchangeTraceRow>();
        for (int s = 0; s < _species.Length; s++)
            foreach (var e in _species[s].LastStepEvents)
                rows.Add(new ExchangeTraceRow(e.TimeMs / MsPerH, _species[s].SiteIds[e.Spine], s, e.Particle, e.Delta, e.Reaction));
        rows.Sort(static (a, b) => a.TimeH != b.TimeH ? a.TimeH.CompareTo(b.TimeH)
            : a.SpineId != b.SpineId ? a.SpineId.CompareTo(b.SpineId) : a.Species != b.Species ? a.Species.CompareTo(b.Species) : a.Particle.CompareTo(b.Particle));
        return rows.ToArray();
    }
}
