using AgentSpines.Cluster.Sweeps;

namespace AgentSpines.Cluster.Tests;

public sealed class JobEnumerationTests : IDisposable
{
    private readonly TestSweeps _t = new();

    public void Dispose() => _t.Dispose();

    [Fact]
    public void Jobs_are_regimes_by_points_by_replicates_by_blocks_in_canonical_order()
    {
        var plan = _t.Plan(_t.Write("enum", replicates: 3, blocks: 2));
        Assert.Equal(2 * 2 * 3 * 2, plan.Jobs.Count);
        Assert.Equal(Enumerable.Range(0, plan.Jobs.Count), plan.Jobs.Select(j => j.Index));
        Assert.Equal("alpha.p000.r0000-b0000of0002", plan.Jobs[0].Key);
        Assert.Equal("alpha.p000.r0000-b0001of0002", plan.Jobs[1].Key);
        Assert.Equal("alpha.p000.r0001-b0000of0002", plan.Jobs[2].Key);
        Assert.Equal("alpha.p001.r0000-b0000of0002", plan.Jobs[6].Key);
        Assert.Equal("beta.p000.r0000-b0000of0002", plan.Jobs[12].Key);
        Assert.Equal(plan.Jobs.Count, plan.Jobs.Select(j => j.Key).Distinct().Count());
        Assert.All(plan.Jobs, j => Assert.Equal(j.Point, j.PointLevel));
        Assert.Contains("\"Rows\":50", plan.Jobs[6].Job.ConfigJson); // the grid point's override is applied
    }

    [Fact]
    public void Enumeration_and_sweep_id_are_deterministic_and_follow_the_configs()
    {
        string file = _t.Write("det");
        var a = _t.Plan(file);
        var b = _t.Plan(file);
        Assert.Equal(a.SweepId, b.SweepId);
        Assert.Equal(a.Jobs.Select(j => (j.Key, j.Job.ConfigJson)), b.Jobs.Select(j => (j.Key, j.Job.ConfigJson)));
        Assert.Equal(a.ManifestConfigJson, b.ManifestConfigJson);
        var c = _t.Plan(_t.Write("det", rows: 301));
        Assert.NotEqual(a.SweepId, c.SweepId);
    }

    [Fact]
    public void A_single_point_sweep_adds_no_point_level()
    {
        var plan = _t.Plan(_t.Write("single", grid: false));
        Assert.All(plan.Jobs, j => Assert.Null(j.PointLevel));
    }

    [Fact]
    public void Regimes_layer_on_a_base_and_dendrites_per_block_sets_the_block_count()
    {
        File.WriteAllText(_t.Path("alpha.json"), """{ "Regime": { "Name": "alpha" }, "Synthetic": { "Rows": 7 } }""");
        File.WriteAllText(_t.Path("s.json"), """
            { "Name": "layered", "Engine": "synthetic", "Base": { "Run": { "Seed": 99 }, "Synthetic": { "Rows": 1, "Steps": 2 } },
              "Regimes": ["alpha.json"], "BlockCount": 3 }
            """);
        var plan = _t.Plan(_t.Path("s.json"));
        Assert.Equal(3, plan.Jobs.Count);
        string cfg = plan.Jobs[0].Job.ConfigJson;
        Assert.Contains("\"Seed\":99", cfg);
        Assert.Contains("\"Rows\":7", cfg);
        Assert.Contains("\"Steps\":2", cfg);
        Assert.Equal(99UL, plan.Seed);
    }

    [Fact]
    public void Without_a_sweep_replicate_count_each_config_keeps_its_own()
    {
        File.WriteAllText(_t.Path("alpha.json"), """{ "Regime": { "Name": "alpha" }, "Run": { "Replicates": 3 } }""");
        File.WriteAllText(_t.Path("beta.json"), """{ "Regime": { "Name": "beta" } }""");
        File.WriteAllText(_t.Path("s.json"), """{ "Name": "own", "Engine": "synthetic", "Regimes": ["alpha.json", "beta.json"] }""");
        var plan = _t.Plan(_t.Path("s.json"));
        Assert.Equal(3, plan.Jobs.Count(j => j.Regime == "alpha"));
        Assert.Equal(1, plan.Jobs.Count(j => j.Regime == "beta"));
    }
}
