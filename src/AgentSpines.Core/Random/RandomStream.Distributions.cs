namespace AgentSpines.Core.Random;

/// <summary>Continuous and discrete draws built on the uniform stream.</summary>
public sealed partial class RandomStream
{
    /// <summary>Standard normal by the Box-Muller transform (pairs; the second value is kept for the next call).</summary>
    public double NextNormal()
    {
        if (_hasSpareNormal)
        {
            _hasSpareNormal = false;
            return _spareNormal;
        }
        double r = Math.Sqrt(-2.0 * Math.Log(NextOpenDouble()));
        double phi = 2.0 * Math.PI * NextDouble();
        _spareNormal = r * Math.Sin(phi);
        _hasSpareNormal = true;
        return r * Math.Cos(phi);
    }

    public double NextNormal(double mean, double sd) => mean + sd * NextNormal();

    /// <summary>Exponential with the given rate (mean 1/rate), by inversion.</summary>
    public double NextExponential(double rate)
    {
        if (!(rate > 0)) throw new ArgumentOutOfRangeException(nameof(rate), rate, "must be positive");
        return -Math.Log(NextOpenDouble()) / rate;
    }

    /// <summary>Gamma(shape, scale), mean shape*scale: Marsaglia-Tsang (2000), with the U^(1/k) boost for shape &lt; 1.</summary>
    public double NextGamma(double shape, double scale)
    {
        if (!(shape > 0)) throw new ArgumentOutOfRangeException(nameof(shape), shape, "must be positive");
        if (!(scale > 0)) throw new ArgumentOutOfRangeException(nameof(scale), scale, "must be positive");
        if (shape < 1)
        {
            double g = NextGamma(shape + 1, 1.0);
            return scale * g * Math.Pow(NextOpenDouble(), 1.0 / shape);
        }
        double d = shape - 1.0 / 3.0, c = 1.0 / Math.Sqrt(9.0 * d);
        while (true)
        {
            double x, v;
            do
            {
                x = NextNormal();
                v = 1.0 + c * x;
            } while (v <= 0);
            v = v * v * v;
            double u = NextOpenDouble();
            double x2 = x * x;
            if (u < 1.0 - 0.0331 * x2 * x2) return scale * d * v;
            if (Math.Log(u) < 0.5 * x2 + d * (1.0 - v + Math.Log(v))) return scale * d * v;
        }
    }

    /// <summary>Poisson(mean): multiplication method below 10, Hörmann's PTRS (1993) above.</summary>
    public long NextPoisson(double mean)
    {
        if (!(mean >= 0) || double.IsInfinity(mean)) throw new ArgumentOutOfRangeException(nameof(mean), mean, "must be finite and >= 0");
        if (mean == 0) return 0;
        if (mean < 10)
        {
            double limit = Math.Exp(-mean), p = NextDouble();
            long k = 0;
            while (p > limit)
            {
                k++;
                p *= NextDouble();
            }
            return k;
        }
        double slam = Math.Sqrt(mean), loglam = Math.Log(mean);
        double b = 0.931 + 2.53 * slam, a = -0.059 + 0.02483 * b;
        double invalpha = 1.1239 + 1.1328 / (b - 3.4), vr = 0.9277 - 3.6224 / (b - 2);
        while (true)
        {
            double u = NextDouble() - 0.5, v = NextOpenDouble();
            double us = 0.5 - Math.Abs(u);
            long k = (long)Math.Floor((2 * a / us + b) * u + mean + 0.43);
            if (us >= 0.07 && v <= vr) return k;
            if (k < 0 || (us < 0.013 && v > us)) continue;
            double lhs = Math.Log(v) + Math.Log(invalpha) - Math.Log(a / (us * us) + b);
            double rhs = -mean + k * loglam - LogFactorial(k);
            if (lhs <= rhs) return k;
        }
    }

    private static double LogFactorial(long k) => Numerics.GammaFunction.LogFactorial(k);
}
