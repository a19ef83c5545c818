using AgentSpines.Plasticity.Options;

namespace AgentSpines.Plasticity.Model;

/// <summary>
/// A bistable CaMKII-like switch K in [0,1] integrating calcium pulses. A step's calcium proxy phosphorylates a
/// fraction H(Ca) = Ca^n/(Ca^n + Ca50^n) of the remaining subunits at once (a pulse: K += (1-K) H), then
/// dK/dt = k_auto K^2/(0.25+K^2) (1-K) - k_off K runs for the step. With k_auto = 3 /h and k_off = 1 /h
/// the ODE has stable states 0 and ~0.65 separated by an unstable one near 0.1: a strong pulse flips the switch,
/// which then outlasts the calcium; a weak one decays.
/// </summary>
public static class CamKiiSwitch
{
    private const int SubSteps = 20;

    public static double Step(double k, double calciumUmS, double stepH, PlasticityOptions o)
    {
        if (k < 1e-9 && calciumUmS <= 0) return 0;
        if (calciumUmS > 0) k += (1 - k) * Hill(calciumUmS, o.CamKiiHalfActivationCalciumUmS, o.CamKiiHillN);
        double h = stepH / SubSteps;
        for (int i = 0; i < SubSteps; i++)
        {
            double auto = o.CamKiiAutophosphorylationPerH * k * k / (0.25 + k * k);
            k = Math.Clamp(k + h * (auto * (1 - k) - o.CamKiiDecayPerH * k), 0, 1);
        }
        return k < 1e-9 ? 0 : k;
    }

    public static double Hill(double x, double half, double n)
    {
        double r = Math.Pow(x / half, n);
        return r / (1 + r);
    }
}
