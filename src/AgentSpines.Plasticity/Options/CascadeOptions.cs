using AgentSpines.Core.Configuration;

namespace AgentSpines.Plasticity.Options;

/// <summary>
/// Config section "Cascade": the parameters of the ONE signalling cascade shared by every drug and by stress
/// (SignallingCascade). Defaults are the calibrated set; drug configs do not override them (a test checks), and
/// `agentspines calibrate` fits them to all drugs at once. Units in names: H = hours, time constants are 1/e times.
/// Sources and the diagram: docs/drugs.md.
/// </summary>
public sealed class CascadeOptions : IValidatable
{
    // --- network excitation (glutamate burst), minutes ---
    /// <summary>Time constant of pyramidal glutamatergic drive (h): the burst after interneuron block lasts tens of minutes (Moghaddam 1997).</summary>
    public double ExcitationTauH { get; set; } = 0.25;
    /// <summary>Gain of disinhibition: excitation per unit interneuron NMDA block (Homayoun and Moghaddam 2007).</summary>
    public double DisinhibitionGain { get; set; } = 1.5;
    /// <summary>Excitation per unit 5-HT2A activation of L5 pyramidal cells (Aghajanian and Marek 1997: glutamate release).</summary>
    public double Ht2aExcitationGain { get; set; } = 0.8;
    /// <summary>Inhibition per unit 5-HT1A activation (Gi, hyperpolarisation of pyramidal cells).</summary>
    public double Ht1aInhibitionGain { get; set; } = 1.2;
    /// <summary>Inhibition per unit synaptic GABA-A potentiation (benzodiazepine site).</summary>
    public double GabaInhibitionGain { get; set; } = 0.8;
    /// <summary>Disinhibition per unit extrasynaptic (interneuron delta) GABA-A potentiation by neurosteroids (assumed route).</summary>
    public double NeurosteroidDisinhibitionGain { get; set; } = 0.2;
    /// <summary>Inhibition per unit alpha2-adrenergic activation (xylazine: less noradrenaline, lower cortical activity).</summary>
    public double Alpha2InhibitionGain { get; set; } = 1.5;

    // --- BDNF-TrkB, tens of minutes to hours ---
    public double BdnfTauH { get; set; } = 2.0;
    /// <summary>Activity-dependent BDNF release per unit excess excitation.</summary>
    public double BdnfPerExcitation { get; set; } = 2.0;
    /// <summary>TrkB signalling per unit TrkB potentiation P (Moliner 2023).</summary>
    public double BdnfPerTrkBBinding { get; set; } = 0.9;
    /// <summary>K_R: the activity-released BDNF (units of TrkB signalling) at which a TrkB modulator's potentiation is half its
    /// binding: a positive allosteric modulator needs BDNF bound to act (Moliner 2023) [assumed].</summary>
    public double TrkBPotentiationHalfRelease { get; set; } = 0.2;
    /// <summary>BDNF suppression per unit glucocorticoid state (Duman and Monteggia 2006).</summary>
    public double BdnfSuppressionPerGlucocorticoid { get; set; } = 0.2;

    /// <summary>Refractoriness of mTORC1 per unit synaptic protein synthesis (1/h) and its recovery (h): mTORC1-S6K1 feeds back on its
    /// upstream inputs (IRS-1; Harrington et al. 2004 J Cell Biol 166:213), so a dose a day after another drives mTORC1 less
    /// and repeated doses do not add up [rate fit to bounded repeated ketamine; recovery assumed].</summary>
    public double MtorRefractoryRatePerH { get; set; } = 3;
    public double MtorRefractoryTauH { get; set; } = 72;

    // --- mTORC1 and local protein synthesis, hours ---
    public double MtorTauH { get; set; } = 5.0;
    /// <summary>mTORC1 input per unit 5-HT2A activation (Gq - Akt - mTOR; Ly 2018).</summary>
    public double MtorPerHt2a { get; set; } = 1.0;
    /// <summary>Half-activation of mTORC1 (units of TrkB signalling) and its Hill slope (a threshold: Li 2010).</summary>
    public double MtorHalfActivation { get; set; } = 0.25;
    public double MtorHill { get; set; } = 2;
    /// <summary>Time constant of the pool of newly synthesised synaptic proteins (h).</summary>
    public double ProteinTauH { get; set; } = 10;

