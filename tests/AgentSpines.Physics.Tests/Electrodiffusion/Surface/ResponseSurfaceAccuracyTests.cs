using AgentSpines.Physics.Electrodiffusion;
using AgentSpines.Physics.Electrodiffusion.Surface;

namespace AgentSpines.Physics.Tests.Electrodiffusion.Surface;

/// <summary>The surface against the fast solver: within 1 % inside its range, exact (and counted) outside.</summary>
public class ResponseSurfaceAccuracyTests
{
    [Fact]
    public void EveryQuantityIsWithinOnePercentOfTheFastSolverAtRandomPointsInsideTheGrid()
    {
        var s = PopulationSurface.Surface;
        var model = new FastEpisodeModel();
        var rng = new Random(20261201); // not the builder's verification seed
        var worst = new double[EpisodeResponse.QuantityCount];
        int compared = 0;
        for (int i = 0; i < 60; i++)
        {
            double v = Math.Exp(Math.Log(0.004) + rng.NextDouble() * Math.Log(2 / 0.004));
            double l = Math.Exp(Math.Log(50) + rng.NextDouble() * Math.Log(100));
            Assert.True(s.TryInterpolate([v, l, 100, 25, 400], out var interp), $"point {v} um^3, {l} nm is inside the grid");
            // the full episode protocol (10 ms tail) of the fast solver, not the surface's own short-tail runs
            var g = SpineGeometry.WithHeadVolume(SpineGeometry.SpineA, v) with { NeckLengthNm = l, NeckDiameterNm = 100 };
            var exact = EpisodeResponse.From(model.Run(g, new SynapticInput { CurrentPA = 25, DurationMs = 10 }));
            for (int q = 0; q < EpisodeResponse.QuantityCount; q++)
                worst[q] = Math.Max(worst[q], Math.Abs(interp[q] - exact[q]) / Math.Abs(exact[q]));
            compared++;
        }
        Assert.Equal(60, compared);
        for (int q = 0; q < EpisodeResponse.QuantityCount; q++)
            Assert.True(worst[q] < 0.01, $"{EpisodeResponse.QuantityNames[q]}: largest relative error {worst[q]:G3}");
        // and the grid is not trivially fine: the interpolation does err, by more than the solver's own 1e-4
        Assert.True(worst.Max() > 1e-4, $"largest error {worst.Max():G3}");
        Assert.True(s.VerifiedMaxRelError < 0.01);
    }

    [Fact]
    public void AQueryOutsideTheRangeIsSolvedExactlyAndCounted()
    {
        var s = EpisodeSurfaceBuilder.Build(PopulationSurface.Small());
        long before = s.ExactFallbacks;
        Assert.True(s.TryQuery(0.3, 500, 70, out var r)); // head volume above the 0.2 um^3 maximum
        Assert.Equal(before + 1, s.ExactFallbacks);
        var g = SpineGeometry.WithHeadVolume(SpineGeometry.SpineA, 0.3) with { NeckLengthNm = 500, NeckDiameterNm = 70 };
        var exact = EpisodeResponse.From(new FastEpisodeModel().Run(g, new SynapticInput()));
        Assert.Equal(exact, r); // bit for bit: computed, not extrapolated
        Assert.False(s.TryInterpolate([0.3, 500, 70, 25, 400], out _));
        Assert.True(s.TryQuery(0.1, 500, 70, out _)); // inside: interpolated, not counted
        Assert.Equal(before + 1, s.ExactFallbacks);
        Assert.True(s.TryQuery(0.1, 500, 80, out _)); // a fixed axis at another value is outside too
        Assert.Equal(before + 2, s.ExactFallbacks);
    }

    [Fact]
    public void AShapeTheSolverRefusesHasNoResponse()
    {
        var s = EpisodeSurfaceBuilder.Build(PopulationSurface.Small());
        Assert.False(s.TryQuery(0.001, 500, 70, out _)); // head radius 25 nm < neck radius 35 nm
        Assert.Equal(1, s.InvalidShapes);
        Assert.Equal(0, s.ExactFallbacks);
    }

    [Fact]
    public void ShapeRulesOnNumbersAgreeWithTheGeometryValidation()
    {
        var spec = PopulationSurface.Spec;
        var rng = new Random(3);
        int valid = 0, invalid = 0;
        for (int i = 0; i < 4000; i++)
        {
            double[] x = [Math.Exp(-9 + 11 * rng.NextDouble()), Math.Exp(1 + 9 * rng.NextDouble()), Math.Exp(1 + 7 * rng.NextDouble()), 25, Math.Exp(2 + 8 * rng.NextDouble())];
            bool expected;
            try
            {
                spec.At(x).Geometry.Validate();
                expected = true;
            }
            catch (AgentSpines.Core.AgentSpinesInputException)
            {
                expected = false;
            }
            Assert.Equal(expected, EpisodeResponseSurface.IsValidShape(spec, x));
            if (expected) valid++; else invalid++;
        }
        Assert.True(valid > 500 && invalid > 500, $"{valid} valid, {invalid} invalid: both sides exercised");
    }

    [Fact]
    public void TheShortTailGivesTheSameQuantitiesAsTheFullEpisode()
    {
        // Why a surface may run episodes with a 0.1 ms tail: its quantities end with the input.
        var model = new FastEpisodeModel();
        foreach (var (v, l) in new[] { (0.01, 200.0), (0.3, 1500.0) })
        {
            var g = SpineGeometry.WithHeadVolume(SpineGeometry.SpineA, v) with { NeckLengthNm = l, NeckDiameterNm = 100 };
            var full = model.Run(g, new SynapticInput());
            var shortTail = model.Run(g, new SynapticInput { TailMs = 0.1 });
            Assert.Equal(EpisodeResponse.From(full), EpisodeResponse.From(shortTail));
            Assert.True(shortTail.SolverSteps < full.SolverSteps);
        }
    }
}
