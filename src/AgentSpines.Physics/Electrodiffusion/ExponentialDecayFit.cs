namespace AgentSpines.Physics.Electrodiffusion;

/// <summary>Time constant of y = A exp(-t / tau) by least squares on ln y (all y must be positive).</summary>
public static class ExponentialDecayFit
{
    /// <returns>tau in the unit of t, or NaN if there are fewer than 3 points, a non-positive y, or no decay.</returns>
    public static double TimeConstant(IReadOnlyList<double> t, IReadOnlyList<double> y)
    {
        int n = t.Count;
        if (n < 3 || y.Count != n) return double.NaN;
        double st = 0, sy = 0;
        for (int i = 0; i < n; i++)
        {
            if (!(y[i] > 0)) return double.NaN;
            st += t[i];
            sy += Math.Log(y[i]);
        }
        double mt = st / n, my = sy / n, num = 0, den = 0;
        for (int i = 0; i < n; i++)
        {
            num += (t[i] - mt) * (Math.Log(y[i]) - my);
            den += (t[i] - mt) * (t[i] - mt);
        }
        double slope = num / den;
        return slope < 0 ? -1.0 / slope : double.NaN;
    }
}
