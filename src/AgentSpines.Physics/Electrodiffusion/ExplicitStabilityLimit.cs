namespace AgentSpines.Physics.Electrodiffusion;

/// <summary>
/// Largest stable forward-Euler step of the reference scheme, from the linearisation at a given state:
/// dt_max = 2 / (rho_charge + rho_diffusion). rho_charge is the spectral radius of the charge-relaxation operator
/// d(phi)/dt = (a F / 2 c_m) * (1 / (pi a^2 h)) * div(G grad phi) (G = total drift conductance of each interface,
/// Dirichlet at the dendritic end), computed exactly by Sturm bisection of its symmetrised tridiagonal form;
/// rho_diffusion is the Gershgorin bound of the fastest species' diffusion operator (four orders smaller).
/// </summary>
public static class ExplicitStabilityLimit
{
    public static double MaxTimeStepS(ElectrodiffusionSystem sys, ReadOnlySpan<double> c)
        => 2.0 / (ChargeRelaxationRatePerS(sys, c) + DiffusionRateBoundPerS(sys));

    public static double ChargeRelaxationRatePerS(ElectrodiffusionSystem sys, ReadOnlySpan<double> c)
    {
        int N = sys.CompartmentCount, K = sys.SpeciesCount;
        var G = new double[N + 1];
        for (int j = 1; j <= N; j++)
        {
            int l = j - 1;
            double Al = sys.HalfCellAreaM[l];
            double Ar = j < N ? sys.HalfCellAreaM[j] : Al;
            double g = 0;
            for (int k = 0; k < K; k++)
            {
                double bl = Al * c[l * K + k];
                double br = Ar * (j < N ? c[j * K + k] : sys.RestConcentrationMM[k]);
                g += sys.Charge[k] * sys.DriftPrefactor[k] * bl * br / (bl + br);
            }
            G[j] = g;
        }
        var w = new double[N];
        for (int i = 0; i < N; i++) w[i] = sys.PotentialPerChargeVPerMM[i] * sys.InverseVolumePerM3[i];
        var d = new double[N];
        var e = new double[Math.Max(N - 1, 0)];
        for (int i = 0; i < N; i++) d[i] = w[i] * (G[i] + G[i + 1]);   // negated operator: positive definite
        for (int i = 0; i + 1 < N; i++) e[i] = G[i + 1] * Math.Sqrt(w[i] * w[i + 1]);
        return LargestEigenvalue(d, e);
    }

    public static double DiffusionRateBoundPerS(ElectrodiffusionSystem sys)
    {
        int N = sys.CompartmentCount, K = sys.SpeciesCount;
        double max = 0;
        for (int i = 0; i < N; i++)
            for (int k = 0; k < K; k++)
            {
                double s = sys.InverseVolumePerM3[i] * (sys.DiffusionConductance[i * K + k] + sys.DiffusionConductance[(i + 1) * K + k]);
                max = Math.Max(max, 2 * s);
            }
        return max;
    }

    /// <summary>Largest eigenvalue of the symmetric tridiagonal matrix (diagonal d, off-diagonal e) by Sturm bisection.</summary>
    public static double LargestEigenvalue(double[] d, double[] e)
    {
        int n = d.Length;
        double lo = double.MaxValue, hi = double.MinValue;
        for (int i = 0; i < n; i++)
        {
            double r = (i > 0 ? Math.Abs(e[i - 1]) : 0) + (i < n - 1 ? Math.Abs(e[i]) : 0);
            lo = Math.Min(lo, d[i] - r);
            hi = Math.Max(hi, d[i] + r);
        }
        for (int iter = 0; iter < 200 && hi - lo > 1e-15 * Math.Max(Math.Abs(hi), Math.Abs(lo)); iter++)
        {
            double mid = 0.5 * (lo + hi);
            if (CountBelow(d, e, mid) == n) hi = mid; else lo = mid;
        }
        return hi;
    }

    private static int CountBelow(double[] d, double[] e, double x)
    {
        int count = 0;
        double q = 1;
        for (int i = 0; i < d.Length; i++)
        {
            double off = i > 0 ? e[i - 1] * e[i - 1] : 0;
            q = d[i] - x - (i > 0 ? off / q : 0);
            if (q == 0) q = -1e-300;
            if (q < 0) count++;
        }
        return count;
    }
}
