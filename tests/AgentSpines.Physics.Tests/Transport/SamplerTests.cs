using AgentSpines.Core.Random;
using AgentSpines.Physics.Transport;

namespace AgentSpines.Physics.Tests.Transport;

public sealed class SamplerTests
{
    [Fact]
    public void CursorReproducesRandomStreamExactly()
    {
        var stream = new RandomStream(42, 7, StreamId.Transport);
        var cursor = new PhiloxCursor(42, 7, StreamId.Transport, 0);
        for (int i = 0; i < 1000; i++) Assert.Equal(stream.NextOpenDouble(), cursor.NextOpenDouble());
        // resuming from a stored word count continues the same stream, also mid-block
        var resumed = new PhiloxCursor(42, 7, StreamId.Transport, cursor.WordsUsed);
        Assert.Equal(stream.NextOpenDouble(), resumed.NextOpenDouble());
        var odd = new PhiloxCursor(42, 7, StreamId.Transport, 0);
        odd.NextUInt32();
        var again = new PhiloxCursor(42, 7, StreamId.Transport, odd.WordsUsed);
        Assert.Equal(odd.NextUInt32(), again.NextUInt32());
    }

    [Fact]
    public void KsTestRejectsAWrongExponent()
    {
        // power of the KS check: mu = 0.5 draws are far from the mu = 0.6 law
        var rng = new PhiloxCursor(1, 1, StreamId.FirstFree, 0);
        var x = new double[20000];
        for (int i = 0; i < x.Length; i++) x[i] = WaitingTimes.MittagLeffler(ref rng, 0.5, 1.0);
        double d = CurveFits.KolmogorovSmirnov(x, t => MittagLefflerFunction.Cdf(t, 0.6, 1.0));
        Assert.True(d > 3 * CurveFits.KsCritical001(x.Length), $"KS distance {d}");
    }

    [Fact]
    public void ErlangAndLomaxHaveTheirMeans()
    {
        var rng = new PhiloxCursor(3, 1, StreamId.FirstFree, 0);
        double sumErlang = 0, sumLomax = 0;
        const int n = 200000;
        for (int i = 0; i < n; i++) { sumErlang += WaitingTimes.Erlang(ref rng, 2, 4.0); sumLomax += WaitingTimes.Lomax(ref rng, 3.0, 2.0); }
        Assert.InRange(sumErlang / n, 0.5 * 0.99, 0.5 * 1.01); // k/rate
        Assert.InRange(sumLomax / n, 1.0 * 0.97, 1.0 * 1.03); // tau/(mu-1)
    }

    [Fact]
    public void ParetoDwellFollowsTheLomaxLaw()
    {
        var rng = new PhiloxCursor(5, 1, StreamId.FirstFree, 0);
        var x = new double[20000];
        for (int i = 0; i < x.Length; i++) x[i] = WaitingTimes.Lomax(ref rng, 0.5, 1.0);
        double d = CurveFits.KolmogorovSmirnov(x, t => 1 - Math.Pow(1 + t, -0.5));
        Assert.True(d < CurveFits.KsCritical001(x.Length), $"KS distance {d}");
    }
}
