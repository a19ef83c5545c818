namespace AgentSpines.Physics.Transport;

/// <summary>Least-squares fits used by the validation.</summary>
public static class CurveFits
{
    /// <summary>Slope of log y against log t for samples with t in [tMin, tMax].</summary>
    public static double LogLogSlope(IReadOnlyList<double> t, IReadOnlyList<double> y, double tMin, double tMax)
    {
        var xs = new List<double>(); var ys = new List<double>();
        for (int k = 0; k < t.Count; k++)
            if (t[k] >= tMin * (1 - 1e-12) && t[k] <= tMax * (1 + 1e-12) && y[k] > 0) { xs.Add(Math.Log(t[k])); ys.Add(Math.Log(y[k])); }
        return Slope(xs, ys);
    }

    /// <summary>Slope of log y against t for t in [tMin, tMax] (an exponential rate).</summary>
    public static double LogLinearSlope(IReadOnlyList<double> t, IReadOnlyList<double> y, double tMin, double tMax)
    {
        var xs = new List<double>(); var ys = new List<double>();
        for (int k = 0; k < t.Count; k++)
            if (t[k] >= tMin && t[k] <= tMax && y[k] > 0) { xs.Add(t[k]); ys.Add(Math.Log(y[k])); }
        return Slope(xs, ys);
    }

    /// <summary>Slope of a line through the origin, sum(t y)/sum(t^2), over t &gt; 0.</summary>
    public static double SlopeThroughOrigin(IReadOnlyList<double> t, IReadOnlyList<double> y)
    {
        double ty = 0, tt = 0;
        for (int k = 0; k < t.Count; k++) if (t[k] > 0) { ty += t[k] * y[k]; tt += t[k] * t[k]; }
        return ty / tt;
    }

    public static double Slope(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        if (x.Count < 2) return double.NaN;
        double mx = x.Average(), my = y.Average(), sxy = 0, sxx = 0;
        for (int k = 0; k < x.Count; k++) { sxy += (x[k] - mx) * (y[k] - my); sxx += (x[k] - mx) * (x[k] - mx); }
        return sxy / sxx;
    }

    /// <summary>Kolmogorov-Smirnov distance between a sample and a distribution function.</summary>
    public static double KolmogorovSmirnov(double[] sample, Func<double, double> cdf)
    {
        var s = (double[])sample.Clone();
        Array.Sort(s);
        double d = 0;
        for (int i = 0; i < s.Length; i++)
        {
            double f = cdf(s[i]);
            d = Math.Max(d, Math.Max((i + 1.0) / s.Length - f, f - (double)i / s.Length));
        }
        return d;
    }

    /// <summary>KS critical distance at significance 0.001 (asymptotic: 1.949/sqrt n).</summary>
    public static double KsCritical001(int n) => 1.949 / Math.Sqrt(n);
}
