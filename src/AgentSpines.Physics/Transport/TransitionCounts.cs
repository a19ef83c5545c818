namespace AgentSpines.Physics.Transport;

/// <summary>Transitions simulated in a step (or a run).</summary>
public readonly record struct TransitionCounts(long Captures, long Releases, long Reactions, long Absorptions)
{
    public static TransitionCounts operator +(TransitionCounts a, TransitionCounts b)
        => new(a.Captures + b.Captures, a.Releases + b.Releases, a.Reactions + b.Reactions, a.Absorptions + b.Absorptions);

    public static TransitionCounts From(in CountingSink s) => new(s.Captures, s.Releases, s.Reactions, s.Absorptions);
}
