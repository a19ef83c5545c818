using AgentSpines.Physics.Transport;

namespace AgentSpines.Actors.Transport;

/// <summary>
/// The part segment and spine actors share: advance the particles an actor holds to the end of the step, keep those
/// that still belong to it, and batch the rest (and the spine events) per receiving actor.
/// </summary>
public sealed class ParticleRouter(TransportDirectory directory, IActorRef self)
{
    private readonly Dictionary<IActorRef, TransportBatch> _outgoing = new();
    private readonly List<SpineEvent> _events = new();
    private CountingSink _counts;

    /// <summary>Particles held, per species.</summary>
    public List<ParticleRecord>[] Held { get; } = directory.Models.Select(_ => new List<ParticleRecord>()).ToArray();

    /// <summary>Particles this actor removed (reaction, absorption), per species, since the start.</summary>
    public long[] Reacted { get; } = new long[directory.Models.Count];
    public long[] Absorbed { get; } = new long[directory.Models.Count];
    public TransitionCounts Transitions => TransitionCounts.From(_counts);

    public void Accept(TransportBatch batch)
    {
        foreach (var p in batch.Particles) Held[p.Species].Add(p.Particle);
    }

    /// <summary>Statistics of the particles held now, plus those removed here, per species.</summary>
    public SpeciesObservation[] Observe()
    {
        var obs = new SpeciesObservation[Held.Length];
        double length = directory.Geometry.LengthUm;
        for (int s = 0; s < Held.Length; s++)
        {
            foreach (var r in Held[s]) obs[s].Add(r.State, r.XUm + r.Laps * length - r.X0Um);
            obs[s].Reacted += Reacted[s];
            obs[s].Absorbed += Absorbed[s];
        }
        return obs;
    }

    /// <summary>Advances every held particle to tEndMs and sends what no longer belongs here (one batch per receiver).</summary>
    public void AdvanceAndRoute(double tEndMs)
    {
        _outgoing.Clear();
        for (int s = 0; s < Held.Length; s++)
        {
            var model = directory.Models[s];
            var list = Held[s];
            int kept = 0;
            for (int k = 0; k < list.Count; k++)
            {
                var r = list[k];
                if (directory.TrackOccupancy)
                {
                    var sink = new RecordingSink(_events);
                    ParticleKinetics.Advance(model, ref r, tEndMs, ref sink);
                    Add(ref _counts, sink.Counts);
                    foreach (var e in _events) Batch(directory.Spines[e.Spine]).Events.Add(new SpeciesSpineEvent(s, e));
                    _events.Clear();
                }
                else ParticleKinetics.Advance(model, ref r, tEndMs, ref _counts);
                if (r.State == ParticleState.Reacted) { Reacted[s]++; continue; }
                if (r.State == ParticleState.Absorbed) { Absorbed[s]++; continue; }
                var owner = r.State == ParticleState.Trapped ? directory.Spines[r.Spine] : directory.Segments[model.Dendrite.SegmentOf(r.XUm)];
                if (owner.Id == self.Id) list[kept++] = r;
                else Batch(owner).Particles.Add(new SpeciesParticle(s, r));
            }
            list.RemoveRange(kept, list.Count - kept);
        }
        foreach (var (target, batch) in _outgoing) target.Tell(batch);
    }

    private TransportBatch Batch(IActorRef target)
    {
        if (!_outgoing.TryGetValue(target, out var b)) _outgoing[target] = b = new TransportBatch(new(), new());
        return b;
    }

    private static void Add(ref CountingSink total, in CountingSink step)
    {
        total.Captures += step.Captures; total.Releases += step.Releases;
        total.Reactions += step.Reactions; total.Absorptions += step.Absorptions;
    }
}
