using AgentSpines.Core.Random;

namespace AgentSpines.Physics.Transport;

/// <summary>
/// The checks of MODEL.md section 1 against theory, each with a tolerance that a wrong model would exceed.
/// Used by the tests and by `agentspines validate transport`. Fixed seeds: the same numbers every run.
/// </summary>
public static class TransportValidationSuite
{
    public const ulong Seed = 20080530;

    public static IReadOnlyList<ValidationCheck> RunAll(int? threads = null)
    {
        var checks = new List<ValidationCheck>
        {
            MittagLefflerSamplerKs(0.5),
            MittagLefflerSamplerKs(0.9),
            MittagLefflerMuOneIsExponential(),
            MarkovianDiffusion(threads),
            ReactionSlowEigenvalue(threads),
        };
        checks.AddRange(ReactionCountsAgainstExact(threads));
        foreach (double mu in new[] { 0.3, 0.5, 0.7 }) checks.AddRange(AnomalousMsd(mu, threads));
        checks.Add(DriftOfCentreOfMass(threads));
        checks.AddRange(Fig2(threads));
        return checks;
    }

    private static double[] SampleDwell(DwellOptions dwell, int n, ushort stream)
    {
        var species = new ParticleSpeciesOptions { Dwell = dwell };
        var m = new SpeciesModel(species, 0, new TransportDendriteOptions(), Seed);
        var rng = new PhiloxCursor(Seed, stream, StreamId.Transport, 0);
        var x = new double[n];
        for (int i = 0; i < n; i++) x[i] = m.SampleDwellTime(ref rng);
        return x;
    }

    /// <summary>KS distance of 20000 Mittag-Leffler draws from E_mu's distribution function (numerical Laplace inversion).</summary>
    public static ValidationCheck MittagLefflerSamplerKs(double mu, int n = 20000)
    {
        var x = SampleDwell(new DwellOptions { Kernel = DwellKernel.MittagLeffler, TauMs = 1.0, Mu = mu }, n, 1);
        double d = CurveFits.KolmogorovSmirnov(x, t => MittagLefflerFunction.Cdf(t, mu, 1.0));
        double crit = CurveFits.KsCritical001(n);
        return new($"Mittag-Leffler sampler mu={mu}: KS distance", 0, d, crit, d <= crit, $"n={n}, critical at p=0.001");
    }

    /// <summary>mu = 1 must give the exponential of mean tau.</summary>
    public static ValidationCheck MittagLefflerMuOneIsExponential(int n = 20000)
    {
        var x = SampleDwell(new DwellOptions { Kernel = DwellKernel.MittagLeffler, TauMs = 2.0, Mu = 1.0 }, n, 2);
        double d = CurveFits.KolmogorovSmirnov(x, t => -double.ExpM1(-t / 2.0));
        double crit = CurveFits.KsCritical001(n);
        return new("Mittag-Leffler sampler mu=1 vs exponential: KS distance", 0, d, crit, d <= crit, $"n={n}, tau=2 ms");
    }

    /// <summary>MSD = 2 D_eq t with D_eq = D lambda2/(lambda1 + lambda2), started in equilibrium.</summary>
    public static ValidationCheck MarkovianDiffusion(int? threads = null)
    {
        var o = TransportCases.Markovian();
        var sp = o.Species[0];
        var s = TransportRun.Run(o, Seed, threads).Series(sp.Name);
        double dEq = TransportTheory.EquilibriumDiffusion(sp.DiffusionUm2PerMs, TransportCases.SpineDensityPerUm * sp.Capture.RateUmPerMs, 1.0 / sp.Dwell.TauMs);
        double measured = CurveFits.SlopeThroughOrigin(s.TMs, s.MsdUm2) / 2.0;
        return Relative("Markovian D_eq (um^2/ms)", dEq, measured, 0.03, "D=0.2, lambda1=1, lambda2=0.5 /ms; slope of MSD/2 over 0-100 ms");
    }

    /// <summary>n(t) relaxes at the slow root of s^2 + (l1 + l2 + theta) s + l1 theta = 0.</summary>
    public static ValidationCheck ReactionSlowEigenvalue(int? threads = null)
    {
        var o = TransportCases.Reaction();
        var s = TransportRun.Run(o, Seed, threads).Series(o.Species[0].Name);
        double expected = TransportTheory.SlowDecayEigenvalue(1.0, 1.0, 0.5);
        double measured = CurveFits.LogLinearSlope(s.TMs, s.NTotal, 4.0, 20.0);
        return Relative("Reaction: slow decay eigenvalue (1/ms)", expected, measured, 0.05, "lambda1=lambda2=1, theta=0.5 /ms; fit of ln n(t) over 4-20 ms");
    }

    /// <summary>Free and trapped fractions against the exact eq. (11) inverted numerically, at 2 and 10 ms.</summary>
    public static IEnumerable<ValidationCheck> ReactionCountsAgainstExact(int? threads = null)
    {
        var o = TransportCases.Reaction();
        var model = new SpeciesModel(o.Species[0], 0, o.Dendrite, Seed);
        var s = TransportRun.Run(o, Seed, threads).Series(o.Species[0].Name);
        int n = o.Species[0].ParticleCount;
        foreach (double t in new[] { 2.0, 10.0 })
        {
            int k = s.TMs.FindIndex(x => Math.Abs(x - t) < 1e-9);
            var (free, trapped) = TransportTheory.Counts(model, 0, t);
            yield return Fraction($"Reaction: free fraction at {t} ms", free, s.NFree[k], n);
            yield return Fraction($"Reaction: trapped fraction at {t} ms", trapped, s.NTrapped[k], n);
        }
    }

