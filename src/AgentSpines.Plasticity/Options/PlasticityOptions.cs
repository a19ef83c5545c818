using AgentSpines.Core.Configuration;

namespace AgentSpines.Plasticity.Options;

/// <summary>
/// Config section "Plasticity": intrinsic life cycle, Kesten size noise, elimination hazard, formation,
/// unsilencing, CaMKII switch, dopamine gating and PRP stabilisation. Sources and choices: docs/plasticity.md.
/// </summary>
public sealed class PlasticityOptions : IValidatable
{
    /// <summary>
    /// The study preparation whose file configs/preparations/&lt;name&gt;.json is the lowest layer of this config
    /// (ConfigSources): its baseline turnover, imaging drift and design. Empty: none (the defaults below).
    /// </summary>
    public string Preparation { get; set; } = "";

    // --- population ---
    /// <summary>True (EM-like) spine density the baseline formation rate is derived for (MODEL.md s4: 1.0-1.5 /um).</summary>
    public double DensityPerUm { get; set; } = 1.2;
    /// <summary>Baseline de novo formation; 0 = derive it so that the steady state holds DensityPerUm (Little's law).</summary>
    public double FormationPerUmPerDay { get; set; } = 0;

    // --- Kesten size dynamics V <- a V + b per step (Kasai 2021; Loewenstein 2011) ---
    /// <summary>Stationary mean head volume of the pure Kesten process, E[b]/(1-E[a]).</summary>
    public double KestenMeanHeadVolumeUm3 { get; set; } = 0.10;
    /// <summary>Relaxation time of the size process: E[a] = exp(-dt/tau).</summary>
    public double KestenRelaxationH { get; set; } = 120;
    /// <summary>SD of ln a per sqrt(hour) (multiplicative noise).</summary>
    public double KestenLogASdPerSqrtH { get; set; } = 0.065;
    /// <summary>SD of the additive term b per sqrt(hour).</summary>
    public double KestenBSdUm3PerSqrtH { get; set; } = 0.0015;
    /// <summary>Floor of head volume (a protrusion cannot shrink below it).</summary>
    public double MinHeadVolumeUm3 { get; set; } = 0.002;

    // --- birth ---
    /// <summary>Median head volume of a new protrusion (new spines are smaller: Shao 2021 day-1 widths).</summary>
    public double BirthHeadVolumeUm3 { get; set; } = 0.045;
    public double BirthHeadVolumeLogSd { get; set; } = 0.4;
    public double NeckLengthMedianUm { get; set; } = 0.8;
    public double NeckLengthLogSd { get; set; } = 0.5;
    public double NeckDiameterUm { get; set; } = 0.1;

    // --- elimination hazard h = h_tag * (V/Vref)^-beta * (1 + A exp(-age/tau_young)) ---
    public double TransientHazardPerDay { get; set; } = 0.17;
    public double PersistentHazardPerDay { get; set; } = 0.009;
    public double HazardReferenceVolumeUm3 { get; set; } = 0.10;
    public double HazardVolumeExponent { get; set; } = 0.5;
    /// <summary>Extra hazard of young protrusions (A): the "< 1 day" transients of Trachtenberg 2002.</summary>
    public double YoungHazardBoost { get; set; } = 10.0;
    public double YoungHazardTimeH { get; set; } = 12;
    /// <summary>Cap on the per-hour hazard of any spine.</summary>
    public double MaxHazardPerH { get; set; } = 2.0;
    /// <summary>
    /// Density restoration (per day, 0 = none): a dendrite with N spines above its set point N_set (its initial count, raised by
    /// Delta-FosB: CascadeOptions.DensitySetPointPerDeltaFosB) gives each of its spines an extra elimination hazard of this rate
    /// times N / N_set - 1, so an excess decays at about this rate whichever spines make it up. Nucleus accumbens MSNs: cocaine's
    /// extra spines are lost within weeks once Delta-FosB is gone (Lee 2006; Anderson and Self 2017); 0 in cortex, where
    /// psilocybin's and ketamine's new spines persist for a month (Shao 2021; Phoumthipphavong 2016).
    /// </summary>
    public double DensityRestoringRatePerDay { get; set; }

    // --- stabilisation (transient -> persistent) ---
    public double StabilisationPerDay { get; set; } = 0.24;
    /// <summary>Stabilisation rate scales with (V/Vref)^gamma: larger spines persist (Holtmaat 2005).</summary>
    public double StabilisationVolumeExponent { get; set; } = 0.5;
    /// <summary>A spine must be at least this old before it can be stabilised (synapse acquisition, 1-4 d).</summary>
    public double StabilisationMinAgeH { get; set; } = 24;

    // --- silent synapses ---
    /// <summary>Silent (NMDAR-only) -> functional (AMPAR) rate of new spines (synapse maturation over 1-4 days).</summary>
    public double UnsilencingPerDay { get; set; } = 0.5;

