namespace AgentSpines.Physics.Transport;

/// <summary>One species in a running simulation: its model, its particles and (optionally) its spine occupancy.</summary>
public sealed class SpeciesRuntime
{
    public SpeciesModel Model { get; }
    public ParticleArrays Particles { get; }
    public SpineOccupancy? Occupancy { get; }
    /// <summary>Events of the last step when tracing (sorted by spine, time, particle).</summary>
    public List<SpineEvent> LastStepEvents { get; } = new();

    public SpeciesRuntime(SpeciesModel model, bool trackOccupancy)
    {
        Model = model;
        Particles = new ParticleArrays(model.ParticleCount);
        for (int i = 0; i < model.ParticleCount; i++) ParticleKinetics.Initialise(model, Particles, i);
        if (trackOccupancy)
        {
            Occupancy = new SpineOccupancy(model.Dendrite.SpineCount);
            Occupancy.Initialise(Particles);
        }
    }

    public SpeciesObservation Observe() => SpeciesObservation.Of(Particles, 0, Particles.Count, Model.Dendrite.LengthUm);
}
