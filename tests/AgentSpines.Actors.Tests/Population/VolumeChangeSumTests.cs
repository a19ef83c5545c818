using AgentSpines.Actors.Population;
using Xunit;

namespace AgentSpines.Actors.Tests.Population;

/// <summary>The quiet runs' volume changes summed without their +0 terms: the serial sum's bits, signed zeros included.</summary>
public class VolumeChangeSumTests
{
    private static double Serial(double sum, double[] changes)
    {
        foreach (var c in changes) sum += c;
        return sum;
    }

    [Fact]
    public void SkippingPlusZeroTermsGivesTheSerialBits()
    {
        var rng = new Random(17);
        double[] starts = [0.0, -0.0, 1e-3, -2.5e-4, 3.0];
        int checkedCases = 0;
        for (int trial = 0; trial < 20000; trial++)
        {
            int n = rng.Next(0, 23);
            var changes = new double[n];
            for (int k = 0; k < n; k++)
                changes[k] = rng.Next(10) switch
                {
                    < 6 => 0.0,
                    6 => -0.0,
                    7 => 1e-3 * (rng.NextDouble() - 0.5),
                    8 => -1e-3, // cancels a start of 1e-3: an exact zero in the middle
                    _ => Math.ScaleB(rng.NextDouble(), -60),
                };
            double start = starts[rng.Next(starts.Length)];
            long expected = BitConverter.DoubleToInt64Bits(Serial(start, changes));
            long actual = BitConverter.DoubleToInt64Bits(VolumeChangeSum.AddInOrder(start, changes));
            Assert.True(expected == actual, $"trial {trial}: start {start}, [{string.Join(", ", changes)}]: {BitConverter.Int64BitsToDouble(actual)} vs serial {BitConverter.Int64BitsToDouble(expected)}");
            checkedCases++;
        }
        Assert.Equal(20000, checkedCases);
    }

    [Theory]
    [InlineData(8)]  // -0 start, only +0 terms: the serial sum is +0
    [InlineData(3)]
    [InlineData(0)]  // no terms: the start, -0 kept
    public void MinusZeroStartWithPlusZeroTerms(int n)
    {
        var changes = new double[n];
        double expected = Serial(-0.0, changes);
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(VolumeChangeSum.AddInOrder(-0.0, changes)));
        Assert.Equal(n == 0, double.IsNegative(VolumeChangeSum.AddInOrder(-0.0, changes)));
    }
}
