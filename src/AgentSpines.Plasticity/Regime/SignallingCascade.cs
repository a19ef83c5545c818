using AgentSpines.Plasticity.Options;

namespace AgentSpines.Plasticity.Regime;

/// <summary>What the cascade hands to the structural rules (see StepEnvironment).</summary>
public readonly record struct CascadeOutputs(
    double FormationMultiplier, double TransientEliminationMultiplier, double PersistentEliminationMultiplier,
    double EnlargementLogPerH, double StabilisationMultiplier, double SilencingPerH, double FilopodiaPerUmPerH,
    double LossSiteReuseMultiplier, double D1Activation, double DeltaFosB, double CamKiiLevel, double DensitySetPointFactor = 1);

/// <summary>
/// ONE intracellular signalling cascade, the same equations and parameters (CascadeOptions) whichever drug or
/// stress drives it. Inputs are receptor-level signals only (ReceptorLayer; index = ReceptorTarget). Every state
/// relaxes with its own time constant, so onset, duration and persistence of drug effects come from here:
///   excitation E* = (1 - NMDA_pyr) max(0, 1 + g_dis NMDA_int + g_2A 5HT2A_eff + g_ns GABA_ext - g_1A 5HT1A
///                   - g_GABA GABA_syn - g_a2 alpha2) - 1                                   (tau_E, minutes)
///   BDNF-TrkB  B* = k_E max(E, 0) + k_T P - k_GR Gc                                         (tau_B, hours)
///   TrkB potentiation P = TrkB R / (R + K_R), R = k_E max(E, 0): a positive allosteric modulator (psilocin, Moliner 2023)
///              strengthens TrkB only where activity releases BDNF, so without 5-HT2A-driven release (Htr2a knockout) it
///              does nothing (Shao, Liao et al. 2025: no spine gain in Htr2a-/- mice)
///   mTORC1     M* = x^n / (x^n + K^n),  x = (max(B, 0) + k_2A 5HT2A_eff)(1 - Q)               (tau_M, hours)
///   refractoriness dQ/dt = r_Q P (1 - Q) - Q / tau_Q: S6K1 feedback after synthesis           (days; tolerance)
///   proteins   dP/dt = (M - P) / tau_P
///   synaptogenesis dS/dt = r_S P (1 - S) - S / tau_S: new-spine competence from the new proteins  (days)
///   eEF2       Y* = NMDA_pyr / (NMDA_pyr + K_Y): NMDA block at rest stops eEF2 kinase, so BDNF is translated (tau_Y, hours)
///   priming    dW/dt = r_W P Y (1 - W) - W / tau_W: homeostatic upscaling needs both the translation de-repressed by
///              eEF2 and protein synthesis (Autry 2011; Kavalali and Monteggia 2020), so only NMDA blockers prime   (weeks)
///   upscaling  dZ/dt = (W - Z) / tau_Z: the structural expression of priming builds over days (synaptic scaling takes
///              1-2 days to appear, Turrigiano 1998), so ketamine's density keeps rising to day 10                (days)
///   transcription dT/dt = r_T 5HT2A_eff (1 - T) - T / tau_T                                   (weeks)
///   5-HT2A desensitisation dR/dt = r_R 5HT2A (1 - R) - R / tau_R, 5HT2A_eff = 5HT2A (1 - R)    (tachyphylaxis)
///   dopamine   DA/DA0 = 1 / (1 - f_DAT DAT); D1 = DA/(DA + K_D1); D1x = (D1 - D1_0)/(1 - D1_0); D2x likewise (K_D2)
///              the cell type weighs them: d1 = e_D1 D1x, d2 = e_D2 D2x (DopamineReceptorExpression, Regime:Neuron)
///   CaMKII     K* = d1                                                                        (tau_K, hour)
///   Delta-FosB dF/dt = r_F (K + s_D2 d2)(1 - F) - ln2 / T_F * F / (1 + sigma L)                (days)
///   CaMKIIa    dL/dt = (g e_D1 F - L) / tau_L: Delta-FosB induces CaMKIIa, which stabilises Delta-FosB (positive
///              feedback, Robison 2013), so in D1 cells Delta-FosB outlasts the drug by weeks and in D2 cells it does not
///   growth consolidation dG/dt = r_G P (1 - G) - G / tau_G: the late, protein-synthesis-dependent phase of TrkB-driven
///              head growth (Tanaka 2008); enlargement d ln V/dt = k_B B + k_T P + k_G G - k_I max(0, -E)         (days)
///   density set point N_set = N_0 (1 + s F^n / (F^n + K^n)): what a preparation that restores its density returns to
///              (DensityRestoration; Delta-FosB maintains the extra spines, Lee 2006)
///   microglia  dMg/dt = (TSPO - Mg) / tau_Mg;  glucocorticoid dGc/dt = (GR - Gc) / tau_Gc
///   filopodia  dFi/dt = (NMDA_pyr - Fi) / tau_Fi
/// Integrated with classical RK4 at CascadeOptions.StepH (tested: halving it changes outputs by &lt; 1e-3).
/// Bounded states stay in [0, 1] by construction, so repeated doses cannot build up without bound.
/// </summary>
public sealed class SignallingCascade(CascadeOptions o, DopamineReceptorExpression dopamineReceptors)
{
    public SignallingCascade(CascadeOptions o) : this(o, DopamineReceptorExpression.Of(NeuronType.CorticalPyramidal)) { }