    // --- stage classification (continuum cut for reporting) ---
    public double MushroomMinHeadVolumeUm3 { get; set; } = 0.12;
    public double StubbyMaxNeckLengthUm { get; set; } = 0.25;
    /// <summary>Relative hysteresis on stage thresholds so noise does not flip the label every step.</summary>
    public double StageHysteresis { get; set; } = 0.15;

    // --- filopodia (drug-evoked, e.g. anaesthetic ketamine) ---
    public double FilopodiumLifetimeH { get; set; } = 1.5;

    // --- new spines near recent losses ---
    /// <summary>Probability that a birth is placed at a remembered recent-loss site (when one exists).</summary>
    public double LossSiteReuseProbability { get; set; } = 0.3;
    public double LossSiteMemoryH { get; set; } = 14 * 24;
    public double LossSiteJitterUm { get; set; } = 0.5;
    /// <summary>Only spines that lived at least this long leave a remembered site (an orphaned bouton); short-lived protrusions do not.</summary>
    public double LossSiteMinAgeH { get; set; } = 96;

    // --- activity-dependent: calcium proxy -> CaMKII switch -> LTP/LTD ---
    /// <summary>Calcium proxy (uM*s, from electrodiffusion episodes) above which the CaMKII drive is half-maximal.</summary>
    public double CamKiiHalfActivationCalciumUMS { get; set; } = 2.0;
    public double CamKiiHillN { get; set; } = 4;
    public double CamKiiAutophosphorylationPerH { get; set; } = 3;
    public double CamKiiDecayPerH { get; set; } = 1;
    /// <summary>
    /// Time constant (min) of PP1 dephosphorylation that resets the switch after a pulse (Lee et al. 2009: CaMKII activity
    /// in a stimulated spine decays with a time constant of about 1 min). 0 = no phosphatase (the bistable switch stays on).
    /// </summary>
    public double CamKiiResetTimeMin { get; set; } = 1.0;
    /// <summary>Switch state above which LTP is expressed.</summary>
    public double CamKiiLtpThreshold { get; set; } = 0.5;
    /// <summary>Calcium proxy range [LtdMin, half-activation) gives LTD (weaker calcium -> shrinkage).</summary>
    public double LtdMinCalciumUMS { get; set; } = 0.5;
    public double LtpEarlyGain { get; set; } = 0.5;
    public double LtdShrinkFraction { get; set; } = 0.3;
    /// <summary>Early (protein-synthesis independent) phase length; later consolidation needs PRPs.</summary>
    public double LtpEarlyPhaseH { get; set; } = 1.0;
    /// <summary>PRP occupancy (0..1 fraction of capture sites, from transport) needed for the late phase.</summary>
    public double PrpCaptureThreshold { get; set; } = 0.2;
    /// <summary>
    /// Weight w (0..1) of captured PRPs in stabilisation (synaptic tagging and capture): the transient-to-persistent
    /// rate is multiplied by (1 - w) + w P / PrpReferenceOccupancy, P the spine's PRP occupancy of the last step.
    /// 0 (default): stabilisation does not depend on PRPs. Needs Exchange:Enabled and Exchange:PrpSpecies.
    /// </summary>
    public double PrpStabilisationWeight { get; set; } = 0;
    /// <summary>PRP occupancy (0..1) at which the stabilisation rate is the configured StabilisationPerDay.</summary>
    public double PrpReferenceOccupancy { get; set; } = 0.2;
    /// <summary>D1 neurons: enlargement needs dopamine within the gating window (Yagishita 2014).</summary>
    public bool DopamineGated { get; set; } = false;
    public double DopamineThreshold { get; set; } = 0.5;
    /// <summary>Gating window after activity (Yagishita: 0.3-2 s) expressed as the dopamine "time since activity" limit.</summary>
    public double DopamineWindowS { get; set; } = 2.0;

    // --- random effects (docs/plasticity.md, 7): log-normal, mean 1, SD of ln ---
    /// <summary>Between-animal SD of ln of the turnover multiplier (hazards, stabilisation, formation).</summary>
    public double AnimalTurnoverLogSd { get; set; } = 0;
    /// <summary>Between-dendrite SD of ln of the turnover multiplier, within an animal.</summary>
    public double DendriteTurnoverLogSd { get; set; } = 0;
    /// <summary>Between-animal SD of ln of the drug sensitivity (scales every drug effect of the animal).</summary>
    public double AnimalDrugSensitivityLogSd { get; set; } = 0;

