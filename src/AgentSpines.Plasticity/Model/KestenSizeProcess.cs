using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace AgentSpines.Plasticity.Model;

/// <summary>
/// Intrinsic head-volume dynamics as a Kesten process V' = a V + b per step of dt hours, with
/// ln a ~ N(ln E[a] - s^2/2, s^2), E[a] = exp(-dt/tau), s = sigma_a sqrt(dt), and b ~ N(E[b], sigma_b^2 dt),
/// E[b] = Vbar (1 - E[a]) so that the stationary mean of the unfloored process is Vbar. Multiplicative noise
/// dominates for large spines, the additive term for small ones (which therefore fluctuate more in relative terms).
/// </summary>
public sealed class KestenSizeProcess
{
    public double StepH { get; }
    public double MeanA { get; }
    public double LogAMean { get; }
    public double LogASd { get; }
    public double MeanB { get; }
    public double BSd { get; }
    public double FloorUm3 { get; }

    public KestenSizeProcess(double meanVolumeUm3, double relaxationH, double logASdPerSqrtH, double bSdUm3PerSqrtH, double floorUm3, double stepH)
    {
        StepH = stepH;
        MeanA = Math.Exp(-stepH / relaxationH);
        LogASd = logASdPerSqrtH * Math.Sqrt(stepH);
        LogAMean = Math.Log(MeanA) - 0.5 * LogASd * LogASd;
        MeanB = meanVolumeUm3 * (1 - MeanA);
        BSd = bSdUm3PerSqrtH * Math.Sqrt(stepH);
        FloorUm3 = floorUm3;
    }

    /// <summary>One step from standard normals za, zb; extraLog adds a deterministic drift to ln a (drugs, stress).</summary>
    public double Step(double volumeUm3, double za, double zb, double extraLog = 0) => StepWith(volumeUm3, Growth(za, extraLog), zb);

    /// <summary>One step with the multiplicative factor a = Growth(za, extraLog) already drawn.</summary>
    public double StepWith(double volumeUm3, double a, double zb)
    {
        double v = a * volumeUm3 + MeanB + BSd * zb;
        return v < FloorUm3 ? FloorUm3 : v;
    }

    /// <summary>
    /// The multiplicative factor a = exp(ln E[a] - s^2/2 + s za + extraLog). The exponential is the vector library's
    /// (Vector128.Exp on one lane), so that <see cref="Growths"/>, four lanes at a time, gives the very same values.
    /// </summary>
    public double Growth(double za, double extraLog = 0) => Vector128.Exp(Vector128.CreateScalar(LogAMean + LogASd * za + extraLog)).ToScalar();

    /// <summary>
    /// Growth of many draws at once, in place: zaPairs[2i] (a normal za, the other of each pair untouched) becomes
    /// Growth(za, extraLog); bit for bit the scalar values, eight at a time with 512-bit vectors, four with 256-bit ones.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Growths(Span<double> zaPairs, double extraLog)
    {
        int n = zaPairs.Length / 2, i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            // eight at a time where 512-bit vectors are accelerated: Exp is the same function lane by lane at any width
            var mean = Vector512.Create(LogAMean);
            var sd = Vector512.Create(LogASd);
            var drift = Vector512.Create(extraLog);
            Span<double> a = stackalloc double[8];
            for (; i + 8 <= n; i += 8)
            {
                var p = zaPairs.Slice(2 * i, 16);
                var za = Vector512.Create(p[0], p[2], p[4], p[6], p[8], p[10], p[12], p[14]);
                Vector512.Exp(mean + sd * za + drift).CopyTo(a);
                p[0] = a[0]; p[2] = a[1]; p[4] = a[2]; p[6] = a[3]; p[8] = a[4]; p[10] = a[5]; p[12] = a[6]; p[14] = a[7];
            }
        }
        if (Vector256.IsHardwareAccelerated)
        {
            var mean = Vector256.Create(LogAMean);
            var sd = Vector256.Create(LogASd);
            var drift = Vector256.Create(extraLog);
            Span<double> a = stackalloc double[4];
            for (; i + 4 <= n; i += 4)
            {
                var p = zaPairs.Slice(2 * i, 8);
                var za = Vector256.Create(p[0], p[2], p[4], p[6]);
                Vector256.Exp(mean + sd * za + drift).CopyTo(a);
                p[0] = a[0]; p[2] = a[1]; p[4] = a[2]; p[6] = a[3];
            }
        }
        for (; i < n; i++) zaPairs[2 * i] = Growth(zaPairs[2 * i], extraLog);
    }

    /// <summary>Stationary mean of the unfloored process: E[b] / (1 - E[a]).</summary>
    public double StationaryMean => MeanB / (1 - MeanA);

    /// <summary>Stationary second moment of the unfloored process: (E[b^2] + 2 E[a] E[b] m) / (1 - E[a^2]).</summary>
    public double StationarySecondMoment
    {
        get
        {
            double ea2 = Math.Exp(2 * LogAMean + 2 * LogASd * LogASd);
            double eb2 = MeanB * MeanB + BSd * BSd;
            return (eb2 + 2 * MeanA * MeanB * StationaryMean) / (1 - ea2);
        }
    }
}
