using System.Runtime.CompilerServices;

namespace AgentSpines.Physics.Transport;

/// <summary>
/// The event-driven history of one particle: free phases end at sampled capture times, trapped phases end at
/// sampled release times unless the competing reaction clock (rate theta, exponential) rings first. Positions
/// move only by exact Brownian-with-drift increments over the elapsed free time; there is no fixed time step.
/// The same code runs on the plain engine's arrays and on the records actors hand to each other.
/// </summary>
public static class ParticleKinetics
{
    /// <summary>Particle id's state at t = 0 (placement, free or trapped, first event time).</summary>
    public static ParticleRecord Initial(SpeciesModel m, int id)
    {
        var rng = m.Cursor(id, 0);
        double x = m.Initial.Placement == InitialPlacement.Uniform
            ? m.Dendrite.LengthUm * rng.NextOpenDouble()
            : m.Initial.PositionUm;
        int trappedCount = (int)Math.Round(m.Initial.FractionTrapped * m.ParticleCount);
        var r = new ParticleRecord(id, x, x, 0, 0, 0, -1, ParticleState.Free, false, 0, 0);
        if (id < trappedCount) Trap(m, ref r, 0.0, ref rng);
        else r.NextEventMs = m.SampleFreeTime(ref rng);
        rng.SkipToBlockBoundary();
        r.RngWords = rng.WordsUsed;
        return r;
    }

    public static void Initialise(SpeciesModel m, ParticleArrays p, int i) => p.Write(Initial(m, i));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Trap(SpeciesModel m, ref ParticleRecord r, double t, ref PhiloxCursor rng)
    {
        double dwell = m.SampleDwellTime(ref rng);
        double reaction = m.ReactionRatePerMs > 0 ? WaitingTimes.Exponential(ref rng, m.ReactionRatePerMs) : double.PositiveInfinity;
        r.State = ParticleState.Trapped;
        r.Spine = m.Dendrite.SpineOf(r.XUm);
        r.LastTimeMs = t;
        r.ReactsNext = reaction < dwell;
        r.NextEventMs = t + Math.Min(dwell, reaction);
        rng.SkipToBlockBoundary(); // every event starts a fresh block: no block is generated twice, whatever the steps
    }

    /// <summary>
    /// A particle entering the dendrite at time t and position x (production in population runs): free, with a fresh
    /// free time from its own clock stream.
    /// </summary>
    public static ParticleRecord Entering(SpeciesModel m, int id, double xUm, double tMs)
    {
        var rng = m.Cursor(id, 0);
        var r = new ParticleRecord(id, xUm, xUm, tMs, tMs + m.SampleFreeTime(ref rng), 0, -1, ParticleState.Free, false, 0, 0);
        rng.SkipToBlockBoundary();
        r.RngWords = rng.WordsUsed;
        return r;
    }

    /// <summary>Frees a trapped particle at time t where it sits (its spine is gone), with a fresh free time.</summary>
    public static void ReleaseNow(SpeciesModel m, ref ParticleRecord r, double tMs)
    {
        var rng = m.Cursor(r.Id, r.RngWords);
        r.State = ParticleState.Free;
        r.Spine = -1;
        r.ReactsNext = false;
        r.LastTimeMs = tMs;
        r.NextEventMs = tMs + m.SampleFreeTime(ref rng);
        rng.SkipToBlockBoundary();
        r.RngWords = rng.WordsUsed;
    }

    /// <summary>Advances particle i of the arrays through all its events up to tEndMs.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Advance<TSink>(SpeciesModel m, ParticleArrays p, int i, double tEndMs, ref TSink sink)
        where TSink : struct, ITransitionSink
    {
        if (p.State[i] >= ParticleState.Reacted) return;
        if (p.State[i] == ParticleState.Trapped && p.NextEventMs[i] > tEndMs) return; // nothing happens this step
        var r = p.Read(i);
        Advance(m, ref r, tEndMs, ref sink);
        p.Write(r);
    }

    /// <summary>Advances one particle through all its events up to tEndMs; a free particle's position is then known at tEndMs.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Advance<TSink>(SpeciesModel m, ref ParticleRecord r, double tEndMs, ref TSink sink)
        where TSink : struct, ITransitionSink
    {
        if (r.State >= ParticleState.Reacted) return;
        if (r.State == ParticleState.Trapped && r.NextEventMs > tEndMs) return;
        var geo = m.Dendrite;
        var rng = m.Cursor(r.Id, r.RngWords);
        var motion = m.MotionCursor(r.Id, r.MotionRngWords);
        double x = r.XUm;
        int laps = r.Laps;
        while (true)
        {
            if (r.State == ParticleState.Free)
            {
                if (r.NextEventMs > tEndMs)
                {
                    if (!geo.Move(ref x, ref laps, tEndMs - r.LastTimeMs, ref motion)) { r.State = ParticleState.Absorbed; sink.Absorbed(r.Id); }
                    r.LastTimeMs = tEndMs;
                    break;
                }
                if (!geo.Move(ref x, ref laps, r.NextEventMs - r.LastTimeMs, ref motion))
                {
                    r.State = ParticleState.Absorbed; sink.Absorbed(r.Id); r.LastTimeMs = r.NextEventMs;
                    break;
                }
                r.XUm = x;
                Trap(m, ref r, r.NextEventMs, ref rng);
                sink.Captured(r.Id, r.Spine, r.LastTimeMs);
            }
            else
            {
                if (r.NextEventMs > tEndMs) break;
                if (r.ReactsNext) { r.State = ParticleState.Reacted; sink.Reacted(r.Id, r.Spine, r.NextEventMs); r.LastTimeMs = r.NextEventMs; break; }
                sink.Released(r.Id, r.Spine, r.NextEventMs);
                r.State = ParticleState.Free;
                r.LastTimeMs = r.NextEventMs;
                r.NextEventMs = r.LastTimeMs + m.SampleFreeTime(ref rng);
                rng.SkipToBlockBoundary();
                r.Spine = -1;
                r.ReactsNext = false;
            }
        }
        r.XUm = x; r.Laps = laps;
        motion.SkipToBlockBoundary(); // the next step starts on a fresh block (the clock is always at one)
        r.RngWords = rng.WordsUsed;
        r.MotionRngWords = motion.WordsUsed;
    }
}
