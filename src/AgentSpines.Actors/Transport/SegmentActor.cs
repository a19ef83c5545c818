using AgentSpines.Physics.Transport;

namespace AgentSpines.Actors.Transport;

/// <summary>
/// Owns the free particles on one stretch of dendrite. Each step it reports its particles at the sample, advances
/// them to the next sample and hands over, in one batch per receiver, those captured by a spine (to that spine's
/// actor) and those now on another stretch (to that segment's actor).
/// </summary>
public sealed class SegmentActor : ReceiveActor, IStepped
{
    private readonly TransportDirectory _directory;
    private readonly IEnumerable<SpeciesParticle> _initial;
    private ParticleRouter? _router;

    public SegmentActor(TransportDirectory directory, IEnumerable<SpeciesParticle> initial)
    {
        _directory = directory;
        _initial = initial;
        Receive<TransportBatch>(b => Router.Accept(b));
    }

    private ParticleRouter Router => _router ??= CreateRouter();

    private ParticleRouter CreateRouter()
    {
        var r = new ParticleRouter(_directory, Self);
        foreach (var p in _initial) r.Held[p.Species].Add(p.Particle);
        return r;
    }

    /// <summary>Free particles held now (for tests).</summary>
    public int HeldCount => Router.Held.Sum(l => l.Count);

    public void OnStep(in StepInfo step)
    {
        int k = (int)step.Index;
        _directory.Collector.Tell(new SampleReport(k, Router.Observe(), Router.Transitions, null, null));
        if (k < _directory.LastSample) Router.AdvanceAndRoute(_directory.SampleTimesMs[k + 1]);
    }
}
