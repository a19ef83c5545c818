using AgentSpines.Core.Random;
using MathNet.Numerics.Distributions;

namespace AgentSpines.Core.Tests.Random;

/// <summary>
/// The inverse-CDF normal (one 32-bit word per deviate) against the exact quantile (MathNet) and, drawn from a
/// Philox stream, against the normal distribution: moments, tail masses and KS. Tolerances are 4.5 standard errors
/// (or the approximation's published 1.15e-9 relative error): a variance off by 1%, a tail mass off by 5% or one
/// wrong coefficient fails.
/// </summary>
public class NormalQuantileTests
{
    private const int N = 1_000_000;

    [Fact]
    public void MatchesTheExactQuantileOverTheWholeRange()
    {
        var ps = new List<double>();
        for (int e = -10; e <= -2; e++)
            foreach (double m in new[] { 1.0, 2.5, 5.0, 7.5 }) { ps.Add(m * Math.Pow(10, e)); ps.Add(1 - m * Math.Pow(10, e)); }
        for (int i = 1; i < 1000; i++) ps.Add(i / 1000.0);
        ps.Add(0.02425); ps.Add(1 - 0.02425); ps.Add(0.0242499); ps.Add(0.0242501);
        foreach (double p in ps)
        {
            double exact = Normal.InvCDF(0, 1, p), z = NormalQuantile.Of(p);
            Assert.True(Math.Abs(z - exact) <= 1.2e-9 * Math.Abs(exact) + 1e-15, $"p = {p:R}: {z:R} vs {exact:R}");
        }
        Assert.Equal(double.NegativeInfinity, NormalQuantile.Of(0));
        Assert.Equal(double.PositiveInfinity, NormalQuantile.Of(1));
        Assert.True(double.IsNaN(NormalQuantile.Of(-0.1)) && double.IsNaN(NormalQuantile.Of(double.NaN)));
    }

    [Fact]
    public void AWordGivesTheQuantileOfItsMidpointSymmetricallyAndMonotonically()
    {
        double previous = double.NegativeInfinity;
        for (ulong w = 0; w <= uint.MaxValue; w += 65_537)
        {
            uint word = (uint)w;
            double z = NormalQuantile.FromWord(word);
            Assert.Equal(NormalQuantile.Of((word + 0.5) / 4294967296.0), z, 12);
            Assert.Equal(-z, NormalQuantile.FromWord(~word));
            Assert.True(z > previous, $"word {word}: {z} after {previous}");
            previous = z;
        }
        Assert.Equal(Normal.InvCDF(0, 1, 0.5 / 4294967296.0), NormalQuantile.FromWord(0), 8);
        Assert.Equal(-NormalQuantile.FromWord(0), NormalQuantile.FromWord(uint.MaxValue));
    }

    [Fact]
    public void WordsFromAStreamAreStandardNormal()
    {
        var s = new RandomStream(2026, 13, StreamId.FirstFree);
        var x = new double[N];
        for (int i = 0; i < N; i++) x[i] = NormalQuantile.FromWord(s.NextUInt32());
        double mean = x.Average();
        double m2 = 0, m3 = 0, m4 = 0;
        int beyond2 = 0, beyond3 = 0;
        foreach (double v in x)
        {
            double d = v - mean, d2 = d * d;
            m2 += d2; m3 += d2 * d; m4 += d2 * d2;
            if (Math.Abs(v) > 2) beyond2++;
            if (Math.Abs(v) > 3) beyond3++;
        }
        m2 /= N; m3 /= N; m4 /= N;
        const double k = 4.5; // standard errors allowed
        Assert.InRange(mean, -k / Math.Sqrt(N), k / Math.Sqrt(N));
        Assert.InRange(m2, 1 - k * Math.Sqrt(2.0 / N), 1 + k * Math.Sqrt(2.0 / N));
        Assert.InRange(m3 / Math.Pow(m2, 1.5), -k * Math.Sqrt(6.0 / N), k * Math.Sqrt(6.0 / N));
        Assert.InRange(m4 / (m2 * m2) - 3, -k * Math.Sqrt(24.0 / N), k * Math.Sqrt(24.0 / N));
        foreach (var (count, z) in new[] { (beyond2, 2.0), (beyond3, 3.0) })
        {
            double p = 2 * Normal.CDF(0, 1, -z), expected = N * p, sd = Math.Sqrt(N * p * (1 - p));
            Assert.InRange(count, expected - k * sd, expected + k * sd);
        }
        GoodnessOfFit.AssertKs(x, v => Normal.CDF(0, 1, v));
    }

