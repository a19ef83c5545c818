namespace AgentSpines.Plasticity.Regime.Pk;

/// <summary>
/// exp(A t) of a small dense matrix by scaling and squaring with a [6/6] Pade approximant (Moler and Van Loan
/// 2003, "Nineteen dubious ways", method 3). Compartment matrices are small (at most ~8 x 8) and their norm
/// times t is modest, so this is exact to rounding for the purposes here (tested against closed forms).
/// </summary>
public static class MatrixExponential
{
    public static double[,] Of(double[,] a, double t)
    {
        int n = a.GetLength(0);
        var x = new double[n, n];
        double norm = 0;
        for (int i = 0; i < n; i++)
        {
            double row = 0;
            for (int j = 0; j < n; j++) { x[i, j] = a[i, j] * t; row += Math.Abs(x[i, j]); }
            norm = Math.Max(norm, row);
        }
        int s = norm > 0.5 ? (int)Math.Ceiling(Math.Log2(norm / 0.5)) : 0;
        double scale = Math.Pow(2, -s);
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) x[i, j] *= scale;

        // Pade [q/q], q = 6: N = sum c_k X^k, D = sum (-1)^k c_k X^k
        const int q = 6;
        var num = Identity(n);
        var den = Identity(n);
        var power = Identity(n);
        double c = 1;
        for (int k = 1; k <= q; k++)
        {
            c *= (double)(q - k + 1) / (k * (2 * q - k + 1));
            power = Multiply(power, x);
            double sign = k % 2 == 0 ? 1 : -1;
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                {
                    num[i, j] += c * power[i, j];
                    den[i, j] += sign * c * power[i, j];
                }
        }
        var e = Solve(den, num);
        for (int k = 0; k < s; k++) e = Multiply(e, e);
        return e;
    }

    public static double[,] Identity(int n)
    {
        var m = new double[n, n];
        for (int i = 0; i < n; i++) m[i, i] = 1;
        return m;
    }

    public static double[,] Multiply(double[,] a, double[,] b)
    {
        int n = a.GetLength(0), m = b.GetLength(1), k = a.GetLength(1);
        var r = new double[n, m];
        for (int i = 0; i < n; i++)
            for (int l = 0; l < k; l++)
            {
                double ail = a[i, l];
                if (ail == 0) continue;
                for (int j = 0; j < m; j++) r[i, j] += ail * b[l, j];
            }
        return r;
    }

    public static void Apply(double[,] m, double[] x, double[] result)
    {
        int n = x.Length;
        for (int i = 0; i < n; i++)
        {
            double s = 0;
            for (int j = 0; j < n; j++) s += m[i, j] * x[j];
            result[i] = s;
        }
    }

    /// <summary>Solves D X = B by Gaussian elimination with partial pivoting.</summary>
    private static double[,] Solve(double[,] d, double[,] b)
    {
        int n = d.GetLength(0);
        var a = (double[,])d.Clone();
        var x = (double[,])b.Clone();
        for (int col = 0; col < n; col++)
        {
            int piv = col;
            for (int r = col + 1; r < n; r++) if (Math.Abs(a[r, col]) > Math.Abs(a[piv, col])) piv = r;
            if (piv != col)
                for (int j = 0; j < n; j++)
                {
                    (a[col, j], a[piv, j]) = (a[piv, j], a[col, j]);
                    (x[col, j], x[piv, j]) = (x[piv, j], x[col, j]);
                }
            double p = a[col, col];
            for (int r = 0; r < n; r++)
            {
                if (r == col) continue;
                double f = a[r, col] / p;
                if (f == 0) continue;
                for (int j = 0; j < n; j++) { a[r, j] -= f * a[col, j]; x[r, j] -= f * x[col, j]; }
            }
        }
        for (int r = 0; r < n; r++)
        {
            double p = a[r, r];
            for (int j = 0; j < n; j++) x[r, j] /= p;
        }
        return x;
    }
}
