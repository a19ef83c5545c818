using AgentSpines.Plasticity.State;

namespace AgentSpines.Plasticity.Model;

/// <summary>
/// One spine's synapse through the silent-synapse cycle of seed 000 (Fig. 1C) and Wright et al. 2020: new synapses are
/// born silent (NMDARs only) and mature in two steps (GluN2B -> GluN2A switch, held back by ΔFosB; then AMPAR
/// recruitment driven by CaMKII). Drug-generated synapses mature with labile (calcium-permeable) AMPARs, which a cue
/// internalises while Rac1 is low (re-silencing); retrieval-triggered plasticity proteins re-mature them
/// (reconsolidation); when that program ends first, e.g. because a treatment blocked its synthesis, the synapse stays
/// silent and is pruned. The silent flag is derived from the AMPAR content. Uses the one uniform the caller drew for
/// silencing, so the number of random words per step does not change. Plain class, no shared mutable state.
/// </summary>
public sealed class SynapseMaturation(SynapseMaturationParameters p)
{
    public const string CueCause = "cue", ReconsolidationCause = "reconsolidation";

    public static readonly SynapseMaturation Default = new(SynapseMaturationParameters.Default);

    public SynapseMaturationParameters Parameters => p;

    /// <summary>One step of length env.StepH ending at t; u is a uniform on (0, 1). Emits silenced/unsilenced events.</summary>
    public void Step(ref SpineState s, in StepEnvironment env, double u, double t, IList<StructuralEvent> events)
    {
        var sig = env.Synapses;
        double dt = env.StepH;
        if (s.Maturity == SynapseMaturity.Unset) Place(ref s, sig);

        string cause = StructuralEvent.Intrinsic;
        switch (s.Maturity)
        {
            case SynapseMaturity.Nascent:
                if (Occurs(u, p.NmdaSwitchPerH / (1 + p.FosBSilentHoldGain * sig.SilentHoldFosB) * dt)) s.Maturity = SynapseMaturity.Primed;
                break;
            case SynapseMaturity.Primed:
                if (Occurs(u, p.AmpaRecruitPerH * sig.CamKii * dt))
                {
                    s.Maturity = s.DrugGenerated ? SynapseMaturity.Labile : SynapseMaturity.Stable;
                    cause = s.DrugGenerated ? sig.Cause : StructuralEvent.Intrinsic;
                }
                break;
            case SynapseMaturity.Labile:
                if (sig.CueDrive > 0 && Occurs(u, p.DestabilisePerH * sig.CueDrive * dt))
                {
                    s.Maturity = SynapseMaturity.Destabilised;
                    cause = CueCause;
                }
                break;
            case SynapseMaturity.Destabilised:
                if (Occurs(u, p.RematurePerH * Capture(sig.ReconsolidationProtein) * (1 - sig.Rac1Deficit) * dt))
                {
                    s.Maturity = SynapseMaturity.Labile;
                    cause = ReconsolidationCause;
                }
                else if (sig.RetrievalProgram < p.ReconsolidationCloseLevel && sig.ReconsolidationProtein < p.ReconsolidationCloseLevel)
                {
                    s.Maturity = SynapseMaturity.Pruning;
                    s.Persistent = false;
                }
                break;
            case SynapseMaturity.Pruning:
                s.HeadVolumeUm3 *= Math.Exp(-p.PruningShrinkLogPerH * dt);
                break;
        }
        Relax(ref s, dt);
        bool silent = s.AmpaContent < p.SilentAmpaThreshold;
        if (silent == s.Silent) return;
        s.Silent = silent;
        events.Add(new StructuralEvent(t, s.Id, s.SegmentId, silent ? StructuralEvent.Silenced : StructuralEvent.Unsilenced, s.Stage, s.Stage,
            s.HeadVolumeUm3, s.HeadVolumeUm3, s.NeckLengthUm, s.NeckDiameterUm, s.PositionUm, cause));
    }

    /// <summary>
    /// First cycle step of a spine: silent ones are nascent, the others stable. A silent newborn belongs to the
    /// drug-generated set with probability DrugOriginShare, decided by a hash of its id (same in both arms, no draw).
    /// </summary>
    private static void Place(ref SpineState s, in SynapseSignals sig)
    {
        s.Maturity = s.Silent ? SynapseMaturity.Nascent : SynapseMaturity.Stable;
        s.AmpaContent = s.Silent ? 0 : 1;
        s.NmdaContent = s.Silent && s.AgeH < 24 ? 0 : 1;
        s.DrugGenerated = s.Silent && sig.DrugOriginShare > 0 && IdUniform(s.Id) < sig.DrugOriginShare;
    }

    /// <summary>Share of a destabilised synapse's re-maturation capacity at protein level q (cooperative capture).</summary>
    public double Capture(double q)
    {
        double x = Math.Pow(Math.Max(q, 0) / p.ReconsolidationHalfProtein, p.ReconsolidationHill);
        return x / (1 + x);
    }

    /// <summary>AMPAR and NMDAR content relax to the state's target: insertion and endocytosis are minutes to hours.</summary>
    private void Relax(ref SpineState s, double dt)
    {
        bool ampa = s.Maturity is SynapseMaturity.Stable or SynapseMaturity.Labile;
        double a = ampa ? 1 : 0;
        double tauA = a > s.AmpaContent ? p.AmpaInsertionTauH : p.AmpaEndocytosisTauH;
        s.AmpaContent = a + (s.AmpaContent - a) * Math.Exp(-dt / tauA);
        double n = s.Maturity == SynapseMaturity.Pruning ? 0 : 1;
        s.NmdaContent = n + (s.NmdaContent - n) * Math.Exp(-dt / p.NmdaTauH);
    }

    /// <summary>A uniform on [0, 1) from a spine id (SplitMix64 finaliser): a fixed per-spine draw outside the streams.</summary>
    public static double IdUniform(ulong id)
    {
        ulong z = id + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (z >> 11) * (1.0 / 9007199254740992.0);
    }

    private static bool Occurs(double u, double x) => x > 0 && u < PlasticityModel.Prob(x);
}
