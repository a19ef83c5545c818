using AgentSpines.Core.Random;
using AgentSpines.Plasticity.Model;
using AgentSpines.Plasticity.Options;

namespace AgentSpines.Plasticity.Tests;

public class KestenTests
{
    private static double[] Stationary(KestenSizeProcess k, int chains, int steps, double start, ulong seed)
    {
        var v = new double[chains];
        for (int c = 0; c < chains; c++)
        {
            var rng = new RandomStream(seed, (ulong)c, StreamId.FirstFree);
            double x = start;
            for (int i = 0; i < steps; i++) x = k.Step(x, rng.NextNormal(), rng.NextNormal());
            v[c] = x;
        }
        return v;
    }

    [Fact]
    public void UnflooredProcessHasTheTheoreticalStationaryMoments()
    {
        // E[V] = E[b]/(1-E[a]); E[V^2] = (E[b^2] + 2 E[a] E[b] E[V]) / (1 - E[a^2])
        var k = new KestenSizeProcess(0.1, 50, 0.08, 0.003, double.NegativeInfinity, 1.0);
        var v = Stationary(k, 6000, 600, 0.02, 11);
        double m = v.Average(), m2 = v.Select(x => x * x).Average();
        Assert.InRange(m / k.StationaryMean, 0.97, 1.03);
        Assert.InRange(m2 / k.StationarySecondMoment, 0.93, 1.07);
        // a wrong E[b] (e.g. without the (1 - E[a]) factor) would be off by a factor 50
    }

    [Fact]
    public void DefaultSizeDistributionIsHeavyTailedAndRoughlyLogNormal()
    {
        var model = new PlasticityModel(new PlasticityOptions());
        var v = Stationary(model.Kesten, 5000, 1500, 0.1, 12);
        var logs = v.Select(x => Math.Log(x)).OrderBy(x => x).ToArray();
        double mu = logs.Average();
        double sd = Math.Sqrt(logs.Select(x => (x - mu) * (x - mu)).Sum() / (logs.Length - 1));
        // SD of ln V about 0.6 (SD ln d = 0.2 in Jefferson 2023 per-spine data, V ~ d^3)
        Assert.InRange(sd, 0.4, 0.8);
        // Kolmogorov-Smirnov distance of ln V to the fitted normal: roughly log-normal
        double dks = 0;
        for (int i = 0; i < logs.Length; i++)
        {
            double f = MathNet.Numerics.Distributions.Normal.CDF(mu, sd, logs[i]);
            dks = Math.Max(dks, Math.Max(Math.Abs(f - (double)i / logs.Length), Math.Abs(f - (double)(i + 1) / logs.Length)));
        }
        Assert.True(dks < 0.05, $"KS distance {dks:F3}");
        // heavy right tail in V itself: positive skewness well above a normal's 0
        double mv = v.Average(), sv = Math.Sqrt(v.Select(x => (x - mv) * (x - mv)).Average());
        double skew = v.Select(x => Math.Pow((x - mv) / sv, 3)).Average();
        Assert.True(skew > 1.0, $"skewness {skew:F2}");
    }

    [Fact]
    public void SmallSpinesFluctuateMoreInRelativeTerms()
    {
        var model = new PlasticityModel(new PlasticityOptions());
        var k = model.Kesten;
        double RelSd(double v0)
        {
            var rng = new RandomStream(5, (ulong)(v0 * 1e6), StreamId.FirstFree);
            var r = new double[20000];
            for (int i = 0; i < r.Length; i++) r[i] = Math.Log(k.Step(v0, rng.NextNormal(), rng.NextNormal()) / v0);
            double m = r.Average();
            return Math.Sqrt(r.Select(x => (x - m) * (x - m)).Average());
        }
        // a purely multiplicative process would give equal relative SDs (ratio 1); the additive term raises it for small V
        Assert.True(RelSd(0.02) > 1.3 * RelSd(0.2), $"{RelSd(0.02):F3} vs {RelSd(0.2):F3}");
    }

    [Fact]
    public void TheStepsInverseCdfNormalsGiveTheTheoreticalStationaryMoments()
    {
        // as StepSpine draws the size noise: one word per normal (NormalQuantile), the factor a by Growth
        var k = new KestenSizeProcess(0.1, 50, 0.08, 0.003, double.NegativeInfinity, 1.0);
        var v = new double[6000];
        for (int c = 0; c < v.Length; c++)
        {
            var rng = new RandomStream(13, (ulong)c, StreamId.FirstFree);
            double x = 0.02;
            for (int i = 0; i < 600; i++)
                x = k.StepWith(x, k.Growth(NormalQuantile.FromWord(rng.NextUInt32())), NormalQuantile.FromWord(rng.NextUInt32()));
            v[c] = x;
        }
        double m = v.Average(), m2 = v.Select(x => x * x).Average();
        Assert.InRange(m / k.StationaryMean, 0.97, 1.03);
        Assert.InRange(m2 / k.StationarySecondMoment, 0.93, 1.07);
    }

    [Fact]
    public void GrowthIsTheExponentialAndItsBatchIsBitForBitTheSame()
    {
        var k = new PlasticityModel(new PlasticityOptions()).Kesten;
        var rng = new RandomStream(21, 1, StreamId.FirstFree);
        foreach (double drift in new[] { 0.0, 0.05, -3.0 })
            foreach (int n in new[] { 0, 1, 3, 4, 5, 1001 })
            {
                var pairs = new double[2 * n];
                for (int i = 0; i < pairs.Length; i++) pairs[i] = 3 * rng.NextNormal();
                var original = (double[])pairs.Clone();
                k.Growths(pairs, drift);
                for (int i = 0; i < n; i++)
                {
                    double za = original[2 * i], exact = Math.Exp(k.LogAMean + k.LogASd * za + drift);
                    Assert.Equal(BitConverter.DoubleToInt64Bits(k.Growth(za, drift)), BitConverter.DoubleToInt64Bits(pairs[2 * i]));
                    Assert.True(Math.Abs(pairs[2 * i] - exact) <= 1e-15 * exact, $"{pairs[2 * i]:R} vs exp {exact:R}");
                    Assert.Equal(original[2 * i + 1], pairs[2 * i + 1]);
                }
            }
    }
}
