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
    /// <summary>
    /// Guide table: for the top 8 bits b of a draw's word, the first k with P(X &lt;= k) &gt;= b/256. Since u &gt;= b/256,
    /// the search can start there; it then takes no step or one for almost every draw (a search from 0 took about
    /// mean + 1 steps and mispredicted its exit on almost every draw).
    /// </summary>
    private readonly int[]? _guide;

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
        _guide = new int[256];
        for (int b = 0, k = 0; b < 256; b++)
        {
            while (_cdf[k] < b / 256.0) k++;
            _guide[b] = k;
        }
    }

    public double Mean { get; }

    /// <summary>Largest value a table draw can return (the tail beyond it has probability below 2^-40).</summary>
    public int MaxValue => _cdf is null ? int.MaxValue : _cdf.Length - 1;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public long Next(RandomStream rng)
    {
        var cdf = _cdf;
        if (cdf is null) return Mean == 0 ? 0 : rng.NextPoisson(Mean);
        return FromWord(cdf, rng.NextUInt32());
    }

    /// <summary>
    /// The table's P(X &lt;= k), k = 0.. (empty unless IsTable): nondecreasing, the last entry 1, so the draw of a word is
    /// the number of entries below its u = (word + 0.5) 2^-32, which a caller may count for many words at once (the
    /// guide only tells where the search may start; the smallest k with P(X &lt;= k) &gt;= u is that count).
    /// </summary>
    public ReadOnlySpan<double> Cdf => _cdf;

    /// <summary>Whether a draw is one 32-bit word (<see cref="FromWord(uint)"/>): 0 &lt; mean &lt; MaxTableMean.</summary>
    public bool IsTable => _cdf != null;

    /// <summary>The draw from its word (what <see cref="Next"/> gives when the stream's next word is this one); needs IsTable.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public long FromWord(uint word) => FromWord(_cdf ?? throw new InvalidOperationException($"Poisson({Mean}) is not drawn from a table"), word);

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private long FromWord(double[] cdf, uint word)
    {
        double u = (word + 0.5) * (1.0 / 4294967296.0);
        int k = _guide![word >> 24];
        // the first step without a branch (taken or not at random: a mispredicted exit), further ones (the far tail) rarely
        k += u > cdf[k] ? 1 : 0;
        while (u > cdf[k]) k++; // cdf[^1] = 1 > u: the loop ends inside the table
        return k;
    }
}
