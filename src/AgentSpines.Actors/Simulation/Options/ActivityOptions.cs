using AgentSpines.Core.Configuration;

namespace AgentSpines.Actors.Simulation;

/// <summary>
/// The "Activity" section: synaptic inputs that reach spines and run electrodiffusion episodes whose calcium
/// proxy drives activity-dependent plasticity. Off by default (the published turnover numbers are reproduced by
/// the intrinsic and drug mechanisms; activity adds LTP/LTD on top).
/// </summary>
public sealed class ActivityOptions : IValidatable
{
    public bool Enabled { get; set; }
    /// <summary>Mean number of synaptic input episodes per functional spine per hour (Poisson).</summary>
    public double EpisodesPerSpinePerHour { get; set; } = 1;
    /// <summary>Synaptic current of an episode, in pA.</summary>
    public double CurrentPa { get; set; } = 25;
    /// <summary>Duration of the synaptic current, in ms.</summary>
    public double DurationMs { get; set; } = 10;

    public void Validate(ConfigValidator v)
    {
        v.Range(EpisodesPerSpinePerHour, 0, 3600);
        v.Range(CurrentPa, 0, 200);
        v.Range(DurationMs, 0.1, 1000);
    }
}
