using AgentSpines.Physics.Transport;

namespace AgentSpines.Actors.Transport;

/// <summary>
/// Gathers the sample reports of all segment and spine actors. Sums are order-independent (integer counts and
/// fixed-point moments), exposure rows are keyed by spine, so the tables do not depend on delivery order.
/// </summary>
public sealed class TransportCollector : ReceiveActor
{
    private readonly TransportCollection _into;

    public TransportCollector(TransportCollection into)
    {
        _into = into;
        Receive<SampleReport>(_into.Add);
    }
}

/// <summary>The collector's results, read by the driver between steps.</summary>
public sealed class TransportCollection(int species, int samples, int spines)
{
    public SpeciesObservation[,] Observations { get; } = new SpeciesObservation[samples, species];
    public TransitionCounts[] Transitions { get; } = new TransitionCounts[samples];
    public SpineExposure?[,,] Exposure { get; } = new SpineExposure?[samples, species, spines];
    public List<SpineEvent>?[,,] Events { get; } = new List<SpineEvent>?[samples, species, spines];
    public int[] Reports { get; } = new int[samples];

    internal void Add(SampleReport r)
    {
        Reports[r.Sample]++;
        for (int s = 0; s < r.Observations.Length; s++) Observations[r.Sample, s].Add(r.Observations[s]);
        Transitions[r.Sample] += r.Transitions;
        if (r.Exposure != null)
            for (int s = 0; s < r.Exposure.Length; s++) Exposure[r.Sample, s, r.Exposure[s].Spine] = r.Exposure[s];
        if (r.Events != null && r.Exposure != null)
            for (int s = 0; s < r.Events.Length; s++) Events[r.Sample, s, r.Exposure[s].Spine] = r.Events[s];
    }
}
