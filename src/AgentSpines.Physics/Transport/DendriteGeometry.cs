using System.Runtime.CompilerServices;

namespace AgentSpines.Physics.Transport;

/// <summary>
/// Exact free motion along the dendrite: Brownian motion with drift v and diffusion D over a time dt, with the
/// end condition applied exactly (not by a small-step scheme):
/// - periodic: wrap, counting laps so the unwrapped displacement is kept;
/// - reflecting, v = 0: fold the free Gaussian step into [0, L] (the method of images is exact);
/// - reflecting, v != 0: Skorokhod reflection at the nearer end, using the exact law of the minimum (maximum) of
///   the Brownian bridge between the drawn endpoints; the step is split so that its spread is at most L/20,
///   which leaves the far end ten standard deviations away (a miss probability below 1e-20);
/// - absorbing: draw the free endpoint, kill if it lies outside, else kill with the exact probability that the
///   Brownian bridge touched an end (image series for the interval; drift cancels on the bridge).
/// Spines sit on the regular lattice of TransportDendriteOptions, or, in population runs, at given positions (a site map):
/// a capture at x then goes to the nearest spine, the lattice rule generalised to uneven spacing (Voronoi cells).
/// </summary>
public sealed class DendriteGeometry
{
    public double LengthUm { get; }
    public double SpineDensityPerUm { get; }
    public int SpineCount { get; }
    public int SegmentCount { get; }
    public EndCondition End { get; }
    private readonly double _d, _v, _maxSubstepMs;
    private readonly double[]? _sites;

    /// <param name="sitePositionsUm">Spine positions, ascending (population runs); null = the regular lattice of o.</param>
    public DendriteGeometry(TransportDendriteOptions o, double diffusionUm2PerMs, double driftUmPerMs, double[]? sitePositionsUm = null)
    {
        _sites = sitePositionsUm;
        LengthUm = o.LengthUm;
        SpineDensityPerUm = _sites is null ? o.SpineDensityPerUm : _sites.Length / o.LengthUm;
        SpineCount = _sites?.Length ?? o.SpineCount;
        SegmentCount = o.SegmentCount; End = o.End;
        _d = diffusionUm2PerMs; _v = driftUmPerMs;
        double spread = LengthUm / 20.0;
        _maxSubstepMs = _d > 0 ? spread * spread / (2.0 * _d) : double.PositiveInfinity;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int SpineOf(double xUm)
    {
        if (_sites is not null) return NearestSite(_sites, xUm);
        int i = (int)(xUm * SpineDensityPerUm);
        return i < 0 ? 0 : i >= SpineCount ? SpineCount - 1 : i;
    }

    public double SpinePositionUm(int spine) => _sites is null ? (spine + 0.5) / SpineDensityPerUm : _sites[spine];

    /// <summary>Index of the site nearest x (the lower one on a tie); sites ascending and not empty.</summary>
    public static int NearestSite(double[] sites, double xUm)
    {
        int i = Array.BinarySearch(sites, xUm);
        if (i >= 0) return i;
        int above = ~i;
        if (above == 0) return 0;
        if (above == sites.Length) return sites.Length - 1;
        return xUm - sites[above - 1] <= sites[above] - xUm ? above - 1 : above;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int SegmentOf(double xUm)
    {
        int s = (int)(xUm / LengthUm * SegmentCount);
        return s < 0 ? 0 : s >= SegmentCount ? SegmentCount - 1 : s;
    }

    /// <summary>Moves a free particle for dt ms. Returns false if it was absorbed at an end.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Move(ref double x, ref int laps, double dtMs, ref PhiloxCursor rng)
    {
        if (dtMs <= 0) return true;
        switch (End)
        {
            case EndCondition.Periodic:
                x += _v * dtMs + Math.Sqrt(2.0 * _d * dtMs) * WaitingTimes.Normal(ref rng);
                if (x < 0 || x >= LengthUm)
                {
                    double k = Math.Floor(x / LengthUm);
                    x -= k * LengthUm;
                    if (x >= LengthUm) x = 0; // rounding at the upper edge
                    laps += (int)k;
                }
                return true;
            case EndCondition.Reflecting:
                if (_v == 0) { x = Fold(x + Math.Sqrt(2.0 * _d * dtMs) * WaitingTimes.Normal(ref rng)); return true; }
                MoveReflectingWithDrift(ref x, dtMs, ref rng);
                return true;
            default:
                return MoveAbsorbing(ref x, dtMs, ref rng);
        }
    }

    private double Fold(double y)
    {
        double period = 2.0 * LengthUm;
        y -= Math.Floor(y / period) * period;
        if (y > LengthUm) y = period - y;
        return y < 0 ? 0 : y > LengthUm ? LengthUm : y;
    }

    private void MoveReflectingWithDrift(ref double x, double dtMs, ref PhiloxCursor rng)
    {
        int pieces = dtMs <= _maxSubstepMs ? 1 : (int)Math.Ceiling(dtMs / _maxSubstepMs);
        double h = dtMs / pieces, var = 2.0 * _d * h, sd = Math.Sqrt(var);
        for (int p = 0; p < pieces; p++)
        {
            double w = _v * h + sd * WaitingTimes.Normal(ref rng);
            double e = -Math.Log(rng.NextOpenDouble());
            double halfRange = 0.5 * Math.Sqrt(w * w + 2.0 * var * e);
            if (x < 0.5 * LengthUm)
            {
                double min = 0.5 * w - halfRange; // bridge minimum of the increment
                x += w + Math.Max(0.0, -(x + min));
            }
            else
            {
                double max = 0.5 * w + halfRange;
                x += w - Math.Max(0.0, x + max - LengthUm);
            }
            x = Fold(x);
        }
    }

    private bool MoveAbsorbing(ref double x, double dtMs, ref PhiloxCursor rng)
    {
        double fourDt = 4.0 * _d * dtMs;
        double y = x + _v * dtMs + Math.Sqrt(0.5 * fourDt) * WaitingTimes.Normal(ref rng);
        double u = rng.NextOpenDouble();
        if (y <= 0 || y >= LengthUm) return false;
        if (fourDt <= 0) { x = y; return true; }
        if (u > BridgeStaysInside(x, y, fourDt)) return false;
        x = y;
        return true;
    }

    /// <summary>P(a Brownian bridge from x to y over time t stays in (0, L)), 4Dt given, by the image series.</summary>
    public double BridgeStaysInside(double x, double y, double fourDt)
    {
        double L = LengthUm, d0 = (y - x) * (y - x);
        int nMax = 2 + (int)Math.Ceiling(3.0 * Math.Sqrt(0.5 * fourDt) / L);
        double sum = 0;
        for (int n = -nMax; n <= nMax; n++)
        {
            double a = y - x + 2.0 * n * L, b = y + x + 2.0 * n * L;
            sum += Math.Exp(-(a * a - d0) / fourDt) - Math.Exp(-(b * b - d0) / fourDt);
        }
        return Math.Clamp(sum, 0.0, 1.0);
    }
}
