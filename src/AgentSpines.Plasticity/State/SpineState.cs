namespace AgentSpines.Plasticity.State;

/// <summary>
/// Everything a spine carries between structural steps. Owned by one spine (actor); only PlasticityModel writes it.
/// Volumes um^3, lengths um, times h.
/// </summary>
public sealed class SpineState
{
    public ulong Id { get; init; }
    public ulong SegmentId { get; init; }
    public double PositionUm { get; init; }
    public LifeStage Stage { get; set; }
    /// <summary>NMDAR-only synapse (no AMPAR): new spines start silent.</summary>
    public bool Silent { get; set; }
    /// <summary>Stabilised (persistent) versus transient subpopulation.</summary>
    public bool Persistent { get; set; }
    public double HeadVolumeUm3 { get; set; }
    public double NeckLengthUm { get; set; }
    public double NeckDiameterUm { get; set; }
    public double FormedAtH { get; init; }
    public double AgeH { get; set; }
    /// <summary>CaMKII switch state in [0, 1].</summary>
    public double CamKii { get; set; }
    public LtpPhase Ltp { get; set; }
    /// <summary>Time the current LTP phase started (h).</summary>
    public double LtpSinceH { get; set; }
    /// <summary>Volume factor of an unconsolidated early-LTP enlargement (undone if not consolidated).</summary>
    public double EarlyLtpFactor { get; set; } = 1;
    /// <summary>Turnover multiplier of the spine's dendrite (random effect, mean 1): scales its hazard and stabilisation.</summary>
    public double TurnoverMultiplier { get; set; } = 1;
    /// <summary>Integral of drug receptor occupancy over the spine's life (h).</summary>
    public double OccupancyIntegralH { get; set; }
    /// <summary>Integral of plasticity-related-particle occupancy over the spine's life (h).</summary>
    public double PrpIntegralH { get; set; }

    /// <summary>Head diameter of a sphere of the head volume: d = (6V/pi)^(1/3).</summary>
    public double HeadWidthUm => SpineGeometry.WidthFromVolume(HeadVolumeUm3);
}

public static class SpineGeometry
{
    public static double WidthFromVolume(double volumeUm3) => Math.Cbrt(6.0 * volumeUm3 / Math.PI);
    public static double VolumeFromWidth(double widthUm) => Math.PI / 6.0 * widthUm * widthUm * widthUm;
}