    public void Validate(ConfigValidator v)
    {
        v.Range(AnimalTurnoverLogSd, 0, 2, nameof(AnimalTurnoverLogSd));
        v.Range(DendriteTurnoverLogSd, 0, 2, nameof(DendriteTurnoverLogSd));
        v.Range(AnimalDrugSensitivityLogSd, 0, 2, nameof(AnimalDrugSensitivityLogSd));
        v.Range(DensityPerUm, 0.05, 10, nameof(DensityPerUm));
        v.NonNegative(FormationPerUmPerDay, nameof(FormationPerUmPerDay));
        v.Range(KestenMeanHeadVolumeUm3, 1e-4, 5, nameof(KestenMeanHeadVolumeUm3));
        v.Range(KestenRelaxationH, 1, 1e5, nameof(KestenRelaxationH));
        v.Range(KestenLogASdPerSqrtH, 0, 1, nameof(KestenLogASdPerSqrtH));
        v.Range(KestenBSdUm3PerSqrtH, 0, 1, nameof(KestenBSdUm3PerSqrtH));
        v.Range(MinHeadVolumeUm3, 1e-6, 0.1, nameof(MinHeadVolumeUm3));
        v.Range(BirthHeadVolumeUm3, 1e-4, 5, nameof(BirthHeadVolumeUm3));
        v.Range(BirthHeadVolumeLogSd, 0, 3, nameof(BirthHeadVolumeLogSd));
        v.Range(NeckLengthMedianUm, 0.01, 5, nameof(NeckLengthMedianUm));
        v.Range(NeckLengthLogSd, 0, 3, nameof(NeckLengthLogSd));
        v.Range(NeckDiameterUm, 0.01, 1, nameof(NeckDiameterUm));
        v.Range(TransientHazardPerDay, 0, 100, nameof(TransientHazardPerDay));
        v.Range(PersistentHazardPerDay, 0, 100, nameof(PersistentHazardPerDay));
        v.Positive(HazardReferenceVolumeUm3, nameof(HazardReferenceVolumeUm3));
        v.Range(HazardVolumeExponent, 0, 5, nameof(HazardVolumeExponent));
        v.Range(YoungHazardBoost, 0, 1000, nameof(YoungHazardBoost));
        v.Positive(YoungHazardTimeH, nameof(YoungHazardTimeH));
        v.Positive(MaxHazardPerH, nameof(MaxHazardPerH));
        v.Range(DensityRestoringRatePerDay, 0, 100, nameof(DensityRestoringRatePerDay));
        v.Range(StabilisationPerDay, 0, 100, nameof(StabilisationPerDay));
        v.Range(StabilisationVolumeExponent, 0, 5, nameof(StabilisationVolumeExponent));
        v.NonNegative(StabilisationMinAgeH, nameof(StabilisationMinAgeH));
        v.Range(UnsilencingPerDay, 0, 100, nameof(UnsilencingPerDay));
        v.Positive(MushroomMinHeadVolumeUm3, nameof(MushroomMinHeadVolumeUm3));
        v.Positive(StubbyMaxNeckLengthUm, nameof(StubbyMaxNeckLengthUm));
        v.Range(StageHysteresis, 0, 0.9, nameof(StageHysteresis));
        v.Positive(FilopodiumLifetimeH, nameof(FilopodiumLifetimeH));
        v.Fraction(LossSiteReuseProbability, nameof(LossSiteReuseProbability));
        v.NonNegative(LossSiteMemoryH, nameof(LossSiteMemoryH));
        v.NonNegative(LossSiteJitterUm, nameof(LossSiteJitterUm));
        v.NonNegative(LossSiteMinAgeH, nameof(LossSiteMinAgeH));
        v.Positive(CamKiiHalfActivationCalciumUMS, nameof(CamKiiHalfActivationCalciumUMS));
        v.Range(CamKiiHillN, 0.5, 10, nameof(CamKiiHillN));
        v.NonNegative(CamKiiAutophosphorylationPerH, nameof(CamKiiAutophosphorylationPerH));
        v.Positive(CamKiiDecayPerH, nameof(CamKiiDecayPerH));
        v.Range(CamKiiResetTimeMin, 0, 1e6, nameof(CamKiiResetTimeMin));
        v.Range(CamKiiLtpThreshold, 0.01, 0.99, nameof(CamKiiLtpThreshold));
        v.NonNegative(LtdMinCalciumUMS, nameof(LtdMinCalciumUMS));
        v.Require(LtdMinCalciumUMS < CamKiiHalfActivationCalciumUMS, nameof(LtdMinCalciumUMS), LtdMinCalciumUMS, "a value below CamKiiHalfActivationCalciumUMS");
        v.Range(LtpEarlyGain, 0, 10, nameof(LtpEarlyGain));
        v.Range(LtdShrinkFraction, 0, 0.95, nameof(LtdShrinkFraction));
        v.Positive(LtpEarlyPhaseH, nameof(LtpEarlyPhaseH));
        v.Fraction(PrpCaptureThreshold, nameof(PrpCaptureThreshold));
        v.Fraction(PrpStabilisationWeight, nameof(PrpStabilisationWeight));
        v.Range(PrpReferenceOccupancy, 1e-6, 1, nameof(PrpReferenceOccupancy));
        v.NonNegative(DopamineThreshold, nameof(DopamineThreshold));
        v.Positive(DopamineWindowS, nameof(DopamineWindowS));
    }
}