    /// <summary>Sub-diffusion with Mittag-Leffler dwell: log-log slope of the MSD over the last two decades, and the MSD there against the exact law.</summary>
    public static IEnumerable<ValidationCheck> AnomalousMsd(double mu, int? threads = null)
    {
        var o = TransportCases.Anomalous(mu);
        var model = new SpeciesModel(o.Species[0], 0, o.Dendrite, Seed);
        var s = TransportRun.Run(o, Seed, threads).Series(o.Species[0].Name);
        double tEnd = o.DurationMs;
        double slope = CurveFits.LogLogSlope(s.TMs, s.MsdUm2, tEnd / 100, tEnd);
        yield return Absolute($"Anomalous mu={mu}: MSD log-log slope", mu, slope, 0.05, $"fit over {tEnd / 100:G3}-{tEnd:G3} ms, tau=1 ms, lambda1=1 /ms");
        double exact = TransportTheory.MsdUm2(model, 0, tEnd);
        yield return Relative($"Anomalous mu={mu}: MSD at {tEnd:G3} ms (um^2)", exact, s.MsdUm2[^1], 0.10, "exact 2D x expected free time, eq. (11)");
    }

    /// <summary>Centre of mass moves at v times the fraction of time free, here lambda2/(lambda1 + lambda2) = 1/3.</summary>
    public static ValidationCheck DriftOfCentreOfMass(int? threads = null)
    {
        var o = TransportCases.Drift();
        var sp = o.Species[0];
        var s = TransportRun.Run(o, Seed, threads).Series(sp.Name);
        double l1 = TransportCases.SpineDensityPerUm * sp.Capture.RateUmPerMs, l2 = 1.0 / sp.Dwell.TauMs;
        double expected = sp.DriftUmPerMs * l2 / (l1 + l2);
        double measured = CurveFits.SlopeThroughOrigin(s.TMs, s.MeanDisplacementUm);
        return Relative("Drift: centre-of-mass velocity (um/ms)", expected, measured, 0.03, "v=0.1 um/ms, free fraction 1/3");
    }

    /// <summary>Paper's Fig. 2: n(t) of each dwell kernel against eq. (11), and the Mittag-Leffler (mu = 0.1) case losing particles fastest.</summary>
    public static IEnumerable<ValidationCheck> Fig2(int? threads = null)
    {
        var o = TransportCases.Fig2AllKernels(20000, 50);
        var tables = TransportRun.Run(o, Seed, threads);
        var n50 = new Dictionary<string, double>();
        var exact50 = new Dictionary<string, double>();
        for (int i = 0; i < o.Species.Count; i++)
        {
            var sp = o.Species[i];
            var model = new SpeciesModel(sp, i, o.Dendrite, Seed);
            var s = tables.Series(sp.Name);
            foreach (double t in new[] { 10.0, 50.0 })
            {
                int k = s.TMs.FindIndex(x => Math.Abs(x - t) < 1e-9);
                var (free, trapped) = TransportTheory.Counts(model, 0.5, t);
                if (t == 50.0) { n50[sp.Name] = s.NTotal[k] / sp.ParticleCount; exact50[sp.Name] = free + trapped; }
                yield return Fraction($"Fig. 2 {sp.Name}: n({t} ms)/n(0)", free + trapped, (long)s.NTotal[k], sp.ParticleCount);
            }
        }
        string ml = o.Species[0].Name, gamma = o.Species[1].Name, exp = o.Species[2].Name;
        double ratio = n50[ml] / Math.Max(n50[exp], n50[gamma]);
        double expected = exact50[ml] / Math.Max(exact50[exp], exact50[gamma]);
        double tol = 0.25 * expected;
        yield return new("Fig. 2: n_ML / max(n_gamma, n_exp) at 50 ms (anomalous loses faster)", expected, ratio, tol,
            Math.Abs(ratio - expected) <= tol && ratio < 0.9, "exact ratio from eq. (11), tolerance 25%; also requires a ratio below 0.9");
    }

    private static ValidationCheck Relative(string name, double expected, double measured, double relTol, string detail)
    {
        double tol = Math.Abs(expected) * relTol;
        return new(name, expected, measured, tol, Math.Abs(measured - expected) <= tol, detail + $" (tolerance {relTol:P0})");
    }

    /// <summary>A fraction of independent particles against its exact value: tolerance 4 binomial standard errors (at least 0.001).</summary>
    private static ValidationCheck Fraction(string name, double expected, long count, int n)
    {
        double tol = Math.Max(1e-3, 4 * Math.Sqrt(Math.Max(expected * (1 - expected), 0) / n));
        double measured = count / (double)n;
        return new(name, expected, measured, tol, Math.Abs(measured - expected) <= tol, $"exact: eq. (11) by Laplace inversion; n={n}, 4 binomial SE");
    }

    private static ValidationCheck Absolute(string name, double expected, double measured, double tol, string detail)
        => new(name, expected, measured, tol, Math.Abs(measured - expected) <= tol, detail);
}
