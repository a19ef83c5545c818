using AgentSpines.Plasticity.Options;

namespace AgentSpines.Plasticity.Regime;

/// <summary>
/// Receptor-level signals (occupancy x intrinsic efficacy, 0..1) at each target, from unbound brain
/// concentrations. Ligands at one target compete: with r_i = (C_i / Ki_i)^n_i, occupancy_i = r_i / (1 + sum_j r_j),
/// signal = sum_i efficacy_i occupancy_i. The per-animal drug sensitivity scales drug signals (capped at 1).
/// Targets the animals lack (Regime:KnockedOutReceptors, e.g. Htr2a-/- mice) give no signal whatever binds there.
/// </summary>
public sealed class ReceptorLayer
{
    public static readonly int TargetCount = Enum.GetValues<ReceptorTarget>().Length;

    private readonly (int Species, int Target, double KiUM, double N, double Efficacy)[] _bindings;
    private readonly bool[] _knockedOut = new bool[TargetCount];

    public ReceptorLayer(IEnumerable<BindingOptions> bindings, Func<string, int> speciesIndex, IEnumerable<ReceptorTarget>? knockedOut = null)
    {
        foreach (var t in knockedOut ?? []) _knockedOut[(int)t] = true;
        _bindings = bindings.Where(b => !_knockedOut[(int)b.Target])
            .Select(b => (speciesIndex(b.Species), (int)b.Target, b.KiUM, b.HillN, b.Efficacy)).ToArray();
    }

    /// <summary>Whether the animals lack this target (its signal is always 0).</summary>
    public bool IsKnockedOut(ReceptorTarget target) => _knockedOut[(int)target];

    /// <summary>Fills signals[target] from brain[species] (uM).</summary>
    public void Signals(ReadOnlySpan<double> brainUM, Span<double> signals, double sensitivity)
    {
        Span<double> sumR = stackalloc double[TargetCount];
        Span<double> sumER = stackalloc double[TargetCount];
        foreach (var b in _bindings)
        {
            double c = brainUM[b.Species];
            if (c <= 0) continue;
            double r = b.N == 1 ? c / b.KiUM : Math.Pow(c / b.KiUM, b.N);
            sumR[b.Target] += r;
            sumER[b.Target] += b.Efficacy * r;
        }
        for (int t = 0; t < TargetCount; t++)
            signals[t] = sumR[t] > 0 ? Math.Min(1, sensitivity * sumER[t] / (1 + sumR[t])) : 0;
    }
}
