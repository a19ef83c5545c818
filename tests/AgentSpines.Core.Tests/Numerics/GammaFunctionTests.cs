using AgentSpines.Core.Numerics;

namespace AgentSpines.Core.Tests.Numerics;

public class GammaFunctionTests
{
    private static void Close(double expected, double actual, string what)
        => Assert.True(Math.Abs(actual - expected) <= 1e-13 * Math.Max(1, Math.Abs(expected)), $"{what}: {actual:R}, expected {expected:R}");

    // ln(n!) of exact big-integer factorials (Python: math.log(math.factorial(n))).
    [Theory]
    [InlineData(0, 0.0)]
    [InlineData(1, 0.0)]
    [InlineData(2, 0.6931471805599453)]
    [InlineData(3, 1.791759469228055)]
    [InlineData(5, 4.787491742782046)]
    [InlineData(10, 15.104412573075516)]
    [InlineData(20, 42.335616460753485)]
    [InlineData(50, 148.47776695177302)]
    [InlineData(100, 363.73937555556347)]
    [InlineData(170, 706.5730622457874)]
    [InlineData(1000, 5912.128178488163)]
    [InlineData(100000, 1051299.2218991218)]
    public void Log_factorial_matches_exact_factorials(long n, double lnFactorial)
    {
        Close(lnFactorial, GammaFunction.LogFactorial(n), $"ln({n}!)");
        Close(lnFactorial, GammaFunction.GammaLn(n + 1.0), $"lnGamma({n + 1})");
    }

    // Gamma(n + 1/2) = (2n)! sqrt(pi) / (4^n n!), from exact big integers.
    [Theory]
    [InlineData(0, 0.5723649429247001)]
    [InlineData(1, -0.1207822376352452)]
    [InlineData(2, 0.2846828704729193)]
    [InlineData(5, 3.957813967618717)]
    [InlineData(10, 13.940625219403763)]
    [InlineData(50, 146.5192554907206)]
    public void Log_gamma_at_half_integers(int n, double expected) => Close(expected, GammaFunction.GammaLn(n + 0.5), $"lnGamma({n}.5)");

    [Fact]
    public void Gamma_at_integers_is_the_factorial()
    {
        double factorial = 1;
        for (int n = 1; n <= 25; n++)
        {
            Close(1, GammaFunction.Gamma(n) / factorial, $"Gamma({n}) / {n - 1}!");
            factorial *= n;
        }
    }

    [Fact]
    public void Gamma_below_one_half_by_reflection_and_known_constants()
    {
        double sqrtPi = Math.Sqrt(Math.PI);
        Close(sqrtPi, GammaFunction.Gamma(0.5), "Gamma(1/2)");
        Close(-2 * sqrtPi, GammaFunction.Gamma(-0.5), "Gamma(-1/2)");
        Close(4 * sqrtPi / 3, GammaFunction.Gamma(-1.5), "Gamma(-3/2)");
        Close(9.5135076986687318, GammaFunction.Gamma(0.1), "Gamma(0.1)");
        Close(2.6789385347077476, GammaFunction.Gamma(1.0 / 3), "Gamma(1/3)");
        Close(Math.Log(9.5135076986687318), GammaFunction.GammaLn(0.1), "lnGamma(0.1)");
        Close(Math.Log(2 * sqrtPi), GammaFunction.GammaLn(-0.5), "ln|Gamma(-1/2)|");
        Assert.True(double.IsNaN(GammaFunction.Gamma(-2)));
        Assert.Equal(double.PositiveInfinity, GammaFunction.GammaLn(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => GammaFunction.LogFactorial(-1));
    }

    [Fact]
    public void Gamma_recurrence_holds_across_the_range()
    {
        // Gamma(x + 1) = x Gamma(x), in logs where Gamma itself would overflow
        for (double x = 0.05; x < 300; x *= 1.37)
            Close(GammaFunction.GammaLn(x) + Math.Log(x), GammaFunction.GammaLn(x + 1), $"recurrence at {x}");
    }
}
