using AgentSpines.Plasticity.Imaging;
using AgentSpines.Plasticity.State;
using MathNet.Numerics.Distributions;

namespace AgentSpines.Plasticity.Population;

/// <summary>What the power command asks: the day of the effect, the group sizes, how many simulated experiments each.</summary>
public sealed record PowerOptions(double EffectDay, IReadOnlyList<int> AnimalsPerArm, int Experiments = 40, double Alpha = 0.05);

/// <summary>Power at one group size: the share of experiments whose test found the drug effect, and the mean effect.</summary>
public sealed record PowerRow(int AnimalsPerArm, double Power, int Experiments, double MeanEffectPp, double MeanP);

/// <summary>
/// The probability of detecting a drug effect on spine density at a given day, from simulated experiments: each
/// experiment images n drug and n vehicle animals (distinct animals, each with its random effects), takes the density
/// change of every dendrite vs the first session, averages it per animal, and compares the two arms with Welch's
/// two-sample t-test on the animal means (two-sided, alpha 0.05): the test on independent animals that the papers'
/// per-mouse comparisons amount to. The largest group is simulated once per experiment and smaller groups use its first
/// animals, so the power curve is not blurred by independent noise between sizes.
/// </summary>
public sealed class PowerAnalysis(ExperimentConfig config)
{
    public IReadOnlyList<PowerRow> Run(PowerOptions o, Action<int>? progress = null)
    {
        var experiment = new VirtualExperiment(config);
        int maxN = o.AnimalsPerArm.Max();
        var detected = new int[o.AnimalsPerArm.Count];
        var effects = new double[o.AnimalsPerArm.Count];
        var pSum = new double[o.AnimalsPerArm.Count];
        for (int e = 0; e < o.Experiments; e++)
        {
            var m = experiment.Run(e, maxN, maxN, o.EffectDay);
            var drug = m.AnimalMeansOfDensityChange(Arm.Drug, o.EffectDay);
            var vehicle = m.AnimalMeansOfDensityChange(Arm.Vehicle, o.EffectDay);
            for (int k = 0; k < o.AnimalsPerArm.Count; k++)
            {
                int n = o.AnimalsPerArm[k];
                var (diff, p) = WelchTest(drug.Take(n).ToArray(), vehicle.Take(n).ToArray());
                if (p < o.Alpha) detected[k]++;
                effects[k] += diff;
                pSum[k] += p;
            }
            progress?.Invoke(e + 1);
        }
        return o.AnimalsPerArm.Select((n, k) => new PowerRow(n, (double)detected[k] / o.Experiments, o.Experiments, effects[k] / o.Experiments, pSum[k] / o.Experiments)).ToList();
    }

    /// <summary>Welch's two-sample t-test: (mean a - mean b, two-sided p). Student t CDF from MathNet.Numerics.</summary>
    public static (double Difference, double P) WelchTest(double[] a, double[] b)
    {
        if (a.Length < 2 || b.Length < 2) return (double.NaN, 1);
        double ma = a.Average(), mb = b.Average();
        double va = a.Sum(x => (x - ma) * (x - ma)) / (a.Length - 1), vb = b.Sum(x => (x - mb) * (x - mb)) / (b.Length - 1);
        double sa = va / a.Length, sb = vb / b.Length;
        if (sa + sb == 0) return (ma - mb, ma == mb ? 1 : 0);
        double t = (ma - mb) / Math.Sqrt(sa + sb);
        double df = (sa + sb) * (sa + sb) / (sa * sa / (a.Length - 1) + sb * sb / (b.Length - 1));
        double p = 2 * (1 - StudentT.CDF(0, 1, df, Math.Abs(t)));
        return (ma - mb, p);
    }
}
