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
    /// Imaging artefact: the share of spines no longer seen after the first session grows as
    /// ArtefactMaxHiddenFraction x (1 - exp(-(days since the first session - ArtefactOnsetDays) / ArtefactTimeConstantDays)), the same spines
    /// from session to session (a fixed hash per spine), as when a chronic cranial window loses clarity. 0 = off (default).
    /// Every published vehicle arm loses 10-28 % of its visible spines over 1-2 months (drug_targets.md); the
    /// preparation files (configs/preparations) set it per study. Hidden spines count as lost.
    /// </summary>
    public double ArtefactMaxHiddenFraction { get; set; } = 0;
    /// <summary>Time constant (days) of the artefact's growth; long constants make it nearly linear in time.</summary>
    public double ArtefactTimeConstantDays { get; set; } = 30;
    /// <summary>
    /// Days after the first session during which the window stays clear (no spine hidden); 0 = the artefact starts at the
    /// first session. Jefferson 2023's vehicle is still at +3.7 % on day 1 (four days after the first session) and then
    /// falls to -8.3 % by day 3, where Phoumthipphavong 2016's saline is already at -15 % on day 1.
    /// </summary>
    public double ArtefactOnsetDays { get; set; } = 0;
    /// <summary>SD of ln of a per-dendrite multiplier of the hidden share (windows and fields of view differ); 0 = the same everywhere.</summary>
    public double ArtefactDendriteLogSd { get; set; } = 0;
    /// <summary>
    /// Session-to-session measurement noise of head width, SD of ln(width), independent per spine and session (focus,
    /// resolution, scoring). A spine is scored present when its measured width reaches DetectionMinHeadWidthUm.
    /// Jefferson 2023 per-spine widths: SD ln(d(t+2 d)/d(t)) 0.23-0.26 and over 27 d only 0.28, so most of the
    /// 2-day change is measurement noise (docs/plasticity.md, 6c). 0 = exact widths.
    /// </summary>
    public double WidthMeasurementLogSd { get; set; } = 0;

    // --- the study design of a virtual experiment (summaries and the power command) ---
    /// <summary>Animals per arm in the published study (a replicate is one animal).</summary>
    public int AnimalsPerArm { get; set; } = 6;
    /// <summary>Dendrites imaged per animal (Dendrites:Count is set to it in virtual experiments).</summary>
    public int DendritesPerAnimal { get; set; } = 13;
    /// <summary>Over what the paper computed its SEM: Dendrites (Kwan lab: every dendrite a sample) or Animals (per-mouse means).</summary>
    public SemUnit SemOver { get; set; } = SemUnit.Dendrites;
    /// <summary>
    /// Sessions at which the study imaged only some of its animals: per session day, how many of each arm's animals
    /// (at most; AnimalsPerArm caps it). A session without an entry has every animal; an entry for a day that is not a
    /// session is not used (a shorter run's own SessionDays keep working). A measure comparing sessions uses the arm's
    /// first animals imaged at all of them. Phoumthipphavong 2016 imaged 8 mice per arm to day 1, fewer later.
    /// </summary>
    public List<SessionAnimalsOptions> AnimalsImaged { get; set; } = new();

    /// <summary>How many animals of each arm are imaged at the session of the given day (all when no entry says otherwise).</summary>
    public int AnimalsImagedAt(State.Arm arm, double day)
    {
        foreach (var e in AnimalsImaged)
            if (e.Day == day) return Math.Min(AnimalsPerArm, arm == State.Arm.Drug ? e.Drug : e.Vehicle);
        return AnimalsPerArm;
    }

    public void Validate(ConfigValidator v)
    {
        v.Require(SessionDays.Count >= 2, nameof(SessionDays), SessionDays.Count, "at least two sessions");
        for (int i = 1; i < SessionDays.Count; i++)
            v.Require(SessionDays[i] > SessionDays[i - 1], nameof(SessionDays), SessionDays[i], "strictly increasing days");
        v.Range(DetectionMinHeadWidthUm, 0, 5, nameof(DetectionMinHeadWidthUm));
        v.Range(LateralFraction, 0.01, 1, nameof(LateralFraction));
        v.NonNegative(FieldOfViewLengthUm, nameof(FieldOfViewLengthUm));
        v.Range(ArtefactMaxHiddenFraction, 0, 0.9, nameof(ArtefactMaxHiddenFraction));
        v.Range(ArtefactTimeConstantDays, 0.1, 10000, nameof(ArtefactTimeConstantDays));
        v.Range(ArtefactOnsetDays, 0, 10000, nameof(ArtefactOnsetDays));
        v.Range(ArtefactDendriteLogSd, 0, 2, nameof(ArtefactDendriteLogSd));
        v.Range(WidthMeasurementLogSd, 0, 1, nameof(WidthMeasurementLogSd));
        v.Range(AnimalsPerArm, 2, 1000, nameof(AnimalsPerArm));
        v.Range(DendritesPerAnimal, 1, 1000, nameof(DendritesPerAnimal));
        for (int i = 1; i < AnimalsImaged.Count; i++)
            for (int j = 0; j < i; j++)
                v.Require(AnimalsImaged[i].Day != AnimalsImaged[j].Day, $"{nameof(AnimalsImaged)}:{i}:Day", AnimalsImaged[i].Day, "a day not listed before");
    }
}

public enum ImagedArms { Both, Drug, Vehicle }

/// <summary>One session's imaged animals (Imaging:AnimalsImaged): its day and how many animals of each arm.</summary>
public sealed class SessionAnimalsOptions : IValidatable
{
    /// <summary>The session day (as in SessionDays).</summary>
    public double Day { get; set; }
    public int Vehicle { get; set; } = 1;
    public int Drug { get; set; } = 1;

    public void Validate(ConfigValidator v)
    {
        v.Finite(Day, nameof(Day));
        v.Range(Vehicle, 1, 1000, nameof(Vehicle));
        v.Range(Drug, 1, 1000, nameof(Drug));
    }
}

/// <summary>The sampling unit of a published mean +/- SEM.</summary>
public enum SemUnit { Dendrites, Animals }
