using AgentSpines.Physics.Transport;

namespace AgentSpines.Actors.Population;

/// <summary>
/// The particles of one dendrite (every species of Exchange), exchanged with the spines that live on it. Each step
/// it advances them over the step with the spines of the step's start, sends each segment the exposures of its
/// spines (the segment hands them on, so a spine lost in this step gets nothing) and the exposure rows to the
/// recorder; births and losses reach it from the segments and count from the next step. Its id is above every
/// spine id, so a segment hears of this step's losses before the exposures.
/// </summary>
public sealed class ExchangeActor(
    DendriteExchange[] species, int prpSpecies, double sitesPerSpine, IEnumerable<(ulong SpineId, double PositionUm)> initialSpines,
    IReadOnlyDictionary<ulong, IActorRef> segments, IActorRef recorder, PopulationClock clock, bool trace)
    : ActorBase, IStepped
{
    private const double MsPerH = 3_600_000.0;
    private readonly Dictionary<ulong, double> _roster = initialSpines.ToDictionary(s => s.SpineId, s => s.PositionUm);
    private bool _rosterChanged = true;

    /// <summary>Actor id of dendrite d's exchange: top 16 bits all set, above the ids of spines (dendrite + 1 there, at most 0xFFFE).</summary>
    public static ulong IdOf(int dendrite) => 0xFFFFUL << 48 | (uint)dendrite;

    public void OnStep(in StepInfo step)
    {
        if (clock.Frozen) return;
        double t0 = clock.TimeH * MsPerH, t1 = (clock.TimeH + clock.StepH) * MsPerH;
        if (_rosterChanged) ApplyRoster(t0);
        foreach (var ex in species) ex.Advance(t0, t1);
        SendExposures(step.Index);
        recorder.Tell(new ExposureRows(clock.TimeH + clock.StepH, Rows(), trace ? TraceRows() : null));
    }

    protected override bool OnReceive(object message)
    {
        if (message is not RosterChange change) return false;
        foreach (ulong id in change.Removed) _roster.Remove(id);
        foreach (var (id, x) in change.Added) _roster[id] = x;
        _rosterChanged = true;
        return true;
    }

    private void ApplyRoster(double tMs)
    {
        var spines = _roster.OrderBy(s => s.Value).ThenBy(s => s.Key).ToArray();
        var ids = spines.Select(s => s.Key).ToArray();
        var positions = spines.Select(s => s.Value).ToArray();
        foreach (var ex in species) ex.SetSpines(ids, positions, tMs);
        _rosterChanged = false;
    }

    /// <summary>
    /// Each spine that held or received particles gets its exposure to every species, batched per segment; its PRP
    /// occupancy is the PRP species' mean occupancy / capture sites (at most 1). The species share one spine list.
    /// </summary>
    private void SendExposures(long stepIndex)
    {
        var bySegment = new SortedDictionary<ulong, (List<ulong> Ids, List<SpineExposure> Exposures)>();
        var sites = species[0].SiteIds;
        for (int i = 0; i < sites.Count; i++)
        {
            bool any = false;
            foreach (var ex in species) any |= ex.Occupancy.StepMeanOccupancy[i] > 0 || ex.Occupancy.StepArrivals[i] > 0;
            if (!any) continue;
            var mean = new double[species.Length];
            var now = new int[species.Length];
            for (int s = 0; s < species.Length; s++) { mean[s] = species[s].Occupancy.StepMeanOccupancy[i]; now[s] = species[s].Occupancy.Current[i]; }
            double prp = prpSpecies < 0 ? 0 : Math.Min(1.0, mean[prpSpecies] / sitesPerSpine);
            ulong id = sites[i], segment = id >> 32;
            if (!bySegment.TryGetValue(segment, out var batch)) bySegment[segment] = batch = (new List<ulong>(), new List<SpineExposure>());
            batch.Ids.Add(id);
            batch.Exposures.Add(new SpineExposure(stepIndex, clock.StepH, mean, now, prp));
        }
        foreach (var (segment, batch) in bySegment)
            if (segments.TryGetValue(segment, out var target))
                target.Tell(new ExposureBatch(batch.Ids.ToArray(), batch.Exposures.ToArray()));
    }

    private ExposureRow[] Rows()
    {
        var rows = new List<ExposureRow>();
        for (int s = 0; s < species.Length; s++)
        {
            var ex = species[s];
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
        for (int s = 0; s < species.Length; s++)
            foreach (var e in species[s].LastStepEvents)
                rows.Add(new ExchangeTraceRow(e.TimeMs / MsPerH, species[s].SiteIds[e.Spine], s, e.Particle, e.Delta, e.Reaction));
        rows.Sort(static (a, b) => a.TimeH != b.TimeH ? a.TimeH.CompareTo(b.TimeH)
            : a.SpineId != b.SpineId ? a.SpineId.CompareTo(b.SpineId) : a.Species != b.Species ? a.Species.CompareTo(b.Species) : a.Particle.CompareTo(b.Particle));
        return rows.ToArray();
    }
}