    // --- slow states, days to weeks ---
    /// <summary>New-spine competence per unit protein pool (1/h) and its decay (h): the synaptic proteins made after a burst of
    /// mTORC1 (PSD-95, GluA1, Arc; Li 2010) let a dendrite sprout spines for a few days, whichever drug drove the synthesis
    /// (psychedelics: formation back to vehicle by day 5-7, Shao 2021, Jefferson 2023) [rate and decay fit].</summary>
    public double SynaptogenesisRatePerH { get; set; } = 0.12;
    public double SynaptogenesisTauH { get; set; } = 72;
    /// <summary>eEF2 dephosphorylation by NMDA-receptor block at rest: half-maximal at this pyramidal NMDA block (0..1) and its
    /// relaxation (h). Blocking spontaneous NMDA transmission silences eEF2 kinase, de-repressing BDNF translation (Autry et al.
    /// 2011 Nature 475:91; Monteggia et al. 2013) [half-block and time constant assumed].</summary>
    public double Eef2HalfBlock { get; set; } = 0.05;
    public double Eef2TauH { get; set; } = 12;
    /// <summary>Build-up rate of the homeostatic priming state per unit protein pool and eEF2 state (1/h); bounded in [0, 1]:
    /// homeostatic synaptic upscaling after NMDA block needs BDNF translation and protein synthesis (Kavalali and Monteggia
    /// 2020 Neuron 106:715) and lasts about two weeks after ketamine (Phoumthipphavong 2016) [fit].</summary>
    public double PrimingRatePerH { get; set; } = 6;
    public double PrimingTauH { get; set; } = 200;
    /// <summary>Lag of priming's structural expression (h): homeostatic upscaling appears over 1-2 days (Turrigiano et al. 1998
    /// Nature 391:892), so after ketamine density keeps rising to day 10 (Phoumthipphavong 2016) [assumed 3 days].</summary>
    public double UpscalingTauH { get; set; } = 72;
    /// <summary>5-HT2A-driven transcriptional plasticity window (immediate-early genes, chromatin): rate (1/h) and decay (h).</summary>
    public double TranscriptionRatePerH { get; set; } = 0.5;
    public double TranscriptionTauH { get; set; } = 900;
    /// <summary>5-HT2A desensitisation/downregulation (tachyphylaxis): rate per unit activation (1/h) and recovery (h).</summary>
    public double Ht2aDesensitisationRatePerH { get; set; } = 0.3;
    public double Ht2aRecoveryTauH { get; set; } = 96;

    // --- dopamine, CaMKII, Delta-FosB (the loop of seed 000 Fig. 2; Robison et al. 2013 J Neurosci 33:4295) ---
    /// <summary>Fraction of dopamine clearance done by DAT at baseline (the rest: NET, diffusion).</summary>
    public double DatClearanceFraction { get; set; } = 0.8;
    /// <summary>D1 half-activation in units of basal extracellular dopamine.</summary>
    public double D1HalfActivationBasal { get; set; } = 1;
    /// <summary>D2 half-activation in units of basal dopamine [assumed equal to D1: the in vivo high-affinity fraction is not known].</summary>
    public double D2HalfActivationBasal { get; set; } = 1;
    /// <summary>Time constant of D1-driven CaMKII activation (h).</summary>
    public double CamKiiTauH { get; set; } = 1;
    /// <summary>Delta-FosB induction per hour per unit CaMKII activation (D1 cells) [fit: ~0.2-0.5 after 5-28 daily cocaine doses].</summary>
    public double DeltaFosBInductionPerH { get; set; } = 0.1;
    /// <summary>Delta-FosB induction in D2 cells per unit D2 signal, relative to D1 cells (Lee 2006: up in both at withdrawal day 2) [fit].</summary>
    public double DeltaFosBInductionPerD2 { get; set; } = 3.0;
    /// <summary>Half-life of Delta-FosB without CaMKII stabilisation (h) [assumed 5 d; ~8 d or more where stabilised, Nestler 2008].</summary>
    public double DeltaFosBHalfLifeH { get; set; } = 120;
    /// <summary>Slower Delta-FosB decay per unit induced CaMKII: decay / (1 + this L) (CaMKII phosphorylates Delta-FosB Ser27; Robison 2013).</summary>
    public double DeltaFosBStabilisationPerCamKiiLevel { get; set; } = 2.0;
    /// <summary>CaMKIIalpha induction by Delta-FosB in D1-expressing cells, L* = this F (Robison 2013, NAc shell D1 MSNs) [fit].</summary>
    public double CamKiiLevelPerDeltaFosB { get; set; } = 1.5;
    /// <summary>Time constant of the CaMKII protein level (transcription and turnover) [assumed: days].</summary>
    public double CamKiiLevelTauH { get; set; } = 96;

