using System.Numerics;

namespace AgentSpines.Physics.Transport;

/// <summary>
/// Exact results of the model (Fedotov and Mendez, PRL 100, 218102, 2008) used to validate the simulation.
/// The counts follow from eq. (11) at q = 0: with D(s) = 1 - psi2(s + theta) psi1(s),
///   free n1(s)    = [n1(0) Phi1(s) + n2(0) psi2(s+theta) Phi1(s)] / D(s),
///   trapped n2(s) = [n1(0) psi1(s) Phi2(s+theta) + n2(0) Phi2(s+theta)] / D(s),
/// where Phi = (1 - psi)/s. With v = 0 the MSD is 2 D times the expected free time, 2 D n1(s)/s per particle,
/// and the drift of the centre of mass is v times the same integral.
/// </summary>
public static class TransportTheory
{
    /// <summary>Markovian effective diffusion D lambda2/(lambda1 + lambda2).</summary>
    public static double EquilibriumDiffusion(double d, double lambda1, double lambda2) => d * lambda2 / (lambda1 + lambda2);

    /// <summary>The slower root of s^2 + (lambda1 + lambda2 + theta) s + lambda1 theta = 0 (a negative rate, per ms).</summary>
    public static double SlowDecayEigenvalue(double lambda1, double lambda2, double theta)
    {
        double b = lambda1 + lambda2 + theta;
        return (-b + Math.Sqrt(b * b - 4 * lambda1 * theta)) / 2.0;
    }

    /// <summary>Fractions (free, trapped) of the initial particles at time t, given the initially trapped fraction.</summary>
    public static (double Free, double Trapped) Counts(SpeciesModel m, double fractionTrapped, double tMs)
    {
        double free = LaplaceInversion.Invert(s => CountTransforms(m, fractionTrapped, s).Free, tMs);
        double trapped = LaplaceInversion.Invert(s => CountTransforms(m, fractionTrapped, s).Trapped, tMs);
        return (free, trapped);
    }

    /// <summary>Expected time spent free up to t per initial particle (theta = 0 for a pure diffusion law), ms.</summary>
    public static double ExpectedFreeTimeMs(SpeciesModel m, double fractionTrapped, double tMs)
        => LaplaceInversion.Invert(s => CountTransforms(m, fractionTrapped, s).Free / s, tMs);

    /// <summary>MSD(t) for v = 0, theta = 0, unbounded dendrite: 2 D E[free time up to t].</summary>
    public static double MsdUm2(SpeciesModel m, double fractionTrapped, double tMs)
        => 2.0 * m.DiffusionUm2PerMs * ExpectedFreeTimeMs(m, fractionTrapped, tMs);

    public static (Complex Free, Complex Trapped) CountTransforms(SpeciesModel m, double fractionTrapped, Complex s)
    {
        var psi1 = KernelTransforms.Capture(m, s);
        var sTheta = s + m.ReactionRatePerMs;
        var psi2 = KernelTransforms.Dwell(m, sTheta);
        var phi1 = KernelTransforms.Survival(psi1, s);
        var phi2 = KernelTransforms.Survival(psi2, sTheta);
        var denominator = 1.0 - psi2 * psi1;
        double n1 = 1.0 - fractionTrapped, n2 = fractionTrapped;
        return ((n1 * phi1 + n2 * psi2 * phi1) / denominator, (n1 * psi1 * phi2 + n2 * phi2) / denominator);
    }
}
