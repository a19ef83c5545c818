using AgentSpines.Plasticity.Options;

namespace AgentSpines.Plasticity.Regime;

/// <summary>
/// One-compartment pharmacokinetics. Bolus: C(u) = C0 exp(-ke u), C0 = F dose / Vd, ke = ln2 / t_half.
/// First-order absorption (Bateman): C(u) = C0 ka / (ka - ke) (exp(-ke u) - exp(-ka u)). Doses superpose.
/// Units: dose mg/kg, Vd L/kg, so C in mg/L; u in h.
/// </summary>
public sealed class Pharmacokinetics(PharmacokineticsOptions o)
{
    public double EliminationRatePerH { get; } = Math.Log(2) / o.HalfLifeH;
    public double AbsorptionRatePerH { get; } = o.AbsorptionHalfLifeH > 0 ? Math.Log(2) / o.AbsorptionHalfLifeH : double.PositiveInfinity;

    public double InitialConcentrationMgPerL(double mgPerKg) => o.Bioavailability * mgPerKg / o.VolumeLPerKg;

    /// <summary>Concentration u hours after one dose (0 before it).</summary>
    public double SingleDose(double mgPerKg, double u)
    {
        if (u < 0) return 0;
        double c0 = InitialConcentrationMgPerL(mgPerKg), ke = EliminationRatePerH, ka = AbsorptionRatePerH;
        if (double.IsPositiveInfinity(ka)) return c0 * Math.Exp(-ke * u);
        return c0 * ka / (ka - ke) * (Math.Exp(-ke * u) - Math.Exp(-ka * u));
    }

    /// <summary>Peak concentration of one dose alone.</summary>
    public double PeakConcentration(double mgPerKg)
    {
        double ke = EliminationRatePerH, ka = AbsorptionRatePerH;
        if (double.IsPositiveInfinity(ka)) return InitialConcentrationMgPerL(mgPerKg);
        double tMax = Math.Log(ka / ke) / (ka - ke);
        return SingleDose(mgPerKg, tMax);
    }
}

/// <summary>Receptor occupancy by the Hill equation: C^n / (C^n + EC50^n).</summary>
public static class HillOccupancy
{
    public static double Of(double concentrationMgPerL, HillOptions h)
    {
        if (concentrationMgPerL <= 0) return 0;
        double r = Math.Pow(concentrationMgPerL / h.Ec50MgPerL, h.N);
        return r / (1 + r);
    }
}
