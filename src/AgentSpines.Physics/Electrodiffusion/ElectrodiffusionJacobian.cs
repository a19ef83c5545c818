namespace AgentSpines.Physics.Electrodiffusion;

/// <summary>
/// Analytic Jacobian of <see cref="ElectrodiffusionSystem.Rhs"/>. Compartment i couples only to i-1 and i+1
/// (all species, through the potential), so J is block tridiagonal with K x K blocks:
/// Lower[i] = df_i/dc_{i-1}, Diagonal[i] = df_i/dc_i, Upper[i] = df_i/dc_{i+1}, each stored row-major at i*K*K.
/// </summary>
public sealed class ElectrodiffusionJacobian
{
    private readonly ElectrodiffusionSystem _sys;
    private readonly double[] _phi;
    private readonly double[] _dMl;
    private readonly double[] _dMr;
    public double[] Lower { get; }
    public double[] Diagonal { get; }
    public double[] Upper { get; }

    public ElectrodiffusionJacobian(ElectrodiffusionSystem sys)
    {
        _sys = sys;
        int N = sys.CompartmentCount, K = sys.SpeciesCount;
        _phi = new double[N];
        _dMl = new double[K * K];
        _dMr = new double[K * K];
        Lower = new double[N * K * K];
        Diagonal = new double[N * K * K];
        Upper = new double[N * K * K];
    }

    public void Evaluate(ReadOnlySpan<double> c, in BoundaryDrive drive)
    {
        var sys = _sys;
        int N = sys.CompartmentCount, K = sys.SpeciesCount, KK = K * K;
        Array.Clear(Lower);
        Array.Clear(Diagonal);
        Array.Clear(Upper);
        for (int i = 0; i < N; i++) _phi[i] = sys.PotentialV(c, i);
        double[] z = sys.Charge, s = sys.PotentialPerChargeVPerMM, A = sys.HalfCellAreaM, v = sys.InverseVolumePerM3;
        for (int j = 1; j <= N; j++)
        {
            int l = j - 1;
            bool ghost = j == N;
            double Al = A[l], Ar = ghost ? Al : A[j];
            double dphi = (ghost ? drive.DendritePotentialV : _phi[j]) - _phi[l];
            // dM_k/dc_{m,l} and dM_k/dc_{m,r} for the flow M_k across interface j.
            for (int k = 0; k < K; k++)
            {
                double cl = c[l * K + k];
                double cr = ghost ? sys.RestConcentrationMM[k] : c[j * K + k];
                double bl = Al * cl, br = Ar * cr, sum = bl + br;
                double hb = bl * br / sum;
                double dhbL = Al * br * br / (sum * sum), dhbR = Ar * bl * bl / (sum * sum);
                double gd = sys.DiffusionConductance[j * K + k], gp = sys.DriftPrefactor[k];
                for (int m = 0; m < K; m++)
                {
                    double delta = m == k ? 1 : 0;
                    _dMl[k * K + m] = gd * delta - gp * delta * dhbL * dphi + gp * hb * s[l] * z[m];
                    _dMr[k * K + m] = ghost ? 0 : -gd * delta - gp * delta * dhbR * dphi - gp * hb * s[j] * z[m];
                }
            }
            // Interface j leaves compartment l (f_l -= v_l M) and enters compartment j (f_j += v_j M).
            for (int q = 0; q < KK; q++)
            {
                Diagonal[l * KK + q] -= v[l] * _dMl[q];
                if (!ghost)
                {
                    Upper[l * KK + q] -= v[l] * _dMr[q];
                    Lower[j * KK + q] += v[j] * _dMl[q];
                    Diagonal[j * KK + q] += v[j] * _dMr[q];
                }
            }
        }
    }
}
