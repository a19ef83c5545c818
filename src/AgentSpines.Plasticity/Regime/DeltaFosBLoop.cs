using AgentSpines.Plasticity.Model;

namespace AgentSpines.Plasticity.Regime;

/// <summary>
/// The D1 -> CaMKII -> ΔFosB loop of seed 000 (§2.3, Fig. 2 red lines; Robison et al. 2013 J Neurosci 33:4295): D1
/// signalling induces ΔFosB; ΔFosB induces CaMKIIα transcription (D1-type NAc shell MSNs); CaMKII phosphorylates ΔFosB
/// (Ser27) and slows its degradation, so ΔFosB accumulates over repeated doses and outlasts them. Bounded: induction
/// saturates (1 - F) and the stabilisation is linear in CaMKII, so F stays in [0, 1) and K in [1, 1 + gain).
///   dF/dt = s (D1 + share * D2drive) (1 - F) - ln2 / T_half * F / (1 + sigma (K - 1))
///   dK/dt = (g * F * [D1-type] - (K - 1)) / tau_K
/// F: ΔFosB (dimensionless, 0 at baseline); K: CaMKII level relative to baseline (1).
/// </summary>
public sealed class DeltaFosBLoop(SynapseMaturationParameters p, bool d1Type)
{
    /// <summary>Largest internal step (h): short enough for a cocaine peak (t1/2 ~ 20 min).</summary>
    public const double MaxSubstepH = 0.02;

    public double FosB { get; private set; }
    public double CamKii { get; private set; } = 1;
    public bool D1Type => d1Type;

    /// <summary>Advances dtH hours with constant inputs: d1Activation (0..1, D1 cells) and dopamine (0..1, drive of D2 cells).</summary>
    public void Step(double dtH, double d1Activation, double dopamine)
    {
        int n = Math.Max(1, (int)Math.Ceiling(dtH / MaxSubstepH - 1e-9));
        double h = dtH / n;
        double induction = p.FosBInductionPerH * (d1Type ? d1Activation : p.FosBInductionD2Share * dopamine);
        double kDecay = Math.Log(2) / p.FosBHalfLifeH;
        for (int i = 0; i < n; i++)
        {
            double f = FosB, k = CamKii;
            double df = induction * (1 - f) - kDecay * f / (1 + p.FosBStabilisationByCamKii * (k - 1));
            double dk = ((d1Type ? p.CamKiiInductionByFosB * f : 0) - (k - 1)) / p.CamKiiLevelTauH;
            FosB = Math.Clamp(f + h * df, 0, 1);
            CamKii = Math.Max(1, k + h * dk);
        }
    }
}
