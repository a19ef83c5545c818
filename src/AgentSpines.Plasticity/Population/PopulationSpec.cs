namespace AgentSpines.Plasticity.Population;

/// <summary>
/// Size and timing of a population run (mirrors the lead's "Run" and "Dendrites" sections, which this module
/// only reads: Run:Name, Run:Seed, Run:DurationDays, Run:StepHours, Run:Replicates, Dendrites:Count,
/// Dendrites:LengthUm, Dendrites:SegmentLengthUm).
/// </summary>
public sealed record PopulationSpec
{
    public string Name { get; init; } = "run";
    public ulong Seed { get; init; } = 1;
    public double DurationDays { get; init; } = 30;
    public double StepHours { get; init; } = 1;
    public int Replicates { get; init; } = 1;
    public int DendriteCount { get; init; } = 10;
    public double DendriteLengthUm { get; init; } = 100;
    public double SegmentLengthUm { get; init; } = 10;
    /// <summary>Run replicates and arms in parallel (results do not depend on it).</summary>
    public bool Parallel { get; init; } = true;
    /// <summary>Keep every formation and elimination (time, position) for spatial analyses.</summary>
    public bool RecordTurnover { get; init; }

    public double TotalLengthUm => DendriteCount * DendriteLengthUm;

    /// <summary>Dendrite count giving at least the requested number of spines at the given density (length fixed).</summary>
    public PopulationSpec WithAtLeastSpines(int spines, double densityPerUm)
        => this with { DendriteCount = Math.Max(1, (int)Math.Ceiling(spines / (densityPerUm * DendriteLengthUm))) };
}
