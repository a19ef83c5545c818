namespace AgentSpines.Physics.Electrodiffusion;

/// <summary>
/// The discretised extended cable equation (Eberhardt 2024, eqs. 10-21) on a <see cref="CompartmentChain"/>,
/// shared by both solvers. State: concentrations c[i*K + k] (mM = mol/m^3) of species k in compartment i.
/// The potential of compartment i comes from its net charge on the membrane capacitance,
/// phi_i = a_i F / (2 c_m) * (sum_k z_k c_ik + b_i), with a fixed background charge b_i chosen so that every
/// compartment sits exactly at the rest potential at rest concentrations. The molar flow (mol/s) of species k
/// across the interface between compartments l and r (lengths h_l, h_r) is that of two half-cells in series,
///   M = -pi [ D_k S(a_l^2, a_r^2) (c_r - c_l) + D_k u_k S(a_l^2 c_l, a_r^2 c_r) (phi_r - phi_l) ],
///   S(x_l, x_r) = 1 / (h_l / (2 x_l) + h_r / (2 x_r)),
/// with u_k = z_k F / (R T); for equal lengths S = H(x_l, x_r) / h with H the harmonic mean 2xy/(x+y), which is
/// the paper's scheme. Synaptic end (left of compartment 0): no flow
/// except the sodium influx I/(z F). Dendritic end: a ghost compartment of the last radius held at rest
/// concentrations and at the dendritic potential.
/// </summary>
public sealed class ElectrodiffusionSystem
{
    public ElectrodiffusionParameters Parameters { get; }
    public CompartmentChain Chain { get; }
    public int SpeciesCount { get; }
    public int CompartmentCount { get; }
    public int StateLength => SpeciesCount * CompartmentCount;
    public int InfluxSpecies { get; }
    public double RestPotential_V { get; }

    /// <summary>z_k.</summary>
    public double[] Charge { get; }
    /// <summary>Rest concentrations per species (mM).</summary>
    public double[] RestConcentration_mM { get; }
    /// <summary>a_i^2 (m^2).</summary>
    public double[] RadiusSquared_m2 { get; }
    /// <summary>a_i^2 / (h_i / 2) (m): a half-cell's conductance per unit D c; S(x_l, x_r) = w_l w_r / (w_l + w_r) with w = this times c.</summary>
    public double[] HalfCellArea_m { get; }
    /// <summary>1 / (pi a_i^2 h): converts a net molar flow (mol/s) into dc/dt (mM/s).</summary>
    public double[] InverseVolume_PerM3 { get; }
    /// <summary>a_i F / (2 c_m): potential per net charge concentration (V per mM).</summary>
    public double[] PotentialPerCharge_VPerMM { get; }
    /// <summary>b_i: fixed background charge concentration (mM of elementary charges, negative).</summary>
    public double[] BackgroundCharge_mM { get; }
    /// <summary>Diffusive conductance pi D_k S(a_l^2, a_r^2) of interface j (0 = synaptic end, N = dendritic end), [j*K+k].</summary>
    public double[] DiffusionConductance { get; }
    /// <summary>pi D_k u_k: drift prefactor multiplying w_l w_r / (w_l + w_r) with w = HalfCellArea * c.</summary>
    public double[] DriftPrefactor { get; }

    public ElectrodiffusionSystem(ElectrodiffusionParameters parameters, SpineGeometry geometry)
        : this(parameters, CompartmentChain.Build(geometry)) { }

    public ElectrodiffusionSystem(ElectrodiffusionParameters parameters, CompartmentChain chain)
    {
        parameters.Validate();
        Parameters = parameters;
        Chain = chain;
        int K = SpeciesCount = parameters.Species.Count;
        int N = CompartmentCount = chain.Count;
        InfluxSpecies = parameters.InfluxSpeciesIndex;
        RestPotential_V = parameters.RestPotential_mV * 1e-3;
        double F = PhysicalConstants.Faraday_CPerMol;
        double RT = PhysicalConstants.GasConstant_JPerMolK * parameters.Temperature_K;

        Charge = new double[K];
        RestConcentration_mM = new double[K];
        DriftPrefactor = new double[K];
        for (int k = 0; k < K; k++)
        {
            var s = parameters.Species[k];
            Charge[k] = s.ChargeNumber;
            RestConcentration_mM[k] = s.RestConcentration_mM;
            DriftPrefactor[k] = Math.PI * s.DiffusionConstant_m2PerS * s.ChargeNumber * F / RT;
        }
        double restCharge = 0;
        for (int k = 0; k < K; k++) restCharge += Charge[k] * RestConcentration_mM[k];

        RadiusSquared_m2 = new double[N];
        HalfCellArea_m = new double[N];
        InverseVolume_PerM3 = new double[N];
        PotentialPerCharge_VPerMM = new double[N];
        BackgroundCharge_mM = new double[N];
        for (int i = 0; i < N; i++)
        {
            double a = chain.Radius_m[i];
            double h = chain.Length_m[i];
            RadiusSquared_m2[i] = a * a;
            HalfCellArea_m[i] = 2 * a * a / h;
            InverseVolume_PerM3[i] = 1.0 / (Math.PI * a * a * h);
            PotentialPerCharge_VPerMM[i] = a * F / (2.0 * parameters.MembraneCapacitance_FPerM2);
            BackgroundCharge_mM[i] = RestPotential_V / PotentialPerCharge_VPerMM[i] - restCharge;
        }

        DiffusionConductance = new double[(N + 1) * K];
        for (int j = 1; j <= N; j++)
        {
            double wl = HalfCellArea_m[j - 1];
            double wr = j < N ? HalfCellArea_m[j] : HalfCellArea_m[N - 1];
            double series = wl * wr / (wl + wr);
            for (int k = 0; k < K; k++)
                DiffusionConductance[j * K + k] = Math.PI * parameters.Species[k].DiffusionConstant_m2PerS * series;
        }
    }

