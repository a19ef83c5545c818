using MathNet.Numerics.Distributions;

namespace AgentSpines.Core.Tests.Random;

/// <summary>
/// Goodness-of-fit tests shared by the distribution tests. Significance level 1e-3 with fixed seeds: a correct
/// sampler passes deterministically, and with n = 10^5 a sampler whose CDF is off by more than about 0.6%
/// anywhere fails.
/// </summary>
public static class GoodnessOfFit
{
    public const double Alpha = 1e-3;

    /// <summary>Kolmogorov-Smirnov statistic D of a sample against a continuous CDF.</summary>
    public static double KolmogorovSmirnov(double[] sample, Func<double, double> cdf)
    {
        var x = (double[])sample.Clone();
        Array.Sort(x);
        int n = x.Length;
        double d = 0;
        for (int i = 0; i < n; i++)
        {
            double f = cdf(x[i]);
            d = Math.Max(d, Math.Max(f - (double)i / n, (double)(i + 1) / n - f));
        }
        return d;
    }

    /// <summary>Asymptotic critical value of D at <see cref="Alpha"/>: sqrt(-ln(alpha/2)/2) / sqrt(n).</summary>
    public static double KsCritical(int n) => Math.Sqrt(-0.5 * Math.Log(Alpha / 2)) / Math.Sqrt(n);

    public static void AssertKs(double[] sample, Func<double, double> cdf)
    {
        double d = KolmogorovSmirnov(sample, cdf), crit = KsCritical(sample.Length);
        Assert.True(d < crit, $"KS D = {d:G4} >= critical {crit:G4} (alpha {Alpha})");
    }

    /// <summary>Chi-square test of integer counts against a pmf, pooling cells with expectation below 5.</summary>
    public static void AssertChiSquare(long[] sample, Func<long, double> pmf, long maxK)
    {
        int n = sample.Length;
        var observed = new double[maxK + 2];
        foreach (var k in sample) observed[Math.Min(k, maxK + 1)]++;
        var expected = new double[maxK + 2];
        double sumP = 0;
        for (long k = 0; k <= maxK; k++) { expected[k] = n * pmf(k); sumP += pmf(k); }
        expected[maxK + 1] = n * Math.Max(0, 1 - sumP);
        double chi2 = 0, pooledO = 0, pooledE = 0;
        int cells = 0;
        for (int k = 0; k < expected.Length; k++)
        {
            pooledO += observed[k]; pooledE += expected[k];
            if (pooledE >= 5)
            {
                chi2 += (pooledO - pooledE) * (pooledO - pooledE) / pooledE;
                cells++;
                pooledO = pooledE = 0;
            }
        }
        if (pooledE > 0) chi2 += (pooledO - pooledE) * (pooledO - pooledE) / Math.Max(pooledE, 1e-300);
        double crit = ChiSquared.InvCDF(Math.Max(1, cells - 1), 1 - Alpha);
        Assert.True(chi2 < crit, $"chi2 = {chi2:G4} >= critical {crit:G4} with {cells - 1} dof");
    }
}
