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
    public static double Pulse(double k, double calciumUmS, PlasticityOptions o)
        => calciumUmS > 0 ? k + (1 - k) * Hill(calciumUmS, o.CamKiiHalfActivationCalciumUmS, o.CamKiiHillN) : k;

    /// <summary>K at the end of a step of stepH hours after the pulse: autophosphorylation, decay and PP1 reset.</summary>
    public static double Relax(double k, double stepH, PlasticityOptions o)
    {
        if (k < 1e-9) return 0;
        double h = stepH / SubSteps;
        // the phosphatase is fast (minutes) against the substep: its linear decay is applied exactly
        double reset = o.CamKiiResetTimeMin > 0 ? Math.Exp(-h * 60 / o.CamKiiResetTimeMin) : 1;
        // Below 1e-9, k' <= k (1 + h (4e-9 k_auto - k_off)) reset: when that factor is at most 1, k only falls from
        // there and the answer is 0 whatever the remaining substeps do, so they are skipped (with PP1, a pulse is
        // gone within a few substeps: most of the cost of a step with activity).
        bool stopsAtZero = (1 + h * (4e-9 * o.CamKiiAutophosphorylationPerH - o.CamKiiDecayPerH)) * reset <= 1;
        for (int i = 0; i < SubSteps; i++)
        {
            double auto = o.CamKiiAutophosphorylationPerH * k * k / (0.25 + k * k);
            k = Math.Clamp(k + h * (auto * (1 - k) - o.CamKiiDecayPerH * k), 0, 1) * reset;
            if (k < 1e-9 && stopsAtZero) return 0;
        }
        return k < 1e-9 ? 0 : k;
    }

    /// <summary>Pulse then relaxation: K at the end of the step.</summary>
    public static double Step(double k, double calciumUmS, double stepH, PlasticityOptions o)
        => Relax(Pulse(k, calciumUmS, o), stepH, o);

    public static double Hill(double x, double half, double n)
    {
        double r = Math.Pow(x / half, n);
        return r / (1 + r);
    }
}
