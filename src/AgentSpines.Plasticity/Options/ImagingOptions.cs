using AgentSpines.Core.Configuration;

namespace AgentSpines.Plasticity.Options;

/// <summary>
/// Config section "Imaging": virtual two-photon sessions. A spine is counted when its head width reaches the
/// detection threshold and it projects laterally (spines along the optical axis are hidden behind the shaft).
/// </summary>
public sealed class ImagingOptions : IValidatable
{
    /// <summary>Session days relative to the regime's day 0 (Shao 2021: -3, -1, 1, 3, 5, 7, 34).</summary>
    public List<double> SessionDays { get; set; } = new() { -3, -1, 1, 3, 5, 7, 34 };
    public double DetectionMinHeadWidthUm { get; set; } = 0.40;
    /// <summary>Fraction of spines that project laterally and can be seen at all.</summary>
    public double LateralFraction { get; set; } = 0.65;
    /// <summary>Length of dendrite in the field of view; 0 = all simulated dendrite.</summary>
    public double FieldOfViewLengthUm { get; set; } = 0;
    /// <summary>Which arms are imaged: Both, Drug or Vehicle.</summary>
    public ImagedArms Arm { get; set; } = ImagedArms.Both;
    /// <summary>
    /// Imaging artefact (fraction of spines per 30 days, 0 = off, the default): a growing share of spines, fixed per
    /// spine, is no longer seen after the first session, as when a cranial window degrades. Vehicle density in
    /// chronic imaging falls 10-15 % over 1-2 months (drug_targets.md): 0.06-0.1 per month (tested with 0.06: -12 % at 2 months).
    /// </summary>
    public double ArtefactDensityLossPerMonth { get; set; } = 0;

    public void Validate(ConfigValidator v)
    {
        v.Require(SessionDays.Count >= 2, nameof(SessionDays), SessionDays.Count, "at least two sessions");
        for (int i = 1; i < SessionDays.Count; i++)
            v.Require(SessionDays[i] > SessionDays[i - 1], nameof(SessionDays), SessionDays[i], "strictly increasing days");
        v.Range(DetectionMinHeadWidthUm, 0, 5, nameof(DetectionMinHeadWidthUm));
        v.Range(LateralFraction, 0.01, 1, nameof(LateralFraction));
        v.NonNegative(FieldOfViewLengthUm, nameof(FieldOfViewLengthUm));
        v.Range(ArtefactDensityLossPerMonth, 0, 0.5, nameof(ArtefactDensityLossPerMonth));
    }
}

public enum ImagedArms { Both, Drug, Vehicle }
