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
    public double RestPotentialV { get; }

    /// <summary>z_k.</summary>
    public double[] Charge { get; }
    /// <summary>Rest concentrations per species (mM).</summary>
    public double[] RestConcentrationMM { get; }
    /// <summary>a_i^2 (m^2).</summary>
    public double[] RadiusSquaredM2 { get; }
    /// <summary>a_i^2 / (h_i / 2) (m): a half-cell's conductance per unit D c; S(x_l, x_r) = w_l w_r / (w_l + w_r) with w = this times c.</summary>
    public double[] HalfCellAreaM { get; }
    /// <summary>1 / (pi a_i^2 h): converts a net molar flow (mol/s) into dc/dt (mM/s).</summary>
    public double[] InverseVolumePerM3 { get; }
    /// <summary>a_i F / (2 c_m): potential per net charge concentration (V per mM).</summary>
    public double[] PotentialPerChargeVPerMM { get; }
    /// <summary>b_i: fixed background charge concentration (mM of elementary charges, negative).</summary>
    public double[] BackgroundChargeMM { get; }
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
        RestPotentialV = parameters.RestPotentialMV * 1e-3;
        double F = PhysicalConstants.FaradayCPerMol;
        double RT = PhysicalConstants.GasConstantJPerMolK * parameters.TemperatureK;

        Charge = new double[K];
        RestConcentrationMM = new double[K];
        DriftPrefactor = new double[K];
        for (int k = 0; k < K; k++)
        {
            var s = parameters.Species[k];
            Charge[k] = s.ChargeNumber;
            RestConcentrationMM[k] = s.RestConcentrationMM;
            DriftPrefactor[k] = Math.PI * s.DiffusionConstantM2PerS * s.ChargeNumber * F / RT;
        }
        double restCharge = 0;
        for (int k = 0; k < K; k++) restCharge += Charge[k] * RestConcentrationMM[k];

        RadiusSquaredM2 = new double[N];
        HalfCellAreaM = new double[N];
        InverseVolumePerM3 = new double[N];
        PotentialPerChargeVPerMM = new double[N];
        BackgroundChargeMM = new double[N];
        for (int i = 0; i < N; i++)
        {
            double a = chain.RadiusM[i];
            double h = chain.LengthM[i];
            RadiusSquaredM2[i] = a * a;
            HalfCellAreaM[i] = 2 * a * a / h;
            InverseVolumePerM3[i] = 1.0 / (Math.PI * a * a * h);
            PotentialPerChargeVPerMM[i] = a * F / (2.0 * parameters.MembraneCapacitanceFPerM2);
            BackgroundChargeMM[i] = RestPotentialV / PotentialPerChargeVPerMM[i] - restCharge;
        }

        DiffusionConductance = new double[(N + 1) * K];
        for (int j = 1; j <= N; j++)
        {
            double wl = HalfCellAreaM[j - 1];
            double wr = j < N ? HalfCellAreaM[j] : HalfCellAreaM[N - 1];
            double series = wl * wr / (wl + wr);
            for (int k = 0; k < K; k++)
                DiffusionConductance[j * K + k] = Math.PI * parameters.Species[k].DiffusionConstantM2PerS * series;
        }
    }

    /// <summary>Every compartment at rest concentrations (and hence at the rest potential).</summary>
    public double[] RestState()
    {
        var c = new double[StateLength];
        for (int i = 0; i < CompartmentCount; i++)
            for (int k = 0; k < SpeciesCount; k++) c[i * SpeciesCount + k] = RestConcentrationMM[k];
        return c;
    }

    public double PotentialV(ReadOnlySpan<double> c, int i)
    {
        int K = SpeciesCount;
        double rho = BackgroundChargeMM[i];
        for (int k = 0; k < K; k++) rho += Charge[k] * c[i * K + k];
        return PotentialPerChargeVPerMM[i] * rho;
    }

    /// <summary>
    /// Molar flows (mol/s, towards the dendrite) across all N+1 interfaces, flows[j*K + k]; phi is scratch of length N.
    /// </summary>
    public void Flows(ReadOnlySpan<double> c, in BoundaryDrive drive, Span<double> flows, Span<double> phi)
    {
        int K = SpeciesCount, N = CompartmentCount;
        for (int i = 0; i < N; i++) phi[i] = PotentialV(c, i);
        for (int k = 0; k < K; k++) flows[k] = 0;
        flows[InfluxSpecies] = drive.InputCurrentA / (Charge[InfluxSpecies] * PhysicalConstants.FaradayCPerMol);
        for (int j = 1; j <= N; j++)
        {
            int l = j - 1;
            bool ghost = j == N;
            double Al = HalfCellAreaM[l];
            double Ar = ghost ? Al : HalfCellAreaM[j];
            double dphi = (ghost ? drive.DendritePotentialV : phi[j]) - phi[l];
            for (int k = 0; k < K; k++)
            {
                double cl = c[l * K + k];
                double cr = ghost ? RestConcentrationMM[k] : c[j * K + k];
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
                dcdt[i * K + k] = InverseVolumePerM3[i] * (flows[i * K + k] - flows[(i + 1) * K + k]);
    }

    public int ScratchLength => (CompartmentCount + 1) * SpeciesCount + CompartmentCount;

    /// <summary>Electric current (A, towards the dendrite) through interface j: F sum_k z_k M_k.</summary>
    public double InterfaceCurrentA(ReadOnlySpan<double> flows, int j)
    {
        double s = 0;
        for (int k = 0; k < SpeciesCount; k++) s += Charge[k] * flows[j * SpeciesCount + k];
        return PhysicalConstants.FaradayCPerMol * s;
    }

    /// <summary>Interface in the middle of the neck (between two neck compartments when there are at least two).</summary>
    public int MidNeckInterface => Chain.FirstNeckIndex + Chain.NeckCount / 2;

    /// <summary>Drift resistivity r_e = R T / (F^2 sum_k z_k^2 D_k c_k) of compartment i (Ohm m, eq. 3).</summary>
    public double ResistivityOhmM(ReadOnlySpan<double> c, int i)
    {
        double F = PhysicalConstants.FaradayCPerMol;
        double RT = PhysicalConstants.GasConstantJPerMolK * Parameters.TemperatureK;
        double s = 0;
        for (int k = 0; k < SpeciesCount; k++)
        {
            var sp = Parameters.Species[k];
            s += Charge[k] * Charge[k] * sp.DiffusionConstantM2PerS * c[i * SpeciesCount + k];
        }
        return RT / (F * F * s);
    }

    /// <summary>Neck resistance (Ohm): sum over neck compartments of r_e h / (pi a^2) (eq. 22 restricted to the neck).</summary>
    public double NeckResistanceOhm(ReadOnlySpan<double> c)
    {
        double R = 0;
        for (int i = Chain.FirstNeckIndex; i < Chain.FirstDendriteIndex; i++)
            R += ResistivityOhmM(c, i) * Chain.LengthM[i] / (Math.PI * RadiusSquaredM2[i]);
        return R;
    }

    /// <summary>Amount of species k in the whole chain (mol).</summary>
    public double AmountMol(ReadOnlySpan<double> c, int k)
    {
        double s = 0;
        for (int i = 0; i < CompartmentCount; i++) s += c[i * SpeciesCount + k] / InverseVolumePerM3[i];
        return s;
    }
}
