using AgentSpines.Core.Configuration;
using AgentSpines.Physics.Transport;

namespace AgentSpines.Physics.Tests.Transport;

public sealed class ConfigTests
{
    /// <summary>configs/transport of the repository this test file is in (the binaries may be built elsewhere).</summary>
    private static string ConfigDir([System.Runtime.CompilerServices.CallerFilePath] string source = "")
    {
        var dir = new DirectoryInfo(Path.GetDirectoryName(source)!);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "AgentSpines.sln"))) dir = dir.Parent;
        return Path.Combine(dir?.FullName ?? throw new DirectoryNotFoundException("AgentSpines.sln not found above the test sources"), "configs", "transport");
    }

    private static TransportOptions Load(string file, params string[] overrides)
        => TransportRun.Bind(ConfigSources.Build(Path.Combine(ConfigDir(), file), overrides, includeEnvironment: false));

    public static TheoryData<string, string> Cases() => new()
    {
        { "markovian.json", ResolvedConfig.ToJson(TransportCases.Markovian()) },
        { "reaction.json", ResolvedConfig.ToJson(TransportCases.Reaction()) },
        { "anomalous_mu0.3.json", ResolvedConfig.ToJson(TransportCases.Anomalous(0.3)) },
        { "anomalous_mu0.5.json", ResolvedConfig.ToJson(TransportCases.Anomalous(0.5)) },
        { "anomalous_mu0.7.json", ResolvedConfig.ToJson(TransportCases.Anomalous(0.7)) },
        { "drift.json", ResolvedConfig.ToJson(TransportCases.Drift()) },
        { "fig2_mittag_leffler.json", ResolvedConfig.ToJson(TransportCases.Fig2(DwellKernel.MittagLeffler)) },
        { "fig2_gamma.json", ResolvedConfig.ToJson(TransportCases.Fig2(DwellKernel.Gamma)) },
        { "fig2_exponential.json", ResolvedConfig.ToJson(TransportCases.Fig2(DwellKernel.Exponential)) },
        { "fig2.json", ResolvedConfig.ToJson(TransportCases.Fig2AllKernels()) },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ConfigFilesHoldTheValidationCases(string file, string expectedJson)
        => Assert.Equal(expectedJson, ResolvedConfig.ToJson(Load(file)));

    [Fact]
    public void TwoSpeciesExampleBindsAndRuns()
    {
        var o = Load("two_species.json", "--Transport:DurationMs=2000", "--Transport:SampleCount=4");
        Assert.Equal(2, o.Species.Count);
        var t = TransportRun.Run(o, 7);
        Assert.NotNull(t.Exposure);
        Assert.Equal(4 * o.Dendrite.SpineCount * 2, t.Exposure!.Spine.Count);
        Assert.True(t.Exposure.Arrivals.Sum() > 0);
    }

    [Fact]
    public void OverridesChangeAnyParameter()
    {
        var o = Load("fig2.json", "--Transport:Species:0:Dwell:Mu=0.4", "--Transport:DurationMs=5");
        Assert.Equal(0.4, o.Species[0].Dwell.Mu);
        Assert.Equal(5, o.DurationMs);
    }

    [Theory]
    [InlineData("--Transport:Species:0:Dwell:Mu=1.5", "Transport:Species:0:Dwell:Mu")]
    [InlineData("--Transport:Species:0:Dwell:Kernal=Gamma", "Transport:Species:0:Dwell:Kernal")]
    [InlineData("--Transport:Species:0:DiffusionUm2PerMs=-1", "Transport:Species:0:DiffusionUm2PerMs")]
    [InlineData("--Transport:Dendrite:End=sticky", "Transport:Dendrite:End")]
    [InlineData("--Transport:Species:0:Initial:PositionUm=5000", "Transport:Species:0:Initial:PositionUm")]
    public void BadValuesFailWithTheKeyNamed(string overrideArg, string key)
    {
        var e = Assert.Throws<ConfigException>(() => Load("fig2.json", overrideArg));
        Assert.Contains(key, e.Message);
    }

    [Fact]
    public void KernelNamesAcceptTheDocumentedSpellings()
    {
        Assert.Equal(DwellKernel.MittagLeffler, Load("fig2.json", "--Transport:Species:1:Dwell:Kernel=mittag-leffler").Species[1].Dwell.Kernel);
        Assert.Equal(DwellKernel.Pareto, Load("fig2.json", "--Transport:Species:1:Dwell:Kernel=pareto").Species[1].Dwell.Kernel);
    }
}
