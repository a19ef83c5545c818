using AgentSpines.Physics.Transport;

namespace AgentSpines.Actors.Transport;

/// <summary>
/// What every transport actor knows of the run: the species models, the sample times (step k runs from
/// SampleTimesMs[k] to SampleTimesMs[k + 1]) and the references of segments, spines and the collector
/// (filled in by <see cref="TransportActorRun"/> before the first step).
/// </summary>
public sealed class TransportDirectory(IReadOnlyList<SpeciesModel> models, double[] sampleTimesMs, bool trackOccupancy, bool traceEvents)
{
    public IReadOnlyList<SpeciesModel> Models { get; } = models;
    public double[] SampleTimesMs { get; } = sampleTimesMs;
    public bool TrackOccupancy { get; } = trackOccupancy || traceEvents;
    public bool TraceEvents { get; } = traceEvents;
    public IActorRef[] Segments { get; set; } = [];
    public IActorRef[] Spines { get; set; } = [];
    public IActorRef Collector { get; set; } = null!;

    public DendriteGeometry Geometry => Models[0].Dendrite;
    public int LastSample => SampleTimesMs.Length - 1;
}
