namespace AgentSpines.Physics.Transport;

/// <summary>
/// The validation cases of MODEL.md section 1 as options. configs/transport/*.json hold the same values (a test
/// binds each file and compares it with these).
/// </summary>
public static class TransportCases
{
    /// <summary>Capture lambda1 = 10 /um * 0.1 um/ms = 1 /ms in every case.</summary>
    public const double SpineDensityPerUm = 10.0, CaptureRateUmPerMs = 0.1;

    private static TransportOptions Base(double durationMs, SampleSpacing sampling, int samples, double firstMs, double lengthUm, EndCondition end, ParticleSpeciesOptions species)
        => new()
        {
            DurationMs = durationMs, Sampling = sampling, SampleCount = samples, FirstSampleMs = firstMs,
            Dendrite = new TransportDendriteOptions { LengthUm = lengthUm, SpineDensityPerUm = SpineDensityPerUm, End = end, SegmentCount = 10 },
            Species = { species },
        };

    private static ParticleSpeciesOptions Species(string name, int n, double d, double v, double theta, DwellOptions dwell, double x0, double fractionTrapped)
        => new()
        {
            Name = name, ParticleCount = n, DiffusionUm2PerMs = d, DriftUmPerMs = v, ReactionRatePerMs = theta,
            Capture = new CaptureOptions { Kernel = CaptureKernel.Exponential, RateUmPerMs = CaptureRateUmPerMs },
            Dwell = dwell,
            Initial = new InitialOptions { Placement = InitialPlacement.Point, PositionUm = x0, FractionTrapped = fractionTrapped },
        };

    /// <summary>Markovian, theta = 0, v = 0: lambda1 = 1, lambda2 = 0.5 /ms, started in equilibrium (2/3 trapped).</summary>
    public static TransportOptions Markovian(int particles = 20000) => Base(100, SampleSpacing.Linear, 50, 0.1, 1000, EndCondition.Periodic,
        Species("markovian", particles, 0.2, 0, 0, new DwellOptions { Kernel = DwellKernel.Exponential, TauMs = 2.0 }, 500, 2.0 / 3.0));

    /// <summary>Markovian with reaction theta = 0.5 /ms, lambda1 = lambda2 = 1 /ms, all free at start.</summary>
    public static TransportOptions Reaction(int particles = 40000) => Base(20, SampleSpacing.Linear, 40, 0.1, 1000, EndCondition.Periodic,
        Species("reaction", particles, 0.2, 0, 0.5, new DwellOptions { Kernel = DwellKernel.Exponential, TauMs = 1.0 }, 500, 0));

    /// <summary>Mittag-Leffler dwell (tau = 1 ms), theta = 0, v = 0, all free at start; run long enough for two decades of the asymptote.</summary>
    public static TransportOptions Anomalous(double mu) => Anomalous(mu, mu >= 0.6 ? 4000 : 8000);

    /// <summary>As <see cref="Anomalous(double)"/> with a given particle count (the default keeps the MSD's standard error near 2-3%).</summary>
    public static TransportOptions Anomalous(double mu, int particles)
    {
        double duration = mu < 0.4 ? 1e6 : 1e5;
        return Base(duration, SampleSpacing.Log, 61, 1.0, 100000, EndCondition.Periodic,
            Species($"anomalous_mu{mu:0.0#}", particles, 1.0, 0, 0, new DwellOptions { Kernel = DwellKernel.MittagLeffler, TauMs = 1.0, Mu = mu }, 50000, 0));
    }

    /// <summary>Drift v = 0.1 um/ms with lambda1 = 1, lambda2 = 0.5 /ms, started in equilibrium (free 1/3 of the time).</summary>
    public static TransportOptions Drift(int particles = 20000) => Base(100, SampleSpacing.Linear, 50, 0.1, 1000, EndCondition.Periodic,
        Species("drift", particles, 0.2, 0.1, 0, new DwellOptions { Kernel = DwellKernel.Exponential, TauMs = 2.0 }, 500, 2.0 / 3.0));

    /// <summary>The paper's Fig. 2: D = 0.2, &lt;tau_d&gt; = 1 ms, theta = 0.1 /ms, rho_l = 10 /um, half free, half trapped at x = 0.</summary>
    public static TransportOptions Fig2(DwellKernel kernel, int particles = 20000, double durationMs = 100)
    {
        var dwell = kernel switch
        {
            DwellKernel.MittagLeffler => new DwellOptions { Kernel = kernel, TauMs = 1.0, Mu = 0.1 },
            DwellKernel.Gamma => new DwellOptions { Kernel = kernel, TauMs = 1.0, Shape = 2 },
            _ => new DwellOptions { Kernel = DwellKernel.Exponential, TauMs = 1.0 },
        };
        string name = kernel switch { DwellKernel.MittagLeffler => "mittag_leffler_mu0.1", DwellKernel.Gamma => "gamma", _ => "exponential" };
        return Base(durationMs, SampleSpacing.Linear, 100, 0.1, 1000, EndCondition.Periodic, Species(name, particles, 0.2, 0, 0.1, dwell, 500, 0.5));
    }

    /// <summary>All three Fig. 2 kernels as species of one run.</summary>
    public static TransportOptions Fig2AllKernels(int particles = 20000, double durationMs = 100)
    {
        var o = Fig2(DwellKernel.MittagLeffler, particles, durationMs);
        o.Species.Add(Fig2(DwellKernel.Gamma, particles, durationMs).Species[0]);
        o.Species.Add(Fig2(DwellKernel.Exponential, particles, durationMs).Species[0]);
        return o;
    }
}
