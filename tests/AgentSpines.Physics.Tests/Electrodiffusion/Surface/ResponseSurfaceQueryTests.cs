using AgentSpines.Physics.Electrodiffusion.Surface;

namespace AgentSpines.Physics.Tests.Electrodiffusion.Surface;

public class ResponseSurfaceQueryTests
{
    [Fact]
    public void QueriesInsideTheGridDoNotAllocate()
    {
        var s = PopulationSurface.Surface;
        var v = new double[1000];
        var l = new double[1000];
        var rng = new Random(5);
        for (int i = 0; i < v.Length; i++) { v[i] = 0.005 + rng.NextDouble(); l[i] = 60 + 4000 * rng.NextDouble(); }
        double sum = 0;
        for (int i = 0; i < v.Length; i++) if (s.TryQuery(v[i], l[i], 100, out var r)) sum += r.NmdaChargeFC; // JIT, warm
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int rep = 0; rep < 20; rep++)
            for (int i = 0; i < v.Length; i++)
                if (s.TryQuery(v[i], l[i], 100, out var r)) sum += r.NmdaChargeFC;
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.True(sum > 0);
    }

    [Fact]
    public void LogLogInterpolationIsExactAtTheNodes()
    {
        var s = PopulationSurface.Surface;
        var volumes = s.NodesOf(SurfaceAxis.HeadVolumeUm3);
        var necks = s.NodesOf(SurfaceAxis.NeckLengthNm);
        var model = new AgentSpines.Physics.Electrodiffusion.FastEpisodeModel();
        foreach (int i in new[] { 0, volumes.Count / 2, volumes.Count - 1 })
        {
            double[] x = [volumes[i], necks[necks.Count / 3], 100, 25, 400];
            Assert.True(s.TryInterpolateGeneral(x[0], x[1], x[2], x[3], x[4], out var r));
            var exact = s.Exact(x);
            Assert.True(r.MaxRelativeError(exact) < 1e-9, $"node {i}: {r} vs {exact}");
            // The population table is not node-aligned in head volume: it answers within its recorded deviation.
            Assert.True(s.TryInterpolate(x, out var p));
            double limit = s.PlaneLayout!.Value.Deviation;
            Assert.True(p.MaxRelativeError(exact) <= limit * 1.2, $"node {i} through the table: {p} vs {exact} (limit {limit})");
        }
    }

    [Theory]
    [InlineData(1e-300)]
    [InlineData(1e-5)]
    [InlineData(0.004)]
    [InlineData(0.7071067811865476)]
    [InlineData(1.0)]
    [InlineData(1.4142135623730951)]
    [InlineData(2.5)]
    [InlineData(5000)]
    [InlineData(1e300)]
    public void ManagedLogAndExpMatchTheLibrary(double x)
    {
        Assert.True(Math.Abs(ManagedMath.Log(x) - Math.Log(x)) <= 1e-15 * Math.Max(1, Math.Abs(Math.Log(x))), $"log {x}");
        double y = Math.Log(x) / 2; // within the exponent range
        Assert.True(Math.Abs(ManagedMath.Exp(y) - Math.Exp(y)) <= 1e-15 * Math.Exp(y), $"exp {y}");
        Assert.True(double.IsNaN(ManagedMath.Log(-x)));
    }

    [Fact]
    public void ManagedMathHoldsOverItsRange()
    {
        var rng = new Random(11);
        double worstLog = 0, worstExp = 0;
        for (int i = 0; i < 100_000; i++)
        {
            double x = Math.Exp(-700 + 1400 * rng.NextDouble());
            worstLog = Math.Max(worstLog, Math.Abs(ManagedMath.Log(x) - Math.Log(x)) / Math.Max(1, Math.Abs(Math.Log(x))));
            double y = -50 + 100 * rng.NextDouble();
            worstExp = Math.Max(worstExp, Math.Abs(ManagedMath.Exp(y) - Math.Exp(y)) / Math.Exp(y));
        }
        Assert.True(worstLog < 1e-15, $"log {worstLog:G3}");
        Assert.True(worstExp < 1e-14, $"exp {worstExp:G3}");
    }
}