    [Fact]
    public void PairsOfWordsGiveBitForBitTheSingleWordDeviates()
    {
        // records of five words, the deviates from words 3 and 4, as the population step draws them; odd counts leave a scalar tail
        var s = new RandomStream(7, 7, StreamId.FirstFree);
        foreach (int records in new[] { 0, 1, 2, 3, 1001 })
        {
            var words = new uint[5 * records];
            for (int i = 0; i < words.Length; i++) words[i] = s.NextUInt32();
            // the ends and both sides of the central region's edges
            uint[] special = [0, 1, uint.MaxValue, 0x0635_4000u, 0x0635_3F7Cu, 0x0635_3F7Du, ~0x0635_3F7Cu, ~0x0635_3F7Du, 0x8000_0000u, 0x7FFF_FFFFu];
            for (int k = 0; k < special.Length && 5 * k + 4 < words.Length; k++) { words[5 * k + 3] = special[k]; words[5 * k + 4] = ~special[k]; }
            var z = new double[2 * records];
            NormalQuantile.FromWordPairs(words, 5, 3, z);
            for (int i = 0; i < records; i++)
            {
                Assert.Equal(BitConverter.DoubleToInt64Bits(NormalQuantile.FromWord(words[5 * i + 3])), BitConverter.DoubleToInt64Bits(z[2 * i]));
                Assert.Equal(BitConverter.DoubleToInt64Bits(NormalQuantile.FromWord(words[5 * i + 4])), BitConverter.DoubleToInt64Bits(z[2 * i + 1]));
            }
        }
    }

    [Fact]
    public void PairsOfTailWordsGiveBitForBitTheSingleWordDeviates()
    {
        // mostly tail words (both tails), some records central: the tails go four at a time, through the pending buffer's
        // refills (64 places), with the last fewer than four one by one; and a deviate with its sign flipped would differ
        var s = new RandomStream(11, 11, StreamId.FirstFree);
        foreach (int records in new[] { 1, 2, 3, 4, 5, 7, 31, 32, 33, 34, 35, 100, 1001 })
        {
            var words = new uint[5 * records];
            for (int i = 0; i < words.Length; i++)
            {
                uint u = s.NextUInt32() % 0x0600_0000u; // p below 0.0235: the lower tail, its complement the upper one
                words[i] = i / 5 % 7 == 3 ? s.NextUInt32() : (s.NextUInt32() & 1) == 0 ? u : ~u;
            }
            var z = new double[2 * records];
            NormalQuantile.FromWordPairs(words, 5, 3, z);
            for (int i = 0; i < records; i++)
            {
                Assert.Equal(BitConverter.DoubleToInt64Bits(NormalQuantile.FromWord(words[5 * i + 3])), BitConverter.DoubleToInt64Bits(z[2 * i]));
                Assert.Equal(BitConverter.DoubleToInt64Bits(NormalQuantile.FromWord(words[5 * i + 4])), BitConverter.DoubleToInt64Bits(z[2 * i + 1]));
            }
        }
    }

    [Fact]
    public void TheSameTestsCatchAWrongNormal()
    {
        // a deviate 1% too wide: its variance is 2% high, 14 standard errors at this N
        var s = new RandomStream(2026, 13, StreamId.FirstFree);
        double m2 = 0;
        for (int i = 0; i < N; i++) { double v = 1.01 * NormalQuantile.FromWord(s.NextUInt32()); m2 += v * v; }
        Assert.True(m2 / N > 1 + 4.5 * Math.Sqrt(2.0 / N));
    }
}
