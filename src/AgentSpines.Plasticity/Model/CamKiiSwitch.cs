using System.Runtime.CompilerServices;
using AgentSpines.Plasticity.Options;

namespace AgentSpines.Plasticity.Model;

/// <summary>
/// A CaMKII-like switch K in [0,1] integrating calcium pulses. A step's calcium proxy phosphorylates a fraction
/// H(Ca) = Ca^n/(Ca^n + Ca50^n) of the remaining subunits at once (a pulse: K += (1-K) H); the peak decides LTP.
/// Then dK/dt = k_auto K^2/(0.25+K^2) (1-K) - k_off K - K/tau_PP1 runs for the step. Without the phosphatase term the
/// ODE is bistable (stable 0 and ~0.65 for k_auto = 3 /h, k_off = 1 /h) and a switch once on stays on for ever, which
/// no imaging experiment shows: CaMKII activity in a stimulated spine decays within about a minute (Lee et al. 2009
/// Nature 458:299, FRET sensor in single spines during structural LTP; Chang et al. 2017 Neuron 94:800: autophosphorylation
/// helps induction, not maintenance), dephosphorylated by PP1 (the phosphatase of the Lisman and Zhabotinsky 2001 switch).
/// The phosphatase term (CamKiiResetTimeMin, default 1 min) is the path back: after the pulse K returns to 0.
/// </summary>
public static class CamKiiSwitch
{
    private const int SubSteps = 20;

    /// <summary>K right after the step's calcium pulse.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // every spine with activity, every step
    public static double Pulse(double k, double calciumUMS, PlasticityOptions o)
        => calciumUMS > 0 ? k + (1 - k) * Hill(calciumUMS, o.CamKiiHalfActivationCalciumUMS, o.CamKiiHillN) : k;

    /// <summary>K at the end of a step of stepH hours after the pulse: autophosphorylation, decay and PP1 reset.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // the usual answers (0) inline; the substeps in their own method
    public static double Relax(double k, double stepH, PlasticityOptions o)
    {
        if (k < 1e-9) return 0;
        var r = Relaxation.For(stepH, o);
        return r.AlwaysOff ? 0 : Substeps(k, r, o);
    }

    /// <summary>Whether Relax gives 0 for every K in [0, 1] after a step of stepH hours (the phosphatase resets the switch within the step).</summary>
    public static bool AlwaysRelaxesToZero(double stepH, PlasticityOptions o) => Relaxation.For(stepH, o).AlwaysOff;

    /// <summary>
    /// A calcium level below which the pulse from 0, Hill(calcium), is below threshold as computed (Hill increases with
    /// calcium; 1e-6 of margin against rounding errors near 1e-15); -infinity when the options give no such level.
    /// </summary>
    public static double CalciumBelowThreshold(double threshold, PlasticityOptions o)
    {
        double half = o.CamKiiHalfActivationCalciumUMS, n = o.CamKiiHillN;
        if (!(threshold > 0 && threshold < 1 && n > 0 && half > 0 && double.IsFinite(half) && double.IsFinite(n))) return double.NegativeInfinity;
        double level = half * Math.Pow(threshold / (1 - threshold), 1 / n) * (1 - 1e-6);
        return double.IsFinite(level) ? level : double.NegativeInfinity;
    }

    private static double Substeps(double k, Relaxation r, PlasticityOptions o)
    {
        double h = r.SubStepH, reset = r.Reset, kAuto = o.CamKiiAutophosphorylationPerH, kOff = o.CamKiiDecayPerH;
        for (int i = 0; i < SubSteps; i++)
        {
            double auto = kAuto * k * k / (0.25 + k * k);
            k = Math.Clamp(k + h * (auto * (1 - k) - kOff * k), 0, 1) * reset;
            if (k < 1e-9 && r.StopsAtZero) return 0;
        }
        return k < 1e-9 ? 0 : k;
    }

    /// <summary>
    /// What Relax needs for one step length and set of rates, computed once (the last one is kept; immutable, so
    /// threads can share it). Bounds that let it stop early with exactly the answer of all the substeps:
    /// <list type="bullet">
    /// <item>per substep k' &lt;= k g with g = max(0, 1 + h (k_auto - k_off)) reset, since auto (1 - k) &lt;= k_auto k
    /// (k/(0.25 + k^2) &lt;= 1); K starts at most 1, so when g^20 &lt; 1e-10 the step always ends below 1e-9, i.e. at 0
    /// (with the PP1 reset of 1 min and 1 h steps g is about 0.055: every step with activity);</item>
    /// <item>below 1e-9, k' &lt;= k (1 + h (4e-9 k_auto - k_off)) reset: when that is at most k, K only falls from
    /// there and the answer is 0 whatever the remaining substeps do.</item>
    /// </list>
    /// </summary>
    private sealed record Relaxation(double StepH, double KAuto, double KOff, double ResetMin, double SubStepH, double Reset, bool AlwaysOff, bool StopsAtZero)
    {
        private static Relaxation? _last;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Relaxation For(double stepH, PlasticityOptions o)
        {
            var r = _last;
            if (r != null && r.StepH == stepH && r.KAuto == o.CamKiiAutophosphorylationPerH && r.KOff == o.CamKiiDecayPerH && r.ResetMin == o.CamKiiResetTimeMin)
                return r;
            return Make(stepH, o);
        }

        private static Relaxation Make(double stepH, PlasticityOptions o)
        {
            Relaxation r;
            double h = stepH / SubSteps;
            // the phosphatase is fast (minutes) against the substep: its linear decay is applied exactly
            double reset = o.CamKiiResetTimeMin > 0 ? Math.Exp(-h * 60 / o.CamKiiResetTimeMin) : 1;
            double g = Math.Max(0, 1 + h * (o.CamKiiAutophosphorylationPerH - o.CamKiiDecayPerH)) * reset, bound = 1;
            for (int i = 0; i < SubSteps; i++) bound *= g;
            bool stops = (1 + h * (4e-9 * o.CamKiiAutophosphorylationPerH - o.CamKiiDecayPerH)) * reset <= 1;
            _last = r = new Relaxation(stepH, o.CamKiiAutophosphorylationPerH, o.CamKiiDecayPerH, o.CamKiiResetTimeMin, h, reset, bound < 1e-10, stops);
            return r;
        }
    }

    /// <summary>Pulse then relaxation: K at the end of the step.</summary>
    public static double Step(double k, double calciumUMS, double stepH, PlasticityOptions o)
        => Relax(Pulse(k, calciumUMS, o), stepH, o);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Hill(double x, double half, double n)
    {
        double q = x / half;
        double r = n == 4 ? q * q * (q * q) : n == 2 ? q * q : n == 1 ? q : Math.Pow(q, n); // integer powers without the C library
        return r / (1 + r);
    }
}
