using AgentSpines.Core.Configuration;

namespace AgentSpines.Actors.Simulation;

/// <summary>What kind of simulation a config describes.</summary>
public enum RunKind
{
    /// <summary>Spine population under a regime: structural steps of hours over days (the default).</summary>
    Population,
    /// <summary>Particle exchange between dendrite and spines (Fedotov-Mendez CTRW) at millisecond scale.</summary>
    Transport,
}

/// <summary>The "Run" section: identity, seed, duration, step and replicates.</summary>
public sealed class RunOptions : IValidatable
{
    public string Name { get; set; } = "run";
    public RunKind Kind { get; set; } = RunKind.Population;
    /// <summary>Run seed: with the config, it fixes every random number of the run.</summary>
    public ulong Seed { get; set; } = 1;
    public double DurationDays { get; set; } = 30;
    /// <summary>Length of a structural step (turnover, drugs), in hours.</summary>
    public double StepHours { get; set; } = 1;
    /// <summary>Independent replicates (each with its own random key, shared by its drug and vehicle arms).</summary>
    public int Replicates { get; set; } = 1;

    public void Validate(ConfigValidator v)
    {
        v.NotEmpty(Name);
        v.Require(Name.IndexOfAny(['/', '\\', '\0']) < 0, nameof(Name), Name, "a name without '/', '\\' or NUL (it names output partitions)");
        v.Range(DurationDays, 1.0 / 24, 3650);
        v.Range(StepHours, 1.0 / 60, 24);
        v.Require(DurationDays * 24 / StepHours <= 10_000_000, nameof(StepHours), StepHours, "a step giving at most 10^7 steps for the run");
        v.Range(Replicates, 1, 10_000);
    }
}
