namespace AgentSpines.Physics.Electrodiffusion;

/// <summary>
/// Fast solver for population runs: the L-stable, stiffly accurate Rosenbrock method RODAS3 (4 stages, order 3,
/// embedded order-2 estimate; Sandu et al. 1997 coefficients, Hairer and Wanner's formulation) with an analytic
/// block-tridiagonal Jacobian and adaptive steps. It steps straight over the sub-nanosecond charge-relaxation modes
/// that force the explicit scheme to 0.1-0.5 ns, and resolves the microsecond membrane charging and the
/// millisecond ion diffusion with a few hundred steps per episode. The drive is constant within each call of
/// <see cref="AdvanceTo"/>; a change of drive restarts from a small step.
/// </summary>
public sealed class FastRosenbrockSolver : ISpineSolver
{
    private const double Gamma = 0.5;
    private readonly FastSolverOptions _o;
    private readonly double[] _y, _f, _k1, _k2, _k3, _k4, _ys, _scratch, _ynew;
    private readonly ElectrodiffusionJacobian _jac;
    private readonly BlockTridiagonalSolver _lin;
    private double _h;
    private BoundaryDrive? _lastDrive;

    public ElectrodiffusionSystem System { get; }
    public double TimeS { get; private set; }
    public ReadOnlySpan<double> StateMM => _y;
    public long StepCount { get; private set; }
    public long RejectedCount { get; private set; }

    public FastRosenbrockSolver(ElectrodiffusionSystem system, FastSolverOptions? options = null)
    {
        System = system;
        _o = options ?? FastSolverOptions.Default;
        int n = system.StateLength;
        _y = system.RestState();
        _f = new double[n]; _k1 = new double[n]; _k2 = new double[n]; _k3 = new double[n]; _k4 = new double[n];
        _ys = new double[n]; _ynew = new double[n];
        _scratch = new double[system.ScratchLength];
        _jac = new ElectrodiffusionJacobian(system);
        _lin = new BlockTridiagonalSolver(system.CompartmentCount, system.SpeciesCount);
        _h = _o.InitialStepS;
    }

    public void AdvanceTo(double timeS, in BoundaryDrive drive, StepObserver? observer = null)
    {
        if (_lastDrive is not { } previous || previous != drive) _h = _o.InitialStepS;
        _lastDrive = drive;
        int rejectsInRow = 0;
        while (timeS - TimeS > 1e-15)
        {
            double h = Math.Min(Math.Min(_h, _o.MaxStepS), timeS - TimeS);
            bool last = h >= timeS - TimeS;
            double err = TryStep(h, drive);
            if (err <= 1.0)
            {
                Array.Copy(_ynew, _y, _y.Length);
                TimeS = last ? timeS : TimeS + h;
                StepCount++;
                double grow = err > 0 ? Math.Min(5.0, Math.Max(0.2, 0.9 * Math.Pow(err, -1.0 / 3.0))) : 5.0;
                if (rejectsInRow > 0) grow = Math.Min(grow, 1.0);
                // Keep the proposal of the unclipped step when the last step was shortened to hit the target.
                if (!last || h * grow > _h) _h = h * grow;
                rejectsInRow = 0;
                observer?.Invoke(TimeS, _y);
            }
            else
            {
                RejectedCount++;
                rejectsInRow++;
                double shrink = double.IsFinite(err) ? Math.Max(0.1, 0.9 * Math.Pow(err, -1.0 / 3.0)) : 0.1;
                _h = h * shrink;
                if (_h < 1e-16 || rejectsInRow > 60)
                    throw new ElectrodiffusionStabilityException($"fast solver: step size underflow at t = {TimeS * 1e3:G6} ms");
            }
        }
    }

    /// <summary>One RODAS3 step of size h from the current state into _ynew; returns the scaled error norm.</summary>
    private double TryStep(double h, in BoundaryDrive drive)
    {
        var sys = System;
        int n = _y.Length;
        sys.Rhs(_y, drive, _f, _scratch);
        _jac.Evaluate(_y, drive);
        if (!_lin.Factor(1.0 / (Gamma * h), _jac)) return double.PositiveInfinity;

        // Stage 1: G K1 = f(y)
        Array.Copy(_f, _k1, n);
        _lin.Solve(_k1);
        // Stage 2: Y2 = y (a21 = 0), G K2 = f(y) + 4/h K1
        for (int q = 0; q < n; q++) _k2[q] = _f[q] + 4.0 / h * _k1[q];
        _lin.Solve(_k2);
        // Stage 3: Y3 = y + 2 K1, G K3 = f(Y3) + (K1 - K2)/h
        for (int q = 0; q < n; q++) _ys[q] = _y[q] + 2.0 * _k1[q];
        if (!Positive(_ys)) return double.PositiveInfinity;
        sys.Rhs(_ys, drive, _k3, _scratch);
        for (int q = 0; q < n; q++) _k3[q] += (_k1[q] - _k2[q]) / h;
        _lin.Solve(_k3);
        // Stage 4: Y4 = y + 2 K1 + K3, G K4 = f(Y4) + (K1 - K2 - 8/3 K3)/h
        for (int q = 0; q < n; q++) _ys[q] = _y[q] + 2.0 * _k1[q] + _k3[q];
        if (!Positive(_ys)) return double.PositiveInfinity;
        sys.Rhs(_ys, drive, _k4, _scratch);
        for (int q = 0; q < n; q++) _k4[q] += (_k1[q] - _k2[q] - 8.0 / 3.0 * _k3[q]) / h;
        _lin.Solve(_k4);
        // y1 = Y4 + K4; the error estimate is K4.
        for (int q = 0; q < n; q++) _ynew[q] = _ys[q] + _k4[q];
        if (!Positive(_ynew)) return double.PositiveInfinity;
        return ErrorNorm(_k4);
    }

    private double ErrorNorm(double[] e)
    {
        var sys = System;
        int N = sys.CompartmentCount, K = sys.SpeciesCount;
        double atolPhi = _o.PotentialAbsTolMV * 1e-3;
        double max = 0;
        for (int i = 0; i < N; i++)
        {
            double charge = 0;
            for (int k = 0; k < K; k++)
            {
                int q = i * K + k;
                double sc = _o.ConcentrationAbsTolMM + _o.RelativeTolerance * Math.Max(Math.Abs(_y[q]), Math.Abs(_ynew[q]));
                max = Math.Max(max, Math.Abs(e[q]) / sc);
                charge += sys.Charge[k] * e[q];
            }
            max = Math.Max(max, Math.Abs(sys.PotentialPerChargeVPerMM[i] * charge) / atolPhi);
        }
        return double.IsFinite(max) ? max : double.PositiveInfinity;
    }

    private static bool Positive(double[] c)
    {
        foreach (double v in c) if (!(v > 0) || !double.IsFinite(v)) return false;
        return true;
    }
}
