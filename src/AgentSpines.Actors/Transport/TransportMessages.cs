using AgentSpines.Physics.Transport;

namespace AgentSpines.Actors.Transport;

/// <summary>A particle of one species, as actors hand it over.</summary>
public readonly record struct SpeciesParticle(int Species, ParticleRecord Particle);

/// <summary>A capture, release or reaction at a spine, for that spine's occupancy bookkeeping.</summary>
public readonly record struct SpeciesSpineEvent(int Species, SpineEvent Event);

/// <summary>
/// Everything one actor hands to another in one step: particles that now belong to the receiver (captured at its
/// spine, released into or crossing into its segment) and the spine events that concern it. One per pair per step.
/// </summary>
public sealed record TransportBatch(List<SpeciesParticle> Particles, List<SpeciesSpineEvent> Events);

/// <summary>Occupancy aggregates of one spine for one species over the step that ended at the sample.</summary>
public readonly record struct SpineExposure(int Spine, int Arrivals, double MeanOccupancy, int PeakOccupancy, int Occupancy, double IntegralParticleMs);

/// <summary>
/// What an actor reports at sample k: per species, the statistics of the particles it holds plus the particles it
/// removed so far; its transitions so far; for spines, the exposure and (in trace mode) the sorted events of the step.
/// </summary>
public sealed record SampleReport(int Sample, SpeciesObservation[] Observations, TransitionCounts Transitions,
    SpineExposure[]? Exposure, List<SpineEvent>[]? Events);