    /// <summary>Every compartment at rest concentrations (and hence at the rest potential).</summary>
    public double[] RestState()
    {
        var c = new double[StateLength];
        for (int i = 0; i < CompartmentCount; i++)
            for (int k = 0; k < SpeciesCount; k++) c[i * SpeciesCount + k] = RestConcentration_mM[k];
        return c;
    }

    public double Potential_V(ReadOnlySpan<double> c, int i)
    {
        int K = SpeciesCount;
        double rho = BackgroundCharge_mM[i];
        for (int k = 0; k < K; k++) rho += Charge[k] * c[i * K + k];
        return PotentialPerCharge_VPerMM[i] * rho;
    }

    /// <summary>
    /// Molar flows (mol/s, towards the dendrite) across all N+1 interfaces, flows[j*K + k]; phi is scratch of length N.
    /// </summary>
    public void Flows(ReadOnlySpan<double> c, in BoundaryDrive drive, Span<double> flows, Span<double> phi)
    {
        int K = SpeciesCount, N = CompartmentCount;
        for (int i = 0; i < N; i++) phi[i] = Potential_V(c, i);
        for (int k = 0; k < K; k++) flows[k] = 0;
        flows[InfluxSpecies] = drive.InputCurrent_A / (Charge[InfluxSpecies] * PhysicalConstants.Faraday_CPerMol);
        for (int j = 1; j <= N; j++)
        {
            int l = j - 1;
            bool ghost = j == N;
            double Al = HalfCellArea_m[l];
            double Ar = ghost ? Al : HalfCellArea_m[j];
            double dphi = (ghost ? drive.DendritePotential_V : phi[j]) - phi[l];
            for (int k = 0; k < K; k++)
            {
                double cl = c[l * K + k];
                double cr = ghost ? RestConcentration_mM[k] : c[j * K + k];
                double bl = Al * cl, br = Ar * cr;
                double hb = bl * br / (bl + br);
                flows[j * K + k] = -(DiffusionConductance[j * K + k] * (cr - cl) + DriftPrefactor[k] * hb * dphi);
            }
        }
    }

    /// <summary>dc/dt (mM/s) into <paramref name="dcdt"/>; scratch needs (N+1)*K + N doubles.</summary>
    public void Rhs(ReadOnlySpan<double> c, in BoundaryDrive drive, Span<double> dcdt, Span<double> scratch)
    {
        int K = SpeciesCount, N = CompartmentCount;
        var flows = scratch[..((N + 1) * K)];
        var phi = scratch.Slice((N + 1) * K, N);
        Flows(c, drive, flows, phi);
        for (int i = 0; i < N; i++)
            for (int k = 0; k < K; k++)
                dcdt[i * K + k] = InverseVolume_PerM3[i] * (flows[i * K + k] - flows[(i + 1) * K + k]);
    }

    public int ScratchLength => (CompartmentCount + 1) * SpeciesCount + CompartmentCount;

    /// <summary>Electric current (A, towards the dendrite) through interface j: F sum_k z_k M_k.</summary>
    public double InterfaceCurrent_A(ReadOnlySpan<double> flows, int j)
    {
        double s = 0;
        for (int k = 0; k < SpeciesCount; k++) s += Charge[k] * flows[j * SpeciesCount + k];
        return PhysicalConstants.Faraday_CPerMol * s;
    }

    /// <summary>Interface in the middle of the neck (between two neck compartments when there are at least two).</summary>
    public int MidNeckInterface => Chain.FirstNeckIndex + Chain.NeckCount / 2;

    /// <summary>Drift resistivity r_e = R T / (F^2 sum_k z_k^2 D_k c_k) of compartment i (Ohm m, eq. 3).</summary>
    public double Resistivity_OhmM(ReadOnlySpan<double> c, int i)
    {
        double F = PhysicalConstants.Faraday_CPerMol;
        double RT = PhysicalConstants.GasConstant_JPerMolK * Parameters.Temperature_K;
        double s = 0;
        for (int k = 0; k < SpeciesCount; k++)
        {
            var sp = Parameters.Species[k];
            s += Charge[k] * Charge[k] * sp.DiffusionConstant_m2PerS * c[i * SpeciesCount + k];
        }
        return RT / (F * F * s);
    }

    /// <summary>Neck resistance (Ohm): sum over neck compartments of r_e h / (pi a^2) (eq. 22 restricted to the neck).</summary>
    public double NeckResistance_Ohm(ReadOnlySpan<double> c)
    {
        double R = 0;
        for (int i = Chain.FirstNeckIndex; i < Chain.FirstDendriteIndex; i++)
            R += Resistivity_OhmM(c, i) * Chain.Length_m[i] / (Math.PI * RadiusSquared_m2[i]);
        return R;
    }

    /// <summary>Amount of species k in the whole chain (mol).</summary>
    public double Amount_mol(ReadOnlySpan<double> c, int k)
    {
        double s = 0;
        for (int i = 0; i < CompartmentCount; i++) s += c[i * SpeciesCount + k] / InverseVolume_PerM3[i];
        return s;
    }
}
