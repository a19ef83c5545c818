using AgentSpines.Cluster.Sweeps;
using AgentSpines.Core;

namespace AgentSpines.Cluster.Tests;

public sealed class ShardingTests : IDisposable
{
    private readonly TestSweeps _t = new();

    public void Dispose() => _t.Dispose();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(24)]
    [InlineData(31)]
    public void Slices_cover_every_job_exactly_once(int n)
    {
        var plan = _t.Plan(_t.Write("shard", replicates: 3, blocks: 2));
        var counts = new Dictionary<string, int>();
        for (int i = 0; i < n; i++)
            foreach (var j in new ShardSpec(i, n).Select(plan.Jobs)) counts[j.Key] = counts.GetValueOrDefault(j.Key) + 1;
        Assert.Equal(plan.Jobs.Count, counts.Count);
        Assert.All(counts.Values, c => Assert.Equal(1, c));
        // balanced: slice sizes differ by at most one
        var sizes = Enumerable.Range(0, n).Select(i => new ShardSpec(i, n).Select(plan.Jobs).Count).ToArray();
        Assert.True(sizes.Max() - sizes.Min() <= 1);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("2/2")]
    [InlineData("-1/2")]
    [InlineData("0/0")]
    [InlineData("a/b")]
    [InlineData("1/2/3")]
    public void Bad_shard_specs_are_input_errors(string text)
    {
        var e = Assert.Throws<AgentSpinesInputException>(() => ShardSpec.Parse(text));
        Assert.Contains("--shard", e.Message);
    }
}
