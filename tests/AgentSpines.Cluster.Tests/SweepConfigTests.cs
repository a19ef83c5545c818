using AgentSpines.Cluster.Sweeps;
using AgentSpines.Core.Configuration;

namespace AgentSpines.Cluster.Tests;

public sealed class SweepConfigTests : IDisposable
{
    private readonly TestSweeps _t = new();

    public void Dispose() => _t.Dispose();

    private ConfigException Fails(string json)
    {
        File.WriteAllText(_t.Path("alpha.json"), "{}");
        string file = _t.Path("bad.json");
        File.WriteAllText(file, json);
        var e = Assert.Throws<ConfigException>(() => SweepConfigLoader.Load(file));
        Assert.DoesNotContain('\n', e.Message);
        return e;
    }

    [Fact]
    public void Parses_a_valid_sweep_with_paths_relative_to_the_sweep_file()
    {
        var cfg = SweepConfigLoader.Load(_t.Write("ok"));
        Assert.Equal("ok", cfg.Name);
        Assert.Equal("synthetic", cfg.Engine);
        Assert.Equal([_t.Path("alpha.json"), _t.Path("beta.json")], cfg.Regimes);
        Assert.Equal(2, cfg.Grid.Count);
        Assert.Equal(2, cfg.Replicates);
        Assert.Equal(2, cfg.BlockCount);
    }

    [Theory]
    [InlineData("""{ "Name": "x", "Regimes": ["alpha.json"], "Replicate": 2 }""", "Replicate")]
    [InlineData("""{ "Name": "x", "Regimes": ["alpha.json"], "Replicates": 0 }""", "Replicates")]
    [InlineData("""{ "Name": "x", "Regimes": ["alpha.json"], "Replicates": "2" }""", "Replicates")]
    [InlineData("""{ "Name": "x", "Regimes": ["missing.json"] }""", "Regimes:0")]
    [InlineData("""{ "Name": "x" }""", "Regimes")]
    [InlineData("""{ "Regimes": ["alpha.json"] }""", "Name")]
    [InlineData("""{ "Name": "a b", "Regimes": ["alpha.json"] }""", "Name")]
    [InlineData("""{ "Name": "x", "Regimes": ["alpha.json"], "Engine": "akka" }""", "Engine")]
    [InlineData("""{ "Name": "x", "Regimes": ["alpha.json"], "Grid": [["Run:Seed=3"]] }""", "Grid:0:0")]
    [InlineData("""{ "Name": "x", "Regimes": ["alpha.json"], "Grid": [[], []] }""", "Grid:1")]
    [InlineData("""{ "Name": "x", "Regimes": ["alpha.json"], "Overrides": "--Run:Seed=3" }""", "Overrides")]
    [InlineData("""{ "Name": "x", "Regimes": ["alpha.json"], "BlockCount": 2, "DendritesPerBlock": 3 }""", "DendritesPerBlock")]
    [InlineData("""{ "Name": "x", "Regimes": ["alpha.json"], "BlockCount": 0 }""", "BlockCount")]
    [InlineData("""{ "Name": "x", "Regimes": ["alpha.json", "alpha.json"] }""", "Regimes:1")]
    [InlineData("""{ "Name": "x", "Base": 3 }""", "Base")]
    [InlineData("""{ "Name": "x", "Regimes": ["alpha.json"], "Broker": "http://h/" }""", "broker")]
    public void Rejects_bad_input_with_one_line_naming_the_key(string json, string key)
    {
        var e = Fails(json);
        Assert.Equal(key, e.Key);
        Assert.Contains(key, e.Message);
    }

    [Fact]
    public void Invalid_json_names_the_file_and_line()
    {
        var e = Fails("{ \"Name\": \"x\",\n \"Regimes\": [ }");
        Assert.Contains("line 2", e.Message);
    }

    [Fact]
    public void A_bad_broker_uri_in_the_sweep_is_shown_masked()
    {
        var e = Fails("""{ "Name": "x", "Regimes": ["alpha.json"], "Broker": "http://user:s3cret@h/" }""");
        Assert.DoesNotContain("s3cret", e.Message);
    }

    [Fact]
    public void A_bad_value_in_a_regime_config_names_the_regime_and_the_key()
    {
        File.WriteAllText(_t.Path("alpha.json"), """{ "Synthetic": { "Rows": -4 } }""");
        File.WriteAllText(_t.Path("s.json"), """{ "Name": "x", "Engine": "synthetic", "Regimes": ["alpha.json"] }""");
        var e = Assert.Throws<ConfigException>(() => _t.Plan(_t.Path("s.json")));
        Assert.Equal("Synthetic:Rows", e.Key);
        Assert.Contains("regime 'alpha'", e.Message);
    }

    [Fact]
    public void The_simulation_engine_resolves_real_configs_and_splits_dendrites_into_blocks()
    {
        string repo = Faults.CliLocator.RepoRoot();
        File.WriteAllText(_t.Path("s.json"), $$"""
            { "Name": "real", "Regimes": ["{{Path.Combine(repo, "configs", "baseline.json")}}"], "Replicates": 3, "DendritesPerBlock": 5,
              "Overrides": ["--Run:DurationDays=2"] }
            """);
        var plan = _t.Plan(_t.Path("s.json"));
        Assert.Equal(3 * 4, plan.Jobs.Count); // baseline has 20 dendrites: 4 blocks of 5
        Assert.All(plan.Jobs, j => Assert.Equal(4, j.Job.BlockCount));
        Assert.Equal("baseline.p000.r0002-b0003of0004", plan.Jobs[^1].Key);
    }
}
