using AgentSpines.Actors.Population;

namespace AgentSpines.Actors.Tests.Population;

/// <summary>
/// The tally's sums of a dendrite's episodes from arrays (four at a time with AVX2: counts and maxima lane-wise, the sums
/// serial) are those of one AddOrNone per spine in spine order, bit for bit, including batches with values for which
/// the lane-wise maxima do not hold (negative, -0, NaN: the serial path) and rows built from several batches.
/// </summary>
public class ActivityTallyTests
{
    [Theory]
    [InlineData(0)]   // ordinary answers
    [InlineData(1)]   // a negative peak
    [InlineData(2)]   // a -0 calcium
    [InlineData(3)]   // a NaN boost
    [InlineData(4)]   // +infinity calcium
    public void ArraySumsAreTheSerialSumsBitForBit(int special)
    {
        var rng = new System.Random(31 + special);
        var expected = new ActivityTally();
        var actual = new ActivityTally();
        for (int step = 0; step < 6; step++)
        {
            expected.Open(step, step + 1);
            actual.Open(step, step + 1);
            for (int batch = 0; batch < 3; batch++)
            {
                int n = rng.Next(0, 40); // multiples of four and not, empty too
                var counts = new int[n];
                var peak = new double[n];
                var boost = new double[n];
                var charge = new double[n];
                var calcium = new double[n];
                for (int k = 0; k < n; k++)
                {
                    counts[k] = rng.Next(0, 5) == 0 ? 0 : rng.Next(1, 9);
                    if (counts[k] == 0) continue; // no episode: every field 0
                    // values of very different magnitudes, so that the order of the additions shows in the bits
                    peak[k] = Math.Exp(rng.NextDouble() * 12 - 4);
                    boost[k] = 1 + Math.Exp(rng.NextDouble() * 20 - 15);
                    charge[k] = -Math.Exp(rng.NextDouble() * 30 - 10) * counts[k];
                    calcium[k] = Math.Exp(rng.NextDouble() * 25 - 12) * counts[k];
                }
                if (n > 5 && batch == 1 && step == 2)
                {
                    int at = rng.Next(0, n);
                    counts[at] = Math.Max(counts[at], 1);
                    switch (special)
                    {
                        case 1: peak[at] = -3.5; break;
                        case 2: calcium[at] = -0.0; break;
                        case 3: boost[at] = double.NaN; break;
                        case 4: calcium[at] = double.PositiveInfinity; break;
                    }
                }
                expected.AddEpisodes(Enumerable.Range(0, n).Select(k => new SpineEpisodes(counts[k], peak[k], boost[k], charge[k], calcium[k])).ToArray());
                actual.AddEpisodes(counts, peak, boost, charge, calcium);
            }
            expected.Flush();
            actual.Flush();
        }
        Assert.Equal(expected.Rows.Count, actual.Rows.Count);
        Assert.NotEmpty(actual.Rows);
        for (int r = 0; r < expected.Rows.Count; r++)
        {
            var (e, a) = (expected.Rows[r], actual.Rows[r]);
            Assert.Equal((e.Spines, e.Episodes), (a.Spines, a.Episodes));
            Assert.Equal(Bits(e.MeanPeakDepolarizationMV), Bits(a.MeanPeakDepolarizationMV));
            Assert.Equal(Bits(e.MaxPeakDepolarizationMV), Bits(a.MaxPeakDepolarizationMV));
            Assert.Equal(Bits(e.MeanNmdaBoost), Bits(a.MeanNmdaBoost));
            Assert.Equal(Bits(e.MaxNmdaBoost), Bits(a.MaxNmdaBoost));
            Assert.Equal(Bits(e.NmdaChargeFC), Bits(a.NmdaChargeFC));
            Assert.Equal(Bits(e.MeanCalciumUMS), Bits(a.MeanCalciumUMS));
            Assert.Equal(Bits(e.MaxCalciumUMS), Bits(a.MaxCalciumUMS));
        }
    }

    private static long? Bits(double? x) => x is { } v ? BitConverter.DoubleToInt64Bits(v) : null;
}
