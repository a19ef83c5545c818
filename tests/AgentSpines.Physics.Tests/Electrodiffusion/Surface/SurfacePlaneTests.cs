using System.Runtime.Intrinsics;
using AgentSpines.Physics.Electrodiffusion.Surface;

namespace AgentSpines.Physics.Tests.Electrodiffusion.Surface;

/// <summary>
/// The fast query paths of a population surface (SurfacePlane, four at a time, lane-wise log and exp) must give the
/// general interpolation's numbers bit for bit: a run's output may not depend on which path answered.
/// </summary>
public class SurfacePlaneTests
{
    [Fact]
    public void ThePlaneGivesTheGeneralInterpolationBitForBit()
    {
        var s = PopulationSurface.Surface;
        Assert.True(s.HasPlane); // head volume and neck length vary, everything else is fixed
        var rng = new Random(17);
        int inside = 0;
        for (int i = 0; i < 20_000; i++)
        {
            // log-uniform over and a little beyond the grid (0.004-2 um^3, 50-5000 nm), with the nodes themselves now and then
            double v = i % 97 == 0 ? s.NodesOf(SurfaceAxis.HeadVolumeUm3)[i % 26] : Math.Exp(Math.Log(0.003) + (Math.Log(2.5) - Math.Log(0.003)) * rng.NextDouble());
            double l = Math.Exp(Math.Log(40) + (Math.Log(6000) - Math.Log(40)) * rng.NextDouble());
            double d = i % 50 == 0 ? 99 : 100; // now and then off the fixed neck diameter
            bool a = s.TryInterpolate(v, l, d, 25, 400, out var fast);
            bool b = s.TryInterpolateGeneral(v, l, d, 25, 400, out var general);
            Assert.Equal(b, a);
            Assert.Equal(general, fast); // record struct equality: every double identical
            if (a) inside++;
        }
        Assert.True(inside > 15_000, $"{inside} points inside the grid");
    }

    [Fact]
    public void FourAtATimeGivesTheOneByOneAnswers()
    {
        var s = PopulationSurface.Surface;
        var rng = new Random(23);
        const int n = 4_003; // not a multiple of four: the remainder goes one by one
        var v = new double[n];
        var l = new double[n];
        var d = new double[n];
        for (int i = 0; i < n; i++)
        {
            v[i] = Math.Exp(Math.Log(0.0035) + (Math.Log(2.2) - Math.Log(0.0035)) * rng.NextDouble()); // a few outside: exact solves
            l[i] = Math.Exp(Math.Log(50) + (Math.Log(5000) - Math.Log(50)) * rng.NextDouble());
            d[i] = i % 500 == 7 ? 90 : 100;
        }
        v[10] = 0.0004; // neck wider than the head: no episode
        v[11] = double.NaN;
        var batch = new EpisodeResponse[n];
        var ok = new bool[n];
        long fallbacks = s.ExactFallbacks;
        s.TryQueryManyUncounted(v, l, d, batch, ok);
        long batchFallbacks = s.ExactFallbacks - fallbacks;
        Assert.True(batchFallbacks > 0, "some queries outside the grid were solved exactly");
        for (int i = 0; i < n; i++)
        {
            bool one = s.TryQueryUncounted(v[i], l[i], d[i], out var r);
            Assert.Equal(one, ok[i]);
            if (one) Assert.Equal(r, batch[i]);
        }
        Assert.False(ok[10]);
        Assert.False(ok[11]);
    }

    [Fact]
    public void LaneWiseLogAndExpAreTheScalarOnesBitForBit()
    {
        var rng = new Random(29);
        for (int i = 0; i < 50_000; i++)
        {
            var x = Vector256.Create(Pick(rng), Pick(rng), Pick(rng), Pick(rng));
            var lx = ManagedMath.Log(x);
            var y = Vector256.Create(-699 + 1398 * rng.NextDouble(), -5 + 10 * rng.NextDouble(), rng.NextDouble() - 0.5, 1e-3 * rng.NextDouble());
            var ey = ManagedMath.Exp(y);
            for (int j = 0; j < 4; j++)
            {
                Assert.Equal(BitConverter.DoubleToInt64Bits(ManagedMath.Log(x.GetElement(j))), BitConverter.DoubleToInt64Bits(lx.GetElement(j)));
                Assert.Equal(BitConverter.DoubleToInt64Bits(ManagedMath.Exp(y.GetElement(j))), BitConverter.DoubleToInt64Bits(ey.GetElement(j)));
            }
        }
    }

    /// <summary>Positive normal numbers over the whole exponent range, and values next to 1 (the log's hardest).</summary>
    private static double Pick(Random rng) => rng.Next(3) switch
    {
        0 => Math.Exp(-700 + 1400 * rng.NextDouble()),
        1 => 1 + 1e-6 * (rng.NextDouble() - 0.5),
        _ => 1e-3 + 10 * rng.NextDouble(),
    };
}
