using AgentSpines.Core.Configuration;

namespace AgentSpines.Core.Tests.Configuration;

public class StrictBinderTests
{
    public enum Shape { Sphere, Cylinder }

    public sealed class Inner : IValidatable
    {
        public double RadiusUm { get; set; } = 0.25;
        public void Validate(ConfigValidator v) => v.Range(RadiusUm, 0.01, 5);
    }

    public sealed class Root : IValidatable
    {
        public int Count { get; set; } = 3;
        public double StepHours { get; set; } = 1;
        public ulong Seed { get; set; } = 7;
        public bool Enabled { get; set; }
        public Shape Shape { get; set; }
        public string Name { get; set; } = "x";
        public Inner Head { get; set; } = new();
        public List<double> Days { get; set; } = new() { 1, 2 };
        public List<Inner> Items { get; set; } = new();
        public Dictionary<string, double> Weights { get; set; } = new();

        public void Validate(ConfigValidator v)
        {
            v.Positive(StepHours);
            v.Require(Count <= 10, nameof(Count), Count, "at most 10");
        }
    }

    private static Root Bind(string json, params string[] overrides)
    {
        string f = Path.Combine(TestTemp.Root, Guid.NewGuid() + ".json");
        File.WriteAllText(f, json);
        try { return StrictBinder.Bind<Root>(ConfigSources.Build(f, overrides, includeEnvironment: false)); }
        finally { File.Delete(f); }
    }

    [Fact]
    public void BindsEveryKindOfValue()
    {
        var r = Bind("""
            // comments are allowed in config files
            { "Count": 5, "StepHours": 0.5, "Seed": 18446744073709551615, "Enabled": true, "Shape": "cylinder", "Name": "a",
              "Head": { "RadiusUm": 0.3 }, "Days": [3, 4, 5], "Items": [ { "RadiusUm": 1 } ], "Weights": { "a": 2 } }
            """);
        Assert.Equal(5, r.Count);
        Assert.Equal(0.5, r.StepHours);
        Assert.Equal(ulong.MaxValue, r.Seed);
        Assert.True(r.Enabled);
        Assert.Equal(Shape.Cylinder, r.Shape);
        Assert.Equal(0.3, r.Head.RadiusUm);
        Assert.Equal(new[] { 3.0, 4, 5 }, r.Days);
        Assert.Equal(1.0, Assert.Single(r.Items).RadiusUm);
        Assert.Equal(2.0, r.Weights["a"]);
    }

    [Fact]
    public void DefaultsStayWhenNotMentioned()
    {
        var r = Bind("{}");
        Assert.Equal(3, r.Count);
        Assert.Equal(0.25, r.Head.RadiusUm);
    }

    [Fact]
    public void OverridesWinOverTheFile()
    {
        var r = Bind("""{ "Count": 5, "Head": { "RadiusUm": 0.3 } }""", "--Count=6", "--Head:RadiusUm=0.4");
        Assert.Equal(6, r.Count);
        Assert.Equal(0.4, r.Head.RadiusUm);
    }

    [Fact]
    public void EnvironmentSitsBetweenFileAndArguments()
    {
        string f = Path.Combine(TestTemp.Root, Guid.NewGuid() + ".json");
        File.WriteAllText(f, """{ "Name": "file" }""");
        Environment.SetEnvironmentVariable("AGENTSPINES__Name", "env");
        try
        {
            Assert.Equal("env", StrictBinder.Bind<Root>(ConfigSources.Build(f, [])).Name);
            Assert.Equal("arg", StrictBinder.Bind<Root>(ConfigSources.Build(f, ["--Name=arg"])).Name);
        }
        finally
        {
            Environment.SetEnvironmentVariable("AGENTSPINES__Name", null);
            File.Delete(f);
        }
    }

    [Theory]
    [InlineData("""{ "Cuont": 5 }""", "Cuont", "unknown config key 'Cuont'")]
    [InlineData("""{ "Head": { "Radius": 1 } }""", "Head:Radius", "unknown config key 'Head:Radius'")]
    [InlineData("""{ "count": 5 }""", "count", "keys are case-sensitive; did you mean 'Count'?")]
    [InlineData("""{ "Head": { "RadiusUM": 1 } }""", "Head:RadiusUM", "did you mean 'Head:RadiusUm'?")]
    [InlineData("""{ "Count": "five" }""", "Count", "'five' is not allowed: an integer")]
    [InlineData("""{ "StepHours": "abc" }""", "StepHours", "'abc' is not allowed: a finite number")]
    [InlineData("""{ "StepHours": -1 }""", "StepHours", "'-1' is not allowed: a finite number > 0")]
    [InlineData("""{ "Count": 11 }""", "Count", "'11' is not allowed: at most 10")]
    [InlineData("""{ "Head": { "RadiusUm": 9 } }""", "Head:RadiusUm", "a number in [0.01, 5]")]
    [InlineData("""{ "Items": [ { "RadiusUm": 0 } ] }""", "Items:0:RadiusUm", "a number in [0.01, 5]")]
    [InlineData("""{ "Shape": "cube" }""", "Shape", "one of Sphere, Cylinder")]
    [InlineData("""{ "Enabled": "maybe" }""", "Enabled", "true or false")]
    [InlineData("""{ "Head": 3 }""", "Head", "must be a section")]
    [InlineData("""{ "Count": { "a": 1 } }""", "Count", "must be a single value")]
    [InlineData("""{ "Seed": -1 }""", "Seed", "a non-negative integer")]
    public void BadValuesNameTheKey(string json, string key, string fragment)
    {
        var e = Assert.Throws<ConfigException>(() => Bind(json));
        Assert.Equal(key, e.Key);
        Assert.Contains(fragment, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void MissingFileIsNamed()
    {
        var e = Assert.Throws<ConfigException>(() => ConfigSources.Build("/no/such/config.json", []));
        Assert.Contains("/no/such/config.json", e.Message);
    }

    [Fact]
    public void MalformedJsonGivesFileAndLine()
    {
        string f = Path.Combine(TestTemp.Root, Guid.NewGuid() + ".json");
        File.WriteAllText(f, "{\n  \"Count\": 5,\n  \"Name\": \n}");
        try
        {
            var e = Assert.Throws<ConfigException>(() => ConfigSources.Build(f, []));
            Assert.Contains(f, e.Message);
            Assert.Contains("line 4", e.Message);
        }
        finally { File.Delete(f); }
    }

    [Fact]
    public void MalformedOverrideIsRefused()
    {
        var e = Assert.Throws<ConfigException>(() => ConfigSources.Build(null, ["Count=3"]));
        Assert.Contains("--Section:Key=value", e.Message);
    }

    [Fact]
    public void JsonNullKeepsTheDefault()
    {
        var r = Bind("""{ "Head": null }""");
        Assert.Equal(0.25, r.Head.RadiusUm);
    }
}
