using System.Globalization;
using AgentSpines.Core;

namespace AgentSpines.Cluster.Sweeps;

/// <summary>
/// A static slice <c>i/N</c> of a sweep for batch schedulers: slice i takes the jobs whose canonical index is
/// congruent to i modulo N (round robin, so every slice gets a mix of regimes and replicates).
/// </summary>
public readonly record struct ShardSpec(int Index, int Count)
{
    public static ShardSpec Parse(string text)
    {
        int slash = text.IndexOf('/');
        if (slash <= 0 || !int.TryParse(text.AsSpan(0, slash), NumberStyles.None, CultureInfo.InvariantCulture, out int i)
            || !int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int n) || n < 1 || i >= n)
            throw new AgentSpinesInputException($"--shard '{text}' is not allowed: use i/N with 0 <= i < N (e.g. 0/4)");
        return new ShardSpec(i, n);
    }

    public bool Contains(SweepJob job) => job.Index % Count == Index;

    public IReadOnlyList<SweepJob> Select(IReadOnlyList<SweepJob> jobs) => jobs.Where(Contains).ToArray();

    public override string ToString() => $"{Index}/{Count}";
}
