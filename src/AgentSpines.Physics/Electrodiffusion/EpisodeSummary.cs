namespace AgentSpines.Physics.Electrodiffusion;

/// <summary>
/// What one synaptic episode hands to plasticity and to the event log. "Head" is the compartment at the synaptic
/// end. Depolarisations are relative to the rest potential; HeadPotentialAfter50usMV is absolute.
/// </summary>
/// <param name="HeadDepolarization10usMV">Head potential above rest 10 us after input onset (ohmic charging).</param>
/// <param name="HeadDepolarizationEndMV">Head potential above rest at the end of the input.</param>
/// <param name="PeakHeadDepolarizationMV">Largest head potential above rest over the episode.</param>
/// <param name="HeadNaEndMM">Head Na+ at the end of the input (NaN if the species is not configured).</param>
/// <param name="HeadKEndMM">Head K+ at the end of the input.</param>
/// <param name="HeadClEndMM">Head Cl- at the end of the input.</param>
/// <param name="HeadPotentialAfter50usMV">Absolute head potential 50 us after the input stops.</param>
/// <param name="NaDecayTauMs">Single-exponential fit (log-linear least squares) of the head Na+ excess on [end+0.1, end+10] ms.</param>
/// <param name="NeckResistanceRestMOhm">Neck resistance at rest (eq. 22 over the neck compartments).</param>
/// <param name="DendriteStepBoostMV">Largest head potential above the stepped dendritic potential during the step, from 50 us after its onset (after the head capacitor has followed the step); NaN without a step.</param>
/// <param name="NmdaCurrentBoostRatio">Peak inward NMDA current during the step (same window) over its value at the dendritic step potential; without a step, peak during the input over its value at the 10 us (ohmic) potential.</param>
/// <param name="NmdaChargeFC">Calcium-influx proxy: time integral (pA ms = fC) of the inward NMDA current while glutamate is bound (input onset to end of the step, or of the input).</param>
/// <param name="NeckCurrentEndPA">Total electric current through the middle of the neck at the end of the input.</param>
/// <param name="SolverSteps">Steps taken by the solver.</param>
public sealed record EpisodeSummary(
    double HeadDepolarization10usMV,
    double HeadDepolarizationEndMV,
    double PeakHeadDepolarizationMV,
    double HeadNaEndMM,
    double HeadKEndMM,
    double HeadClEndMM,
    double HeadPotentialAfter50usMV,
    double NaDecayTauMs,
    double NeckResistanceRestMOhm,
    double DendriteStepBoostMV,
    double NmdaCurrentBoostRatio,
    double NmdaChargeFC,
    double NeckCurrentEndPA,
    long SolverSteps)
{
    /// <summary>The physical quantities (not the step count), by name, for comparisons and tables.</summary>
    public IReadOnlyList<(string Name, double Value)> Quantities() => new (string, double)[]
    {
        ("v_head_10us_mv", HeadDepolarization10usMV),
        ("v_head_end_mv", HeadDepolarizationEndMV),
        ("v_head_peak_mv", PeakHeadDepolarizationMV),
        ("na_end_mm", HeadNaEndMM),
        ("k_end_mm", HeadKEndMM),
        ("cl_end_mm", HeadClEndMM),
        ("v_after_mv", HeadPotentialAfter50usMV),
        ("tau_na_ms", NaDecayTauMs),
        ("r_neck_rest_mohm", NeckResistanceRestMOhm),
        ("boost_mv", DendriteStepBoostMV),
        ("nmda_boost", NmdaCurrentBoostRatio),
        ("nmda_charge_fc", NmdaChargeFC),
        ("neck_current_end_pa", NeckCurrentEndPA),
    };
}
