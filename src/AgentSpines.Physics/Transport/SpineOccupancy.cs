namespace AgentSpines.Physics.Transport;

/// <summary>
/// Occupancy of every spine by one species, for plasticity: the current number of trapped particles, its time
/// integral since the start (particle-ms), and for the last step the arrivals, the mean and the peak occupancy.
/// Built from the step's spine events sorted by (spine, time, particle), so it does not depend on who simulated them.
/// </summary>
public sealed class SpineOccupancy
{
    public int[] Current { get; }
    public double[] IntegralParticleMs { get; }
    public int[] StepArrivals { get; }
    public double[] StepMeanOccupancy { get; }
    public int[] StepPeakOccupancy { get; }

    /// <summary>Index of the first spine tracked: element i is spine FirstSpine + i (a spine actor tracks just its own).</summary>
    public int FirstSpine { get; }

    public SpineOccupancy(int spineCount, int firstSpine = 0)
    {
        FirstSpine = firstSpine;
        Current = new int[spineCount]; IntegralParticleMs = new double[spineCount];
        StepArrivals = new int[spineCount]; StepMeanOccupancy = new double[spineCount]; StepPeakOccupancy = new int[spineCount];
    }

    /// <summary>Counts the particles trapped at t = 0.</summary>
    public void Initialise(ParticleArrays p)
    {
        Array.Clear(Current);
        for (int i = 0; i < p.Count; i++)
            if (p.State[i] == ParticleState.Trapped) Current[p.Spine[i] - FirstSpine]++;
    }

    /// <summary>Sorts spine events canonically: by spine, time, particle, then exits before entries.</summary>
    public static void SortCanonically(List<SpineEvent> events) => events.Sort(static (a, b) =>
    {
        int c = a.Spine.CompareTo(b.Spine);
        if (c != 0) return c;
        c = a.TimeMs.CompareTo(b.TimeMs);
        if (c != 0) return c;
        c = a.Particle.CompareTo(b.Particle);
        return c != 0 ? c : a.Delta.CompareTo(b.Delta);
    });

    /// <summary>Applies the events of the step (tStart, tEnd]; events may come in any order.</summary>
    public void ApplyStep(List<SpineEvent> events, double tStartMs, double tEndMs)
    {
        SortCanonically(events);
        double dt = tEndMs - tStartMs;
        for (int s = 0; s < Current.Length; s++)
        {
            StepArrivals[s] = 0; StepPeakOccupancy[s] = Current[s];
            StepMeanOccupancy[s] = Current[s];
            IntegralParticleMs[s] += Current[s] * dt;
        }
        int k = 0;
        while (k < events.Count)
        {
            int spine = events[k].Spine, s = spine - FirstSpine, n = Current[s], peak = n, arrivals = 0;
            double prev = tStartMs, integral = 0;
            for (; k < events.Count && events[k].Spine == spine; k++)
            {
                var e = events[k];
                integral += n * (e.TimeMs - prev);
                prev = e.TimeMs;
                n += e.Delta;
                if (e.Delta > 0) arrivals++;
                if (n > peak) peak = n;
            }
            integral += n * (tEndMs - prev);
            IntegralParticleMs[s] += integral - Current[s] * dt;
            Current[s] = n;
            StepArrivals[s] = arrivals; StepPeakOccupancy[s] = peak;
            StepMeanOccupancy[s] = dt > 0 ? integral / dt : n;
        }
    }
}
