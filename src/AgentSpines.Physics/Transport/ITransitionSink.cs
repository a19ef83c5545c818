namespace AgentSpines.Physics.Transport;

/// <summary>Receives the transitions of particles as they are simulated (struct sinks inline away).</summary>
public interface ITransitionSink
{
    void Captured(int particle, int spine, double timeMs);
    void Released(int particle, int spine, double timeMs);
    void Reacted(int particle, int spine, double timeMs);
    void Absorbed(int particle);
}

/// <summary>Counts transitions only.</summary>
public struct CountingSink : ITransitionSink
{
    public long Captures, Releases, Reactions, Absorptions;
    public void Captured(int particle, int spine, double timeMs) => Captures++;
    public void Released(int particle, int spine, double timeMs) => Releases++;
    public void Reacted(int particle, int spine, double timeMs) => Reactions++;
    public void Absorbed(int particle) => Absorptions++;
}

/// <summary>One entry or exit of a spine: +1 capture, -1 release or reaction.</summary>
public readonly record struct SpineEvent(int Spine, double TimeMs, int Particle, sbyte Delta, bool Reaction);

/// <summary>Counts transitions and keeps the spine events (for occupancy and traces).</summary>
public struct RecordingSink : ITransitionSink
{
    public CountingSink Counts;
    public List<SpineEvent> Events;

    public RecordingSink(List<SpineEvent> events) { Counts = default; Events = events; }
    public void Captured(int particle, int spine, double timeMs) { Counts.Captures++; Events.Add(new(spine, timeMs, particle, +1, false)); }
    public void Released(int particle, int spine, double timeMs) { Counts.Releases++; Events.Add(new(spine, timeMs, particle, -1, false)); }
    public void Reacted(int particle, int spine, double timeMs) { Counts.Reactions++; Events.Add(new(spine, timeMs, particle, -1, true)); }
    public void Absorbed(int particle) => Counts.Absorptions++;
}
