namespace AgentSpines.Physics.Electrodiffusion;

/// <summary>
/// Solves (sigma I - J) x = r for a block-tridiagonal J (N blocks of K x K) by block LU (block Thomas) with
/// partially pivoted LU of each K x K pivot block. Factor once per step, solve once per stage; no allocation.
/// </summary>
public sealed class BlockTridiagonalSolver
{
    private readonly int _n, _k;
    private readonly double[] _pivotLu;   // LU of the pivot blocks P_i
    private readonly int[] _perm;
    private readonly double[] _x;         // X_i = P_i^{-1} (-Upper_i)
    private readonly double[] _sub;       // -Lower_i
    private readonly double[] _tmp;
    private readonly double[] _work;

    public BlockTridiagonalSolver(int blocks, int blockSize)
    {
        _n = blocks;
        _k = blockSize;
        _pivotLu = new double[blocks * blockSize * blockSize];
        _perm = new int[blocks * blockSize];
        _x = new double[blocks * blockSize * blockSize];
        _sub = new double[blocks * blockSize * blockSize];
        _tmp = new double[blockSize];
        _work = new double[blockSize];
    }

    /// <summary>Factors sigma I - J. Returns false if a pivot block is singular.</summary>
    public bool Factor(double sigma, ElectrodiffusionJacobian jac)
    {
        int N = _n, K = _k, KK = K * K;
        for (int i = 0; i < N; i++)
        {
            int o = i * KK;
            for (int q = 0; q < KK; q++)
            {
                _pivotLu[o + q] = -jac.Diagonal[o + q];
                _sub[o + q] = -jac.Lower[o + q];
            }
            for (int d = 0; d < K; d++) _pivotLu[o + d * K + d] += sigma;
            if (i > 0)
            {
                // P_i = D_i - S_i X_{i-1}
                int p = (i - 1) * KK;
                for (int r = 0; r < K; r++)
                    for (int col = 0; col < K; col++)
                    {
                        double acc = 0;
                        for (int m = 0; m < K; m++) acc += _sub[o + r * K + m] * _x[p + m * K + col];
                        _pivotLu[o + r * K + col] -= acc;
                    }
            }
            if (!LuFactor(_pivotLu.AsSpan(o, KK), _perm.AsSpan(i * K, K), K)) return false;
            if (i < N - 1)
            {
                // X_i = P_i^{-1} (-Upper_i), column by column
                for (int col = 0; col < K; col++)
                {
                    for (int r = 0; r < K; r++) _tmp[r] = -jac.Upper[o + r * K + col];
                    LuSolve(_pivotLu.AsSpan(o, KK), _perm.AsSpan(i * K, K), K, _tmp);
                    for (int r = 0; r < K; r++) _x[o + r * K + col] = _tmp[r];
                }
            }
        }
        return true;
    }

    /// <summary>Solves in place: rhs becomes x.</summary>
    public void Solve(Span<double> rhs)
    {
        int N = _n, K = _k, KK = K * K;
        for (int i = 0; i < N; i++)
        {
            var y = rhs.Slice(i * K, K);
            if (i > 0)
            {
                var prev = rhs.Slice((i - 1) * K, K);
                int o = i * KK;
                for (int r = 0; r < K; r++)
                {
                    double acc = 0;
                    for (int m = 0; m < K; m++) acc += _sub[o + r * K + m] * prev[m];
                    y[r] -= acc;
                }
            }
            LuSolve(_pivotLu.AsSpan(i * KK, KK), _perm.AsSpan(i * K, K), K, y);
        }
        for (int i = N - 2; i >= 0; i--)
        {
            var x = rhs.Slice(i * K, K);
            var next = rhs.Slice((i + 1) * K, K);
            int o = i * KK;
            for (int r = 0; r < K; r++)
            {
                double acc = 0;
                for (int m = 0; m < K; m++) acc += _x[o + r * K + m] * next[m];
                x[r] -= acc;   // X_i = P_i^{-1} C_i with C_i = -Upper_i the super-diagonal block of sigma I - J
            }
        }
    }

    private static bool LuFactor(Span<double> a, Span<int> perm, int n)
    {
        for (int i = 0; i < n; i++) perm[i] = i;
        for (int col = 0; col < n; col++)
        {
            int best = col;
            double max = Math.Abs(a[col * n + col]);
            for (int r = col + 1; r < n; r++)
            {
                double v = Math.Abs(a[r * n + col]);
                if (v > max) { max = v; best = r; }
            }
            if (!(max > 0) || !double.IsFinite(max)) return false;
            if (best != col)
            {
                for (int q = 0; q < n; q++) (a[col * n + q], a[best * n + q]) = (a[best * n + q], a[col * n + q]);
                (perm[col], perm[best]) = (perm[best], perm[col]);
            }
            double piv = a[col * n + col];
            for (int r = col + 1; r < n; r++)
            {
                double f = a[r * n + col] / piv;
                a[r * n + col] = f;
                for (int q = col + 1; q < n; q++) a[r * n + q] -= f * a[col * n + q];
            }
        }
        return true;
    }

    private void LuSolve(ReadOnlySpan<double> lu, ReadOnlySpan<int> perm, int n, Span<double> b)
    {
        var t = _work;
        for (int i = 0; i < n; i++) t[i] = b[perm[i]];
        for (int i = 0; i < n; i++)
        {
            double acc = t[i];
            for (int q = 0; q < i; q++) acc -= lu[i * n + q] * t[q];
            t[i] = acc;
        }
        for (int i = n - 1; i >= 0; i--)
        {
            double acc = t[i];
            for (int q = i + 1; q < n; q++) acc -= lu[i * n + q] * t[q];
            t[i] = acc / lu[i * n + i];
        }
        for (int i = 0; i < n; i++) b[i] = t[i];
    }
}
