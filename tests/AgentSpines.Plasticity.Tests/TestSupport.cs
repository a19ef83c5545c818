using AgentSpines.Plasticity.Imaging;
using AgentSpines.Plasticity.Model;
using AgentSpines.Plasticity.Population;
using AgentSpines.Plasticity.Regime;

namespace AgentSpines.Plasticity.Tests;

/// <summary>Finds the repository and runs a config with the sizes the issue asks for (20 replicates, >= 2,000 spines).</summary>
public static class TestSupport
{
    public static string RepoRoot
    {
        get
        {
            var dir = new DirectoryInfo(Path.GetDirectoryName(ThisFile())!);
            while (dir != null && !File.Exists(Path.Combine(dir.FullName, "AgentSpines.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
        }
    }

    private static string ThisFile([System.Runtime.CompilerServices.CallerFilePath] string path = "") => path;

    public static string Config(string name) => Path.Combine(RepoRoot, "configs", name);

    public static ExperimentConfig Load(string name, IEnumerable<string>? overrides = null) => ExperimentConfig.Load(Config(name), overrides);

    public static (ImagingSummary Summary, ExperimentResult Result) Run(string configName, int replicates = 20, int spines = 2000, Func<PopulationSpec, PopulationSpec>? adjust = null, IEnumerable<string>? overrides = null)
    {
        var cfg = Load(configName, overrides);
        var spec = cfg.Spec with { Replicates = replicates };
        spec = spec.WithAtLeastSpines(spines, cfg.Plasticity.DensityPerUm);
        if (adjust != null) spec = adjust(spec);
        var model = new PlasticityModel(cfg.Plasticity, spec.StepHours);
        var driver = new PopulationDriver(model, cfg.MakeRegime(spec.StepHours), cfg.Imaging);
        var result = driver.Run(spec);
        return (new ImagingSummary(result), result);
    }
}
