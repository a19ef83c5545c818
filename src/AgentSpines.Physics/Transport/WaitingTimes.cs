using System.Runtime.CompilerServices;

namespace AgentSpines.Physics.Transport;

/// <summary>
/// Exact samplers for the waiting-time densities of the model, each drawing a fixed number of uniforms so that
/// streams stay aligned whatever the parameters (an Erlang(k) draws k).
/// </summary>
public static class WaitingTimes
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Exponential(ref PhiloxCursor rng, double rate) => -Math.Log(rng.NextOpenDouble()) / rate;

    /// <summary>Erlang(shape, rate): density rate^k t^(k-1) e^(-rate t)/(k-1)!, the paper's gamma for k = 2.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Erlang(ref PhiloxCursor rng, int shape, double rate)
    {
        double product = 1.0;
        for (int k = 0; k < shape; k++) product *= rng.NextOpenDouble();
        return -Math.Log(product) / rate;
    }

    /// <summary>
    /// Mittag-Leffler waiting time with Laplace transform 1/(1 + (tau s)^mu), 0 &lt; mu &lt;= 1, by the
    /// Kozubowski / Fulger-Scalas-Germano formula t = -tau ln U (sin(mu pi)/tan(mu pi V) - cos(mu pi))^(1/mu),
    /// written as the ratio sin(mu pi (1 - V)) / sin(mu pi V), which is the same number but never negative.
    /// mu = 1 is exactly the exponential of mean tau.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double MittagLeffler(ref PhiloxCursor rng, double mu, double tauMs)
    {
        double e = -Math.Log(rng.NextOpenDouble());
        double v = rng.NextOpenDouble();
        if (mu == 1.0) return tauMs * e;
        double ratio = Math.Sin(mu * Math.PI * (1.0 - v)) / Math.Sin(mu * Math.PI * v);
        return tauMs * e * Math.Pow(ratio, 1.0 / mu);
    }

    /// <summary>Pareto type II (Lomax): density (mu/tau) (1 + t/tau)^(-1-mu), tail t^(-1-mu), mean tau/(mu-1) for mu &gt; 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Lomax(ref PhiloxCursor rng, double mu, double tauMs)
        => tauMs * (Math.Pow(rng.NextOpenDouble(), -1.0 / mu) - 1.0);

    /// <summary>Standard normal by Box-Muller (one of the pair; two uniforms).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Normal(ref PhiloxCursor rng)
    {
        double r = Math.Sqrt(-2.0 * Math.Log(rng.NextOpenDouble()));
        return r * Math.Cos(2.0 * Math.PI * rng.NextOpenDouble());
    }
}
