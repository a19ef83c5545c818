using AgentSpines.Core.Random;
using AgentSpines.Physics.Transport;

namespace AgentSpines.Physics.Tests.Transport;

/// <summary>Exactness of the end conditions, checked against closed-form laws of Brownian motion.</summary>
public sealed class GeometryTests
{
    private static DendriteGeometry Geometry(EndCondition end, double d, double v, double length = 10)
        => new(new TransportDendriteOptions { LengthUm = length, End = end, SpineDensityPerUm = 1 }, d, v);

    [Fact]
    public void ReflectingWithDriftRelaxesToTheBoltzmannProfile()
    {
        // stationary density on [0, L] is proportional to exp(v x / D); mean = L/(1-e^-b) - 1/b... with b = v/D
        double d = 1, v = 0.5, L = 10;
        var g = Geometry(EndCondition.Reflecting, d, v, L);
        var rng = new PhiloxCursor(9, 1, StreamId.FirstFree, 0);
        double sum = 0; int n = 4000, laps = 0;
        for (int i = 0; i < n; i++)
        {
            double x = L * 0.5;
            g.Move(ref x, ref laps, 60.0, ref rng); // long jump: many sub-steps and reflections
            sum += x;
        }
        double b = v / d;
        double expected = L / (1 - Math.Exp(-b * L)) - 1 / b;
        Assert.InRange(sum / n, expected - 0.1, expected + 0.1); // SE 0.03; no drift would give 5.0
    }

    [Fact]
    public void ReflectingWithDriftShortStepsMatchOneLongStep()
    {
        // the Markov property: many short exact moves and one long one give the same law (mean after 2 ms)
        double d = 1, v = -2, L = 10;
        var g = Geometry(EndCondition.Reflecting, d, v, L);
        var rng = new PhiloxCursor(10, 1, StreamId.FirstFree, 0);
        double sumShort = 0, sumLong = 0; int n = 40000, laps = 0;
        for (int i = 0; i < n; i++)
        {
            double a = 1.0, b = 1.0;
            for (int k = 0; k < 20; k++) g.Move(ref a, ref laps, 0.1, ref rng);
            g.Move(ref b, ref laps, 2.0, ref rng);
            sumShort += a; sumLong += b;
        }
        Assert.InRange(sumShort / n - sumLong / n, -0.02, 0.02);
    }

    [Fact]
    public void AbsorbingSurvivalMatchesTheEigenfunctionSeries()
    {
        // P(survive to t | start x0) on (0, L) without drift = sum over odd n of 4/(n pi) sin(n pi x0/L) exp(-D (n pi/L)^2 t)
        double d = 1, L = 10, x0 = 3, t = 8;
        var g = Geometry(EndCondition.Absorbing, d, 0, L);
        var rng = new PhiloxCursor(11, 1, StreamId.FirstFree, 0);
        int n = 40000, alive = 0, laps = 0;
        for (int i = 0; i < n; i++)
        {
            double x = x0;
            bool ok = true;
            for (int k = 0; k < 4 && ok; k++) ok = g.Move(ref x, ref laps, t / 4, ref rng);
            if (ok) alive++;
        }
        double exact = 0;
        for (int m = 1; m < 200; m += 2) exact += 4 / (m * Math.PI) * Math.Sin(m * Math.PI * x0 / L) * Math.Exp(-d * Math.Pow(m * Math.PI / L, 2) * t);
        Assert.InRange(alive / (double)n, exact - 0.01, exact + 0.01);
    }

    [Fact]
    public void PeriodicKeepsTheUnwrappedDisplacement()
    {
        var g = Geometry(EndCondition.Periodic, 1, 3, 10);
        var rng = new PhiloxCursor(12, 1, StreamId.FirstFree, 0);
        double sum = 0; int n = 20000;
        for (int i = 0; i < n; i++)
        {
            double x = 5; int laps = 0;
            g.Move(ref x, ref laps, 10, ref rng);
            Assert.InRange(x, 0, 10);
            sum += x + 10 * laps - 5;
        }
        Assert.InRange(sum / n, 30 - 0.1, 30 + 0.1); // v t
    }
}
