using AgentSpines.Physics.Electrodiffusion;

namespace AgentSpines.Physics.Tests.Electrodiffusion;

public class JacobianTests
{
    [Fact]
    public void AnalyticJacobianMatchesFiniteDifferences()
    {
        var sys = new ElectrodiffusionSystem(ElectrodiffusionParameters.Paper, SpineGeometry.SpineA);
        int n = sys.StateLength, K = sys.SpeciesCount, N = sys.CompartmentCount;
        // A state away from rest: charge imbalances and concentration gradients everywhere.
        var c = sys.RestState();
        for (int q = 0; q < n; q++) c[q] *= 1 + 0.03 * Math.Sin(1.7 * q) + 1e-5 * Math.Cos(q);
        var drive = new BoundaryDrive(25e-12, -0.064);
        var jac = new ElectrodiffusionJacobian(sys);
        jac.Evaluate(c, drive);
        var f0 = new double[n];
        var f1 = new double[n];
        var scratch = new double[sys.ScratchLength];
        sys.Rhs(c, drive, f0, scratch);
        for (int col = 0; col < n; col++)
        {
            double h = 1e-7 * c[col];
            var cp = (double[])c.Clone();
            cp[col] += h;
            sys.Rhs(cp, drive, f1, scratch);
            var cm = (double[])c.Clone();
            cm[col] -= h;
            var f2 = new double[n];
            sys.Rhs(cm, drive, f2, scratch);
            int bj = col / K, kj = col % K;
            for (int row = 0; row < n; row++)
            {
                double fd = (f1[row] - f2[row]) / (2 * h);
                int bi = row / K, ki = row % K;
                double an = Math.Abs(bi - bj) > 1 ? 0
                    : bi == bj ? jac.Diagonal[bi * K * K + ki * K + kj]
                    : bj == bi - 1 ? jac.Lower[bi * K * K + ki * K + kj]
                    : jac.Upper[bi * K * K + ki * K + kj];
                double scale = Math.Max(Math.Abs(fd), 1e-6 * MaxAbsRow(jac, bi, ki, K, N));
                Assert.True(Math.Abs(an - fd) <= 1e-5 * scale + 1e-9, $"J[{row},{col}] analytic {an:E6} vs finite difference {fd:E6}");
            }
        }
    }

    [Fact]
    public void BlockSolverInvertsSigmaMinusJacobian()
    {
        var sys = new ElectrodiffusionSystem(ElectrodiffusionParameters.Paper, SpineGeometry.SpineA);
        int n = sys.StateLength, K = sys.SpeciesCount;
        var c = sys.RestState();
        for (int q = 0; q < n; q++) c[q] *= 1 + 0.02 * Math.Cos(q);
        var jac = new ElectrodiffusionJacobian(sys);
        jac.Evaluate(c, new BoundaryDrive(0, -0.07));
        var lin = new BlockTridiagonalSolver(sys.CompartmentCount, K);
        foreach (double sigma in new[] { 1e3, 1e6, 1e9, 1e12 })
        {
            Assert.True(lin.Factor(sigma, jac));
            var x = Enumerable.Range(0, n).Select(q => Math.Sin(q + 1.0)).ToArray();
            var rhs = new double[n];
            for (int row = 0; row < n; row++)
            {
                int bi = row / K, ki = row % K;
                double acc = sigma * x[row];
                for (int kj = 0; kj < K; kj++)
                {
                    acc -= jac.Diagonal[bi * K * K + ki * K + kj] * x[bi * K + kj];
                    if (bi > 0) acc -= jac.Lower[bi * K * K + ki * K + kj] * x[(bi - 1) * K + kj];
                    if (bi < sys.CompartmentCount - 1) acc -= jac.Upper[bi * K * K + ki * K + kj] * x[(bi + 1) * K + kj];
                }
                rhs[row] = acc;
            }
            lin.Solve(rhs);
            for (int q = 0; q < n; q++) Assert.Equal(x[q], rhs[q], 1e-8);
        }
    }

    private static double MaxAbsRow(ElectrodiffusionJacobian j, int bi, int ki, int K, int N)
    {
        double m = 0;
        for (int kj = 0; kj < K; kj++)
        {
            m = Math.Max(m, Math.Abs(j.Diagonal[bi * K * K + ki * K + kj]));
            if (bi > 0) m = Math.Max(m, Math.Abs(j.Lower[bi * K * K + ki * K + kj]));
            if (bi < N - 1) m = Math.Max(m, Math.Abs(j.Upper[bi * K * K + ki * K + kj]));
        }
        return m;
    }
}
