namespace AgentSpines.Cluster.Sweeps;

/// <summary>
/// A sweep as written in its JSON file (see docs/cluster.md): regimes x parameter points x replicates x dendrite
/// blocks. Paths are already resolved against the sweep file's directory. Built only by <see cref="SweepConfigLoader"/>.
/// </summary>
public sealed record SweepConfig(
    string Name,
    string SourcePath,
    string Engine,
    SweepBase? Base,
    IReadOnlyList<string> Regimes,
    IReadOnlyList<string> Overrides,
    IReadOnlyList<IReadOnlyList<string>> Grid,
    int? Replicates,
    int? BlockCount,
    int? DendritesPerBlock,
    string? Broker,
    string? ResultsPath);

/// <summary>The base configuration: a file, or an inline JSON object (its text).</summary>
public sealed record SweepBase(string? Path, string? InlineJson)
{
    public string Label => Path != null ? System.IO.Path.GetFileNameWithoutExtension(Path) : "base";
}