    public CascadeOptions Options => o;
    public DopamineReceptorExpression DopamineReceptors => dopamineReceptors;

    private static double S(ReadOnlySpan<double> u, ReceptorTarget t) => u[(int)t];

    /// <summary>Extracellular dopamine relative to basal, DA/DA0 = 1 / (1 - f_DAT DAT), from DAT block (0..1).</summary>
    private double RelativeDopamine(double datBlock) => 1 / (1 - o.DatClearanceFraction * Math.Clamp(datBlock, 0, 1));

    /// <summary>Activation above basal of a receptor with half-activation k (units of basal dopamine), scaled to 0..1.</summary>
    private static double Excess(double relativeDopamine, double k)
    {
        double basal = 1 / (1 + k);
        return Math.Max(0, (relativeDopamine / (relativeDopamine + k) - basal) / (1 - basal));
    }

    /// <summary>D1 receptor activation (0..1) from DAT block (0..1).</summary>
    public double D1Activation(double datBlock)
    {
        double da = RelativeDopamine(datBlock);
        return da / (da + o.D1HalfActivationBasal);
    }

    public double BasalD1Activation => 1 / (1 + o.D1HalfActivationBasal);

    /// <summary>D1 activation above basal, scaled to 0..1: what D1-gated enlargement reads as dopamine (0 without drug).</summary>
    public double D1Excess(double datBlock) => Excess(RelativeDopamine(datBlock), o.D1HalfActivationBasal);

    /// <summary>D2 activation above basal, scaled to 0..1 (0 without drug).</summary>
    public double D2Excess(double datBlock) => Excess(RelativeDopamine(datBlock), o.D2HalfActivationBasal);

    /// <summary>
    /// TrkB potentiation P (0..1) by a positive allosteric modulator bound at occupancy x efficacy trkBBinding: it acts on
    /// BDNF-bound receptors only, so it scales with the BDNF that excitation releases, R = k_E max(E, 0), half-maximal at
    /// K_R (TrkBPotentiationHalfRelease). Basal release is not potentiated measurably at the doses modelled: psilocybin
    /// 1 mg/kg gives no spine gain and no head-width change in Htr2a-/- mice (Shao, Liao et al. 2025 Nature, raw data).
    /// </summary>
    public double PotentiatedTrkB(double trkBBinding, double excitation)
    {
        if (trkBBinding <= 0) return 0;
        double release = o.BdnfPerExcitation * Math.Max(excitation, 0);
        return trkBBinding * release / (release + o.TrkBPotentiationHalfRelease);
    }

