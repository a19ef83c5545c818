namespace AgentSpines.Physics.Electrodiffusion;

/// <summary>
/// What one synaptic episode hands to plasticity and to the event log. "Head" is the compartment at the synaptic
/// end. Depolarisations are relative to the rest potential; HeadPotentialAfter50us_mV is absolute.
/// </summary>
/// <param name="HeadDepolarization10us_mV">Head potential above rest 10 us after input onset (ohmic charging).</param>
/// <param name="HeadDepolarizationEnd_mV">Head potential above rest at the end of the input.</param>
/// <param name="PeakHeadDepolarization_mV">Largest head potential above rest over the episode.</param>
/// <param name="HeadNaEnd_mM">Head Na+ at the end of the input (NaN if the species is not configured).</param>
/// <param name="HeadKEnd_mM">Head K+ at the end of the input.</param>
/// <param name="HeadClEnd_mM">Head Cl- at the end of the input.</param>
/// <param name="HeadPotentialAfter50us_mV">Absolute head potential 50 us after the input stops.</param>
/// <param name="NaDecayTau_ms">Single-exponential fit (log-linear least squares) of the head Na+ excess on [end+0.1, end+10] ms.</param>
/// <param name="NeckResistanceRest_MOhm">Neck resistance at rest (eq. 22 over the neck compartments).</param>
/// <param name="DendriteStepBoost_mV">Largest head potential above the stepped dendritic potential during the step, from 50 us after its onset (after the head capacitor has followed the step); NaN without a step.</param>
/// <param name="NmdaCurrentBoostRatio">Peak inward NMDA current during the step (same window) over its value at the dendritic step potential; without a step, peak during the input over its value at the 10 us (ohmic) potential.</param>
/// <param name="NmdaCharge_fC">Calcium-influx proxy: time integral (pA ms = fC) of the inward NMDA current while glutamate is bound (input onset to end of the step, or of the input).</param>
/// <param name="NeckCurrentEnd_pA">Total electric current through the middle of the neck at the end of the input.</param>
/// <param name="SolverSteps">Steps taken by the solver.</param>
public sealed record EpisodeSummary(
    double HeadDepolarization10us_mV,
    double HeadDepolarizationEnd_mV,
    double PeakHeadDepolarization_mV,
    double HeadNaEnd_mM,
    double HeadKEnd_mM,
    double HeadClEnd_mM,
    double HeadPotentialAfter50us_mV,
    double NaDecayTau_ms,
    double NeckResistanceRest_MOhm,
    double DendriteStepBoost_mV,
    double NmdaCurrentBoostRatio,
    double NmdaCharge_fC,
    double NeckCurrentEnd_pA,
    long SolverSteps)
{
    /// <summary>The physical quantities (not the step count), by name, for comparisons and tables.</summary>
    public IReadOnlyList<(string Name, double Value)> Quantities() => new (string, double)[]
    {
        ("v_head_10us_mv", HeadDepolarization10us_mV),
        ("v_head_end_mv", HeadDepolarizationEnd_mV),
        ("v_head_peak_mv", PeakHeadDepolarization_mV),
        ("na_end_mm", HeadNaEnd_mM),
        ("k_end_mm", HeadKEnd_mM),
        ("cl_end_mm", HeadClEnd_mM),
        ("v_after_mv", HeadPotentialAfter50us_mV),
        ("tau_na_ms", NaDecayTau_ms),
        ("r_neck_rest_mohm", NeckResistanceRest_MOhm),
        ("boost_mv", DendriteStepBoost_mV),
        ("nmda_boost", NmdaCurrentBoostRatio),
        ("nmda_charge_fc", NmdaCharge_fC),
        ("neck_current_end_pa", NeckCurrentEnd_pA),
    };
}
