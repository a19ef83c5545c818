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
    public double CurrentPA { get; set; } = 25;
    /// <summary>Duration of the synaptic current, in ms.</summary>
    public double DurationMs { get; set; } = 10;
    /// <summary>Head length in nm used to turn a spine's head volume into the electrodiffusion geometry.</summary>
    public double HeadLengthNm { get; set; } = 500;
    /// <summary>Fraction of the NMDA current carried by Ca2+ (about 0.1; Schneggenburger 1993, Burnashev 1995).</summary>
    public double CalciumFractionOfNmdaCurrent { get; set; } = 0.1;
    /// <summary>Endogenous buffer capacity of the spine head (kappa about 20; Sabatini, Oertner and Svoboda 2002).</summary>
    public double CalciumBufferCapacity { get; set; } = 20;
    /// <summary>Decay time constant of free head [Ca2+] after an episode, in ms (about 12-15 ms; Sabatini 2002).</summary>
    public double CalciumDecayMs { get; set; } = 15;
    /// <summary>
    /// One `episodes` row per spine and step with episodes (or an early LTP/LTD change) instead of one per dendrite and
    /// step. Off by default: at 10^5 spines x 30 days per-spine rows are about 40 M, dendrite rows 0.6 M.
    /// </summary>
    public bool EpisodeRows { get; set; }
    /// <summary>
    /// Log every early-phase LTP/LTD size change (enlarged/shrunk with cause ltp or ltd, and its undoing an hour later)
    /// as an `events` row. Off by default: like the intrinsic size drift, these changes are applied every step and
    /// counted in the `episodes` table (ltp_inductions, ... activity_volume_change_um3); what lasts is logged as
    /// events (stabilised with cause ltp, class changes, eliminations).
    /// </summary>
    public bool SizeEventRows { get; set; }
    /// <summary>
    /// Directory of the episode response surfaces (content-addressed files, shared by runs and a sweep's workers);
    /// empty: $AGENTSPINES_SURFACE_CACHE, else ~/.cache/agentspines/surfaces (docs/electrodiffusion.md).
    /// </summary>
    public string? SurfaceCacheDir { get; set; }
    /// <summary>Head volumes the surface covers, in um^3 (spines outside are solved exactly, and counted).</summary>
    public double SurfaceHeadVolumeMinUm3 { get; set; } = 0.004;
    public double SurfaceHeadVolumeMaxUm3 { get; set; } = 2.0;
    /// <summary>Neck diameters the surface covers, in um; equal values make the diameter a fixed key (Plasticity:NeckDiameterUm is 0.1).</summary>
    public double SurfaceNeckDiameterMinUm { get; set; } = 0.1;
    public double SurfaceNeckDiameterMaxUm { get; set; } = 0.1;
    /// <summary>Relative interpolation error allowed at grid-interval midpoints while the surface is refined.</summary>
    public double SurfaceTolerance { get; set; } = 0.002;

    public void Validate(ConfigValidator v)
    {
        v.Range(EpisodesPerSpinePerHour, 0, 3600);
        v.Range(CurrentPA, 0, 200);
        v.Range(DurationMs, 0.1, 1000);
        v.Range(HeadLengthNm, 50, 5000);
        v.Fraction(CalciumFractionOfNmdaCurrent);
        v.Range(CalciumBufferCapacity, 0, 1000);
        v.Range(CalciumDecayMs, 0.1, 10_000);
        v.Range(SurfaceHeadVolumeMinUm3, 1e-4, 100);
        v.Range(SurfaceHeadVolumeMaxUm3, SurfaceHeadVolumeMinUm3, 100);
        v.Range(SurfaceNeckDiameterMinUm, 0.005, 2);
        v.Range(SurfaceNeckDiameterMaxUm, SurfaceNeckDiameterMinUm, 2);
        v.Range(SurfaceTolerance, 1e-4, 0.05);
    }
}