    public void Derivative(in CascadeState x, ReadOnlySpan<double> u, ref CascadeState dx)
    {
        double ht2a = S(u, ReceptorTarget.Ht2a);
        double ht2aEff = ht2a * (1 - x.Ht2aDesensitised);
        double gaba = S(u, ReceptorTarget.GabaAAlpha1) + S(u, ReceptorTarget.GabaAAlpha235);
        double drive = 1 + o.DisinhibitionGain * S(u, ReceptorTarget.NmdaInterneuron) + o.Ht2aExcitationGain * ht2aEff
                       + o.NeurosteroidDisinhibitionGain * S(u, ReceptorTarget.GabaAExtrasynaptic)
                       - o.Ht1aInhibitionGain * S(u, ReceptorTarget.Ht1a) - o.GabaInhibitionGain * gaba
                       - o.Alpha2InhibitionGain * S(u, ReceptorTarget.Alpha2Adrenergic);
        double eStar = (1 - S(u, ReceptorTarget.NmdaPyramidal)) * Math.Max(0, drive) - 1;
        dx.Excitation = (eStar - x.Excitation) / o.ExcitationTauH;

        double potentiated = PotentiatedTrkB(S(u, ReceptorTarget.TrkB), x.Excitation);
        double bStar = o.BdnfPerExcitation * Math.Max(x.Excitation, 0) + o.BdnfPerTrkBBinding * potentiated
                       - o.BdnfSuppressionPerGlucocorticoid * x.Glucocorticoid;
        dx.Bdnf = (bStar - x.Bdnf) / o.BdnfTauH;

        double m = (Math.Max(x.Bdnf, 0) + o.MtorPerHt2a * ht2aEff) * (1 - x.MtorRefractory);
        double mn = Math.Pow(m / o.MtorHalfActivation, o.MtorHill);
        dx.Mtor = (mn / (1 + mn) - x.Mtor) / o.MtorTauH;
        dx.Protein = (x.Mtor - x.Protein) / o.ProteinTauH;
        dx.MtorRefractory = o.MtorRefractoryRatePerH * Math.Max(x.Protein, 0) * (1 - x.MtorRefractory) - x.MtorRefractory / o.MtorRefractoryTauH;
        dx.Synaptogenesis = o.SynaptogenesisRatePerH * Math.Max(x.Protein, 0) * (1 - x.Synaptogenesis) - x.Synaptogenesis / o.SynaptogenesisTauH;
        double nmdaPyr = Math.Max(S(u, ReceptorTarget.NmdaPyramidal), 0);
        dx.Eef2 = (nmdaPyr / (nmdaPyr + o.Eef2HalfBlock) - x.Eef2) / o.Eef2TauH;
        dx.Priming = o.PrimingRatePerH * Math.Max(x.Protein, 0) * Math.Max(x.Eef2, 0) * (1 - x.Priming) - x.Priming / o.PrimingTauH;
        dx.Upscaling = (x.Priming - x.Upscaling) / o.UpscalingTauH;
        dx.Transcription = o.TranscriptionRatePerH * ht2aEff * (1 - x.Transcription) - x.Transcription / o.TranscriptionTauH;
        dx.Ht2aDesensitised = o.Ht2aDesensitisationRatePerH * ht2a * (1 - x.Ht2aDesensitised) - x.Ht2aDesensitised / o.Ht2aRecoveryTauH;

        double dat = S(u, ReceptorTarget.Dat);
        double da = RelativeDopamine(dat);
        double d1 = dopamineReceptors.D1 * Excess(da, o.D1HalfActivationBasal), d2 = dopamineReceptors.D2 * Excess(da, o.D2HalfActivationBasal);
        dx.CamKii = (d1 - x.CamKii) / o.CamKiiTauH;
        double induction = o.DeltaFosBInductionPerH * (Math.Max(x.CamKii, 0) + o.DeltaFosBInductionPerD2 * d2);
        dx.DeltaFosB = induction * (1 - x.DeltaFosB)
                       - Math.Log(2) / o.DeltaFosBHalfLifeH * x.DeltaFosB / (1 + o.DeltaFosBStabilisationPerCamKiiLevel * Math.Max(x.CamKiiLevel, 0));
        dx.CamKiiLevel = (o.CamKiiLevelPerDeltaFosB * dopamineReceptors.D1 * x.DeltaFosB - x.CamKiiLevel) / o.CamKiiLevelTauH;

        dx.GrowthConsolidation = o.GrowthConsolidationRatePerH * potentiated * (1 - x.GrowthConsolidation)
                                 - x.GrowthConsolidation / o.GrowthConsolidationTauH;
        dx.Microglia = (S(u, ReceptorTarget.Tspo) - x.Microglia) / o.MicrogliaTauH;
        dx.Glucocorticoid = (S(u, ReceptorTarget.Glucocorticoid) - x.Glucocorticoid) / o.GlucocorticoidTauH;
        dx.Filopodia = (S(u, ReceptorTarget.NmdaPyramidal) - x.Filopodia) / o.FilopodiaTauH;
    }

