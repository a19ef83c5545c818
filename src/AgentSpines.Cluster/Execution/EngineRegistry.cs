namespace AgentSpines.Cluster.Execution;

/// <summary>
/// The engines a sweep may name: "simulation" (the AgentSpines model, the default) and "synthetic" (a
/// deterministic CPU-and-rows workload that exercises the cluster machinery without the model: tests, benchmarks,
/// checking a new cluster). Workers pick the executor named in each job message.
/// </summary>
public sealed class EngineRegistry
{
    public const string Simulation = "simulation";
    public const string Synthetic = "synthetic";
    public static readonly IReadOnlyList<string> Names = [Simulation, Synthetic];

    private readonly Dictionary<string, IJobExecutor> _engines;

    public EngineRegistry(IJobExecutor simulation, IJobExecutor synthetic)
    {
        _engines = new(StringComparer.Ordinal) { [Simulation] = simulation, [Synthetic] = synthetic };
    }

    /// <summary>The engines of this build.</summary>
    public static EngineRegistry Default { get; } = new(new SimulationExecutor(), new SyntheticExecutor());

    public IJobExecutor Get(string name)
        => _engines.TryGetValue(name, out var e) ? e : throw new AgentSpines.Core.AgentSpinesInputException($"engine '{name}' is not known (one of: {string.Join(", ", Names)})");
}