    // --- microglia, glucocorticoids, filopodia ---
    public double MicrogliaTauH { get; set; } = 24;
    public double GlucocorticoidTauH { get; set; } = 48;
    public double FilopodiaTauH { get; set; } = 0.5;

    // --- outputs to the structural rules (StepEnvironment) ---
    public double FormationPerProtein { get; set; } = 0;
    public double FormationPerSynaptogenesis { get; set; } = 5.5;
    public double FormationPerUpscaling { get; set; } = 7;
    public double FormationPerTranscription { get; set; } = 0.6;
    public double FormationPerCamKii { get; set; } = 9;
    public double FormationPerDeltaFosB { get; set; } = 0.4;
    /// <summary>Formation change per unit negative TrkB signalling (BDNF below baseline).</summary>
    public double FormationPerBdnfDeficit { get; set; } = 0.4;
    public double TransientEliminationPerMicroglia { get; set; } = 10;
    public double TransientEliminationPerGlucocorticoid { get; set; } = 1.5;
    public double PersistentEliminationPerGlucocorticoid { get; set; } = 0.8;
    /// <summary>d ln V / day per unit TrkB signalling (BDNF-dependent enlargement, Tanaka 2008).</summary>
    public double EnlargementLogPerDayPerBdnf { get; set; } = 0.2;
    /// <summary>d ln V / day per unit direct TrkB potentiation: a positive allosteric modulator strengthens BDNF-TrkB at active
    /// synapses, where enlargement happens (Moliner 2023; Tanaka 2008). Drives psilocybin's transient head-width rise.</summary>
    public double EnlargementLogPerDayPerTrkBBinding { get; set; } = 45;
    /// <summary>Consolidation of TrkB-potentiated growth: dG/dt = r TrkB (1 - G) - G / tau. Head growth driven by BDNF-TrkB has a
    /// protein-synthesis-dependent late phase that outlasts the stimulus (Tanaka et al. 2008 Science 319:1683; Bosch et al. 2014
    /// Neuron 82:444), so psilocybin's head-width rise decays over a week (Shao 2021: +10.7/+7.4/+6.8/+5.1 % at d1/d3/d5/d7),
    /// slower than the spine-size relaxation alone would take it back [rate, time constant and gain fit to that course].</summary>
    public double GrowthConsolidationRatePerH { get; set; } = 0.75;
    public double GrowthConsolidationTauH { get; set; } = 240;
    /// <summary>d ln V / day per unit consolidated growth G (it holds the size set point up while G lasts).</summary>
    public double EnlargementLogPerDayPerGrowthConsolidation { get; set; } = 0.25;
    /// <summary>d ln V / day per unit suppressed excitation (activity-dependent maintenance lost).</summary>
    public double ShrinkageLogPerDayPerInhibition { get; set; } = 0.05;
    public double StabilisationPerCamKii { get; set; } = 1;
    /// <summary>Stabilisation of new spines per unit 5-HT2A-driven transcription window (plasticity genes; de la Fuente Revenga 2021) [fit].</summary>
    public double StabilisationPerTranscription { get; set; } = 4;
    /// <summary>Stabilisation per unit Delta-FosB-induced CaMKII level: CaMKII bundles actin (seed 000 section 2.3) [fit].</summary>
    public double StabilisationPerCamKiiLevel { get; set; } = 4;
    /// <summary>Transient-spine elimination / (1 + this L): Delta-FosB maintains new spines (Lee 2006; Maze 2010 Science 327:213)
    /// through the CaMKIIa it induces, which D1-type cells express (Robison 2013); in D2 MSNs Delta-FosB does not raise spine
    /// density (Grueter et al. 2013 PNAS 110:1923) [route assumed; magnitude fit].</summary>
    public double TransientEliminationReliefPerCamKiiLevel { get; set; } = 0.8;
    /// <summary>Transient-spine elimination / (1 + this T): the 5-HT2A-driven plasticity program lowers elimination, which every
    /// psychedelic dataset shows on day 1 (Shao 2021: 6.5 vs 8.3 %/2 d; Shao, Liao 2024 PT cells: 6.6 vs 11.6; Jefferson 2023:
    /// 8.3 vs 13.3) while formation is up, so the extra new spines do not raise elimination later [magnitude fit].</summary>
    public double TransientEliminationReliefPerTranscription { get; set; } = 1.3;
    public double SilencingPerDayPerCamKii { get; set; } = 0.1;
    /// <summary>Filopodia per um per hour per unit filopodial drive (pyramidal NMDA block; Yang 2011).</summary>
    public double FilopodiaPerUmPerH { get; set; } = 0.06;
    public double LossSiteReusePerPriming { get; set; } = 10;
    /// <summary>
    /// Raise of a dendrite's spine-density set point by Delta-FosB, s F^n / (F^n + K^n) (s this, K DensitySetPointHalfActivation,
    /// n DensitySetPointHill): Delta-FosB is "associated with the formation and/or the maintenance" of the extra spines in D1 and
    /// D2 MSNs (Lee et al. 2006 PNAS 103:3399), which are lost once it is gone (D2 cells by withdrawal day 30; no cocaine
    /// increase survives 90 days, Anderson and Self 2017 Curr Opin Behav Sci 13:117). Read only where a preparation restores its
    /// density (PlasticityOptions.DensityRestoringRatePerDay) [s, K and n fit to Lee 2006's D1/D2 contrast, docs/cocaine-cycle.md].
    /// </summary>
    public double DensitySetPointPerDeltaFosB { get; set; } = 0.45;
    /// <summary>Delta-FosB at half the set point's raise (K) [fit].</summary>
    public double DensitySetPointHalfActivation { get; set; } = 0.06;
    /// <summary>Hill slope of the set point's raise (n) [fit].</summary>
    public double DensitySetPointHill { get; set; } = 3;

    /// <summary>Internal integration step of the cascade (h); halving it changes outputs by &lt; 1e-3 (tested).</summary>
    public double StepH { get; set; } = 1.0 / 60;

    public void Validate(ConfigValidator v)
    {
        foreach (var p in typeof(CascadeOptions).GetProperties())
        {
            if (p.PropertyType != typeof(double)) continue;
            double x = (double)p.GetValue(this)!;
            if (p.Name.EndsWith("TauH", StringComparison.Ordinal) || p.Name.EndsWith("HalfLifeH", StringComparison.Ordinal) || p.Name == nameof(StepH) || p.Name.EndsWith("HalfActivation", StringComparison.Ordinal)
                || p.Name.EndsWith("Basal", StringComparison.Ordinal) || p.Name == nameof(MtorHill) || p.Name == nameof(DensitySetPointHill) || p.Name == nameof(TrkBPotentiationHalfRelease))
                v.Range(x, 1e-4, 1e5, p.Name);
            else v.Range(x, 0, 1e3, p.Name);
        }
        v.Range(DatClearanceFraction, 0, 0.99, nameof(DatClearanceFraction));
        v.Range(StepH, 1e-4, 0.25, nameof(StepH));
    }
}
