using AgentSpines.Actors.Simulation;

namespace AgentSpines.Cluster.Sweeps;

/// <summary>
/// One job of a sweep: a <see cref="SimulationJob"/> plus where it sits in the sweep. <see cref="Key"/> is unique in
/// the sweep and deterministic (regime label, parameter point, replicate, block); results are de-duplicated by it.
/// </summary>
/// <param name="Index">Position in the sweep's canonical job order (sharding uses it).</param>
/// <param name="Regime">Label of the regime (its config file name without extension).</param>
/// <param name="Point">Index of the parameter point in the sweep's Grid.</param>
/// <param name="PointLevel">The point=... partition value inserted into file paths, or null when the sweep has one point.</param>
public sealed record SweepJob(int Index, string Regime, int Point, int? PointLevel, string Engine, SimulationJob Job)
{
    public string Key => $"{Regime}.p{Point:D3}.{Job.Key}";
}
