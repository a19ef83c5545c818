using System.Numerics;
using AgentSpines.Core.Numerics;

namespace AgentSpines.Physics.Transport;

/// <summary>
/// The Mittag-Leffler waiting-time law with Laplace transform 1/(1 + (tau s)^mu): survival E_mu(-(t/tau)^mu),
/// computed by Laplace inversion of the survival transform tau^mu s^(mu-1)/(1 + (tau s)^mu); the power series and
/// the large-argument expansion are kept as independent checks.
/// </summary>
public static class MittagLefflerFunction
{
    /// <summary>P(T &lt;= t).</summary>
    public static double Cdf(double tMs, double mu, double tauMs)
    {
        if (tMs <= 0) return 0;
        if (mu == 1.0) return -double.ExpM1(-tMs / tauMs);
        return 1.0 - Survival(tMs, mu, tauMs);
    }

    /// <summary>P(T &gt; t) = E_mu(-(t/tau)^mu).</summary>
    public static double Survival(double tMs, double mu, double tauMs)
    {
        if (tMs <= 0) return 1;
        if (mu == 1.0) return Math.Exp(-tMs / tauMs);
        double v = LaplaceInversion.Invert(s => SurvivalTransform(s, mu, tauMs), tMs);
        return Math.Clamp(v, 0.0, 1.0);
    }

    public static Complex DensityTransform(Complex s, double mu, double tauMs) => 1.0 / (1.0 + Complex.Pow(tauMs * s, mu));

    public static Complex SurvivalTransform(Complex s, double mu, double tauMs)
    {
        var p = Complex.Pow(tauMs * s, mu);
        return p / (s * (1.0 + p));
    }

    /// <summary>E_mu(-x) by its power series sum (-x)^k / Gamma(mu k + 1); accurate for x up to about 1.</summary>
    public static double SeriesNegative(double x, double mu)
    {
        double sum = 0, term;
        int k = 0;
        do
        {
            term = Math.Pow(-x, k) / GammaFunction.Gamma(mu * k + 1);
            sum += term;
            k++;
        } while (Math.Abs(term) > 1e-17 * Math.Max(1, Math.Abs(sum)) && k < 400);
        return sum;
    }

    /// <summary>E_mu(-x) for large x: sum_{k=1..n} (-1)^(k+1) x^(-k) / Gamma(1 - mu k).</summary>
    public static double AsymptoticNegative(double x, double mu, int terms = 3)
    {
        double sum = 0;
        for (int k = 1; k <= terms; k++)
        {
            double g = 1 - mu * k;
            if (g <= 0 && Math.Abs(g - Math.Round(g)) < 1e-12) continue; // 1/Gamma at a pole is 0
            sum += (k % 2 == 1 ? 1 : -1) * Math.Pow(x, -k) / GammaFunction.Gamma(g);
        }
        return sum;
    }
}
