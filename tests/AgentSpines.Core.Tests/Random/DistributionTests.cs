using AgentSpines.Core.Random;
using MathNet.Numerics.Distributions;

namespace AgentSpines.Core.Tests.Random;

public class DistributionTests
{
    private const int N = 100_000;

    private static double[] Draw(Func<RandomStream, double> f, ulong seed = 2024)
    {
        var s = new RandomStream(seed, 99, StreamId.FirstFree);
        var x = new double[N];
        for (int i = 0; i < N; i++) x[i] = f(s);
        return x;
    }

    [Fact]
    public void UniformPassesKs() => GoodnessOfFit.AssertKs(Draw(s => s.NextDouble()), x => Math.Clamp(x, 0, 1));

    [Fact]
    public void OpenUniformNeverHitsTheEnds()
    {
        var x = Draw(s => s.NextOpenDouble());
        Assert.All(x, v => Assert.InRange(v, double.Epsilon, 1 - 1e-17));
    }

    [Fact]
    public void NormalPassesKs() => GoodnessOfFit.AssertKs(Draw(s => s.NextNormal()), x => Normal.CDF(0, 1, x));

    [Theory]
    [InlineData(0.5)]
    [InlineData(3.0)]
    public void ExponentialPassesKs(double rate)
        => GoodnessOfFit.AssertKs(Draw(s => s.NextExponential(rate)), x => 1 - Math.Exp(-rate * x));

    [Theory]
    [InlineData(0.3, 2.0)]
    [InlineData(1.0, 1.0)]
    [InlineData(2.0, 0.5)]
    [InlineData(7.5, 3.0)]
    public void GammaPassesKs(double shape, double scale)
        => GoodnessOfFit.AssertKs(Draw(s => s.NextGamma(shape, scale)), x => Gamma.CDF(shape, 1.0 / scale, x));

    [Theory]
    [InlineData(0.7)]
    [InlineData(4.0)]
    [InlineData(25.0)]
    [InlineData(400.0)]
    public void PoissonPassesChiSquare(double mean)
    {
        var s = new RandomStream(77, 5, StreamId.FirstFree);
        var x = new long[N];
        for (int i = 0; i < N; i++) x[i] = s.NextPoisson(mean);
        GoodnessOfFit.AssertChiSquare(x, k => Poisson.PMF(mean, (int)k), (long)(mean + 10 * Math.Sqrt(mean) + 10));
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(1.0)]
    [InlineData(4.0)]
    [InlineData(9.5)]
    [InlineData(25.0)]
    public void PoissonTablePassesChiSquare(double mean)
    {
        var table = new PoissonTable(mean);
        var s = new RandomStream(78, 5, StreamId.FirstFree);
        var x = new long[N];
        for (int i = 0; i < N; i++) x[i] = table.Next(s);
        GoodnessOfFit.AssertChiSquare(x, k => Poisson.PMF(mean, (int)k), (long)(mean + 10 * Math.Sqrt(mean) + 10));
        Assert.InRange(x.Average(), mean - 5 * Math.Sqrt(mean / N), mean + 5 * Math.Sqrt(mean / N));
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(4.0)]
    [InlineData(9.5)]
    public void PoissonTableDrawsAreTheCdfInversionOfTheirWord(double mean)
    {
        // the guide table only chooses where the search starts: each draw is the smallest k with u <= P(X <= k)
        var table = new PoissonTable(mean);
        var cdf = new double[table.MaxValue + 1];
        double p = Math.Exp(-mean), sum = 0;
        for (int k = 0; k < cdf.Length; k++)
        {
            if (k > 0) p *= mean / k;
            cdf[k] = sum += p;
        }
        cdf[^1] = 1;
        var draws = new RandomStream(80, 5, StreamId.FirstFree);
        var words = new RandomStream(80, 5, StreamId.FirstFree);
        for (int i = 0; i < 200_000; i++)
        {
            double u = (words.NextUInt32() + 0.5) * (1.0 / 4294967296.0);
            int expected = 0;
            while (u > cdf[expected]) expected++;
            Assert.Equal(expected, table.Next(draws));
        }
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(1.0)]
    [InlineData(4.0)]
    [InlineData(9.5)]
    public void ThePublishedCdfCountsEveryDrawAsTheGuidedSearchFindsIt(double mean)
    {
        // the eight-lane draw of the activity counts the entries of Cdf below u: it must be nondecreasing, end at 1, and
        // the count must be the draw for every word (random words, both sides of every guide bucket's edge, the words
        // whose u lies next to each entry)
        var table = new PoissonTable(mean);
        var cdf = table.Cdf.ToArray();
        Assert.Equal(table.MaxValue + 1, cdf.Length);
        Assert.Equal(1.0, cdf[^1]);
        for (int k = 1; k < cdf.Length; k++) Assert.True(cdf[k] >= cdf[k - 1], $"P(X <= {k}) below P(X <= {k - 1})");
        int Count(uint w)
        {
            double u = (w + 0.5) * (1.0 / 4294967296.0);
            return cdf.Count(c => u > c);
        }
        var words = new List<uint>();
        var rng = new RandomStream(81, 6, StreamId.FirstFree);
        for (int i = 0; i < 100_000; i++) words.Add(rng.NextUInt32());
        for (uint b = 0; b < 256; b++) words.AddRange([b << 24, (b << 24) | 0xFFFFFF, (b << 24) + 1]);
        foreach (double c in cdf)
        {
            uint w = (uint)Math.Min(uint.MaxValue, Math.Max(0, c * 4294967296.0 - 0.5));
            for (long d = -2; d <= 2; d++) if (w + d is >= 0 and <= uint.MaxValue) words.Add((uint)(w + d));
        }
        foreach (uint w in words) Assert.Equal(table.FromWord(w), Count(w));
    }

    [Fact]
    public void PoissonTableWouldCatchAWrongMean()
    {
        // a table for 2 % too large a mean must fail the chi-square against the right one: the test has power
        var table = new PoissonTable(4.08);
        var s = new RandomStream(79, 5, StreamId.FirstFree);
        var x = new long[N];
        for (int i = 0; i < N; i++) x[i] = table.Next(s);
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => GoodnessOfFit.AssertChiSquare(x, k => Poisson.PMF(4.0, (int)k), 40));
        Assert.Equal(0, new PoissonTable(0).Next(s));
        Assert.True(new PoissonTable(1).MaxValue is > 10 and < 25);
    }

    [Fact]
    public void KsWouldCatchAWrongSampler()
    {
        // A sampler with 2% too large a rate must fail: the test has power, not just a pass.
        var x = Draw(s => s.NextExponential(1.02));
        double d = GoodnessOfFit.KolmogorovSmirnov(x, v => 1 - Math.Exp(-v));
        Assert.True(d > GoodnessOfFit.KsCritical(N));
    }

    [Fact]
    public void NextIntIsUniform()
    {
        var s = new RandomStream(3, 3, StreamId.FirstFree);
        var x = new long[N];
        for (int i = 0; i < N; i++) x[i] = s.NextInt(7);
        GoodnessOfFit.AssertChiSquare(x, k => k < 7 ? 1.0 / 7 : 0, 6);
    }
}
