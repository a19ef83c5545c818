using AgentSpines.Plasticity.State;

namespace AgentSpines.Plasticity.Model;

/// <summary>
/// A preparation that restores its spine density (PlasticityOptions.DensityRestoringRatePerDay r > 0): each dendrite
/// keeps its initial count of spines (filopodia excluded) as its set point N_set, raised by the animal's Delta-FosB
/// (StepEnvironment.DensitySetPointFactor), and is driven back to it from either side at about the rate r:
/// above it, each of its spines has the extra elimination hazard r (N / N_set - 1), whichever spines make up the excess
/// (persistent ones included); below it, formation gains r (N_set - N) spines per hour on top of the baseline (the
/// formation multiplier rises by that over the baseline's births). Restoring only the excess would make every dendrite's
/// random walk drift down against a ceiling (a vehicle arm lost 6 % in 60 days that way). Both engines call ForDendrite
/// with the dendrite's count at the start of the step, so they stay identical.
/// </summary>
public sealed class DensityRestoration(double ratePerDay)
{
    private readonly double _ratePerH = ratePerDay / 24;

    public bool Enabled => _ratePerH > 0;

    /// <summary>
    /// The environment of a dendrite of lengthUm holding spines spines (initialSpines at the start of the run), whose
    /// baseline formation is formationPerUmPerH.
    /// </summary>
    public StepEnvironment ForDendrite(in StepEnvironment env, int spines, int initialSpines, double lengthUm, double formationPerUmPerH)
    {
        if (!Enabled || initialSpines <= 0) return env; // a dendrite that started empty has no set point
        double ceiling = initialSpines * Math.Max(1, env.DensitySetPointFactor);
        if (spines > ceiling) return env with { RestoringEliminationPerH = _ratePerH * (spines / ceiling - 1) };
        if (spines < initialSpines && formationPerUmPerH > 0)
            return env with { FormationMultiplier = env.FormationMultiplier + _ratePerH * (initialSpines - spines) / (formationPerUmPerH * lengthUm) };
        return env;
    }
}
