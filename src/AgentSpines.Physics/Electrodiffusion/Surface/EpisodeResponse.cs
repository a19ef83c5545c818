namespace AgentSpines.Physics.Electrodiffusion.Surface;

/// <summary>
/// What an episode hands to plasticity in a population run (the subset of <see cref="EpisodeSummary"/> that
/// EpisodeActivity uses): peak head depolarisation above rest (mV), NMDA-current boost ratio (1) and the NMDA
/// charge (fC), the calcium-influx proxy. A value type: queries do not allocate.
/// </summary>
public readonly record struct EpisodeResponse(double PeakHeadDepolarizationMV, double NmdaCurrentBoostRatio, double NmdaChargeFC)
{
    /// <summary>Number of quantities a surface stores per node.</summary>
    public const int QuantityCount = 3;

    public static readonly string[] QuantityNames = ["v_head_peak_mv", "nmda_boost", "nmda_charge_fc"];

    public static EpisodeResponse From(EpisodeSummary s) => new(s.PeakHeadDepolarizationMV, s.NmdaCurrentBoostRatio, s.NmdaChargeFC);

    public double this[int q] => q switch
    {
        0 => PeakHeadDepolarizationMV,
        1 => NmdaCurrentBoostRatio,
        2 => NmdaChargeFC,
        _ => throw new ArgumentOutOfRangeException(nameof(q)),
    };

    /// <summary>Largest relative difference over the quantities, |this - exact| / |exact|.</summary>
    public double MaxRelativeError(in EpisodeResponse exact)
    {
        double m = 0;
        for (int q = 0; q < QuantityCount; q++) m = Math.Max(m, Math.Abs(this[q] - exact[q]) / Math.Abs(exact[q]));
        return m;
    }
}
