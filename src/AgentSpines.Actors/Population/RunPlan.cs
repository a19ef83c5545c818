using AgentSpines.Actors.Simulation;

namespace AgentSpines.Actors.Population;

/// <summary>The steps of a run: how many, which take a census (snapshots, imaging sessions, days), how long each is.</summary>
public sealed record RunPlan(int Steps, double StepH, ISet<long> SnapshotSteps, IReadOnlyDictionary<long, double> SessionSteps, int StepsPerDay)
{
    public CensusKind CensusAt(long k)
        => SnapshotSteps.Contains(k) || SessionSteps.ContainsKey(k) ? CensusKind.Rows : k % StepsPerDay == 0 ? CensusKind.Counts : CensusKind.None;

    public static RunPlan Of(SimulationConfig config, double referenceTimeH)
    {
        double dt = config.Run.StepHours;
        int steps = (int)Math.Round(config.Run.DurationDays * 24 / dt);
        int stepsPerDay = Math.Max(1, (int)Math.Round(24 / dt));
        var sessions = new Dictionary<long, double>();
        foreach (double d in config.Imaging.SessionDays)
        {
            long k = (long)Math.Round((referenceTimeH + d * 24) / dt);
            if (k >= 0 && k <= steps) sessions.TryAdd(k, d);
        }
        var snapshotSteps = new HashSet<long> { 0, steps };
        if (config.Output.SnapshotEveryHours > 0)
        {
            long every = Math.Max(1, (long)Math.Round(config.Output.SnapshotEveryHours / dt));
            for (long k = 0; k <= steps; k += every) snapshotSteps.Add(k);
        }
        return new RunPlan(steps, dt, snapshotSteps, sessions, stepsPerDay);
    }
}
