using AgentSpines.Core.Configuration;
using AgentSpines.Physics.Transport;

namespace AgentSpines.Actors.Transport;

/// <summary>
/// Runs a transport configuration with actors: one <see cref="SegmentActor"/> per dendrite segment (free
/// particles), one <see cref="SpineActor"/> per spine (trapped particles), one collector. Step k of the actor
/// system is sample k: actors report their particles at t_k, then advance them to t_(k+1) and hand over the
/// ones that changed owner. Each particle's history depends only on its own random streams, so the tables are
/// identical to <see cref="TransportRun"/>'s for the same seed, for any thread count.
/// </summary>
public static class TransportActorRun
{
    public const ulong CollectorId = 2, FirstSegmentId = 16;

    public static TransportTables Run(TransportOptions options, ulong seed, int threads = 0)
        => Run(options, seed, threads, out _);

    public static TransportTables Run(TransportOptions options, ulong seed, int threads, out ActorSystemStats stats)
    {
        StrictBinder.ValidateTree(options, new ConfigValidator(TransportRun.Section));
        var models = options.Species.Select((s, i) => new SpeciesModel(s, i, options.Dendrite, seed)).ToList();
        var times = options.SampleTimesMs();
        var directory = new TransportDirectory(models, times, options.TrackOccupancy, options.TraceEvents);
        var geo = directory.Geometry;
        int segments = geo.SegmentCount, spines = geo.SpineCount;

        var freeBySegment = Enumerable.Range(0, segments).Select(_ => new List<SpeciesParticle>()).ToArray();
        var trappedBySpine = new List<SpeciesParticle>?[spines];
        for (int s = 0; s < models.Count; s++)
            for (int id = 0; id < models[s].ParticleCount; id++)
            {
                var r = ParticleKinetics.Initial(models[s], id);
                if (r.State == ParticleState.Trapped) (trappedBySpine[r.Spine] ??= new()).Add(new SpeciesParticle(s, r));
                else freeBySegment[geo.SegmentOf(r.XUm)].Add(new SpeciesParticle(s, r));
            }

        var system = new ActorSystem("transport", threads);
        var collection = new TransportCollection(models.Count, times.Length, spines);
        directory.Collector = system.ActorOf(Props.Create(() => new TransportCollector(collection)), CollectorId, "transport-collector");
        directory.Segments = new IActorRef[segments];
        for (int j = 0; j < segments; j++)
        {
            var initial = freeBySegment[j];
            directory.Segments[j] = system.ActorOf(Props.Create(() => new SegmentActor(directory, initial)), FirstSegmentId + (ulong)j, $"segment-{j}");
        }
        directory.Spines = new IActorRef[spines];
        ulong firstSpineId = FirstSegmentId + (ulong)segments;
        for (int i = 0; i < spines; i++)
        {
            int spine = i;
            var initial = (IEnumerable<SpeciesParticle>?)trappedBySpine[i] ?? [];
            directory.Spines[i] = system.ActorOf(Props.Create(() => new SpineActor(directory, spine, initial)), firstSpineId + (ulong)i, $"spine-{i}");
        }

        for (int k = 0; k < times.Length; k++)
        {
            double length = k + 1 < times.Length ? times[k + 1] - times[k] : 0;
            system.RunStep(new StepInfo(k, times[k] / 3.6e6, length / 3.6e6));
            if (system.Failures.Count > 0) throw new InvalidOperationException($"transport actor failed: {system.Failures[0]}");
        }
        stats = new ActorSystemStats(system.Delivered, system.DeadLetters, system.ActorCount, segments + spines);
        return Tables(options, models, times, collection);
    }

    private static TransportTables Tables(TransportOptions o, List<SpeciesModel> models, double[] times, TransportCollection c)
    {
        var t = new TransportTables
        {
            Exposure = o.TrackOccupancy ? new ExposureTable() : null,
            Trace = o.TraceEvents ? new TraceTable() : null,
            Transitions = c.Transitions[^1],
        };
        int spines = models[0].Dendrite.SpineCount;
        for (int k = 0; k < times.Length; k++)
            for (int s = 0; s < models.Count; s++)
            {
                var obs = c.Observations[k, s];
                string name = models[s].Name;
                t.Msd.Species.Add(name); t.Msd.TMs.Add(times[k]);
                t.Msd.MsdUm2.Add(obs.Alive > 0 ? obs.MsdUm2 : 0.0);
                t.Msd.MeanDisplacementUm.Add(obs.Alive > 0 ? obs.MeanDisplacementUm : 0.0);
                t.Counts.Species.Add(name); t.Counts.TMs.Add(times[k]);
                t.Counts.NFree.Add(obs.Free); t.Counts.NTrapped.Add(obs.Trapped); t.Counts.NReacted.Add(obs.Reacted); t.Counts.NAbsorbed.Add(obs.Absorbed);
                if (k == 0) continue;
                if (t.Exposure is { } ex)
                    for (int i = 0; i < spines; i++)
                    {
                        var e = c.Exposure[k, s, i] ?? throw new InvalidOperationException($"spine {i} did not report sample {k}");
                        ex.Species.Add(name); ex.TMs.Add(times[k]); ex.Spine.Add(i); ex.Arrivals.Add(e.Arrivals);
                        ex.MeanOccupancy.Add(e.MeanOccupancy); ex.PeakOccupancy.Add(e.PeakOccupancy);
                        ex.Occupancy.Add(e.Occupancy); ex.IntegralParticleMs.Add(e.IntegralParticleMs);
                    }
                if (t.Trace is { } tr)
                    for (int i = 0; i < spines; i++)
                        foreach (var e in c.Events[k, s, i] ?? [])
                        {
                            tr.Species.Add(name); tr.TMs.Add(e.TimeMs); tr.Particle.Add(e.Particle); tr.Spine.Add(e.Spine);
                            tr.Kind.Add(e.Delta > 0 ? "capture" : e.Reaction ? "reaction" : "release");
                        }
            }
        return t;
    }
}

/// <summary>Message and actor counts of an actor run (to check batching).</summary>
public readonly record struct ActorSystemStats(long MessagesDelivered, long DeadLetters, int ActorCount, int TransportActors);
