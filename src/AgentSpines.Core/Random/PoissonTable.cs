using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace AgentSpines.Core.Random;

/// <summary>
/// Poisson(mean) for one fixed small mean, drawn by inversion of a precomputed CDF with one 32-bit word per draw
/// (resolution 2^-32, as for per-step probabilities elsewhere): a few comparisons instead of the multiplication
/// method's mean + 1 uniforms and exp. For the hot path that draws the same mean for every spine and step (synaptic
/// episodes). Means of 10 and above use <see cref="RandomStream.NextPoisson"/> (PTRS). Immutable, thread-safe.
/// </summary>
public sealed class PoissonTable
{
    /// <summary>Above this the CDF table would be long; PTRS is fast there.</summary>
    public const double MaxTableMean = 10;
    private readonly double[]? _cdf;
    /// <summary>The CDF padded with 1 to whole 256-bit vectors: a draw counts the entries below u without a branch.</summary>
    private readonly double[]? _padded;

    public PoissonTable(double mean)
    {
        if (!(mean >= 0) || double.IsInfinity(mean)) throw new ArgumentOutOfRangeException(nameof(mean), mean, "must be finite and >= 0");
        Mean = mean;
        if (mean == 0 || mean >= MaxTableMean) return;
        // P(X <= k) up to the k where the remaining tail is below 2^-40 (far below the 2^-32 resolution of a draw)
        var cdf = new List<double>();
        double p = Math.Exp(-mean), sum = 0;
        for (int k = 0; ; k++)
        {
            if (k > 0) p *= mean / k;
            sum += p;
            cdf.Add(sum);
            if (k > mean && 1 - sum < 9.094947017729282e-13) break;
        }
        cdf[^1] = 1; // the last entry takes what rounding left of the tail
        _cdf = cdf.ToArray();
        _padded = new double[(_cdf.Length + 3) / 4 * 4];
        Array.Fill(_padded, 1.0);
        _cdf.CopyTo(_padded, 0);
    }

    public double Mean { get; }

    /// <summary>Largest value a table draw can return (the tail beyond it has probability below 2^-40).</summary>
    public int MaxValue => _cdf is null ? int.MaxValue : _cdf.Length - 1;

    public long Next(RandomStream rng)
    {
        var cdf = _cdf;
        if (cdf is null) return Mean == 0 ? 0 : rng.NextPoisson(Mean);
        double u = (rng.NextUInt32() + 0.5) * (1.0 / 4294967296.0);
        return CountBelow(u);
    }

    /// <summary>
    /// The smallest k with u &lt;= P(X &lt;= k): since the CDF does not decrease, the number of entries below u
    /// (the padding, 1, is never below u &lt; 1). Counted with vector compares: a loop that stops at k mispredicts
    /// its exit on almost every draw, since k is random.
    /// </summary>
    private int CountBelow(double u)
    {
        var p = _padded!;
        ref double first = ref MemoryMarshal.GetArrayDataReference(p);
        var uu = Vector256.Create(u);
        int k = 0;
        for (int j = 0; j + 4 <= p.Length; j += 4)
            k += BitOperations.PopCount(Vector256.LessThan(Vector256.LoadUnsafe(ref first, (nuint)j), uu).ExtractMostSignificantBits());
        return k;
    }
}