    /// <summary>One classical RK4 step of length h with inputs at the start, middle and end of the step.</summary>
    public void Step(ref CascadeState x, ReadOnlySpan<double> u0, ReadOnlySpan<double> uMid, ReadOnlySpan<double> u1, double h)
    {
        CascadeState k1 = default, k2 = default, k3 = default, k4 = default;
        Derivative(x, u0, ref k1);
        var y = Add(x, k1, h / 2);
        Derivative(y, uMid, ref k2);
        y = Add(x, k2, h / 2);
        Derivative(y, uMid, ref k3);
        y = Add(x, k3, h);
        Derivative(y, u1, ref k4);
        for (int i = 0; i < CascadeState.Count; i++)
            x[i] += h / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
    }

    private static CascadeState Add(in CascadeState x, in CascadeState k, double h)
    {
        var y = x;
        for (int i = 0; i < CascadeState.Count; i++) y[i] += h * k[i];
        return y;
    }

    /// <summary>Raise of the density set point by Delta-FosB: s F^n / (F^n + K^n) (0 without Delta-FosB).</summary>
    public double DensitySetPointRaise(double deltaFosB)
    {
        if (!(deltaFosB > 0) || o.DensitySetPointPerDeltaFosB == 0) return 0;
        double r = Math.Pow(deltaFosB / o.DensitySetPointHalfActivation, o.DensitySetPointHill);
        return o.DensitySetPointPerDeltaFosB * r / (1 + r);
    }

    /// <summary>The rates the structural rules read, from the state and the current DAT block and TrkB modulator binding.</summary>
    public CascadeOutputs Outputs(in CascadeState x, double datBlock, double trkBBinding = 0)
    {
        double formation = 1 + o.FormationPerProtein * Math.Max(0, x.Protein) + o.FormationPerSynaptogenesis * x.Synaptogenesis
                           + o.FormationPerUpscaling * x.Upscaling
                           + o.FormationPerTranscription * x.Transcription + o.FormationPerCamKii * x.CamKii
                           + o.FormationPerDeltaFosB * x.DeltaFosB - o.FormationPerBdnfDeficit * Math.Max(0, -x.Bdnf);
        double enlargePerDay = o.EnlargementLogPerDayPerBdnf * Math.Max(0, x.Bdnf) + o.EnlargementLogPerDayPerTrkBBinding * PotentiatedTrkB(trkBBinding, x.Excitation)
                               + o.EnlargementLogPerDayPerGrowthConsolidation * x.GrowthConsolidation
                               - o.ShrinkageLogPerDayPerInhibition * Math.Max(0, -x.Excitation);
        return new CascadeOutputs(
            FormationMultiplier: Math.Max(0, formation),
            TransientEliminationMultiplier: (1 + o.TransientEliminationPerMicroglia * x.Microglia) * (1 + o.TransientEliminationPerGlucocorticoid * x.Glucocorticoid)
                                            / (1 + o.TransientEliminationReliefPerCamKiiLevel * Math.Max(x.CamKiiLevel, 0)
                                               + o.TransientEliminationReliefPerTranscription * x.Transcription),
            PersistentEliminationMultiplier: 1 + o.PersistentEliminationPerGlucocorticoid * x.Glucocorticoid,
            EnlargementLogPerH: enlargePerDay / 24,
            StabilisationMultiplier: 1 + o.StabilisationPerCamKii * x.CamKii + o.StabilisationPerCamKiiLevel * Math.Max(x.CamKiiLevel, 0)
                                     + o.StabilisationPerTranscription * x.Transcription,
            SilencingPerH: o.SilencingPerDayPerCamKii * x.CamKii / 24,
            FilopodiaPerUmPerH: o.FilopodiaPerUmPerH * Math.Max(0, x.Filopodia),
            LossSiteReuseMultiplier: 1 + o.LossSiteReusePerPriming * x.Priming,
            D1Activation: D1Activation(datBlock),
            DeltaFosB: x.DeltaFosB,
            CamKiiLevel: x.CamKiiLevel,
            DensitySetPointFactor: 1 + DensitySetPointRaise(x.DeltaFosB));
    }
}
