using System.Globalization;
using AgentSpines.Plasticity.Imaging;
using AgentSpines.Plasticity.Model;
using AgentSpines.Plasticity.Population;

namespace AgentSpines.Plasticity.Experiments;

/// <summary>Runs a config (drug and vehicle arms, plain PopulationDriver) with imaging sessions at the given days.</summary>
public static class DrugExperiment
{
    /// <summary>Runs with sessions at exactly these days (the run is lengthened to reach the last one).</summary>
    public static ImagingSummary Run(string configPath, IEnumerable<string> overrides, IReadOnlyList<double>? sessionDays, int replicates, int spines)
    {
        var cfg = ExperimentConfig.Load(configPath, overrides);
        if (sessionDays != null) cfg.Imaging.SessionDays = sessionDays.Distinct().OrderBy(d => d).ToList();
        var spec = (cfg.Spec with { Replicates = replicates }).WithAtLeastSpines(spines, cfg.Plasticity.DensityPerUm);
        double needed = cfg.Regime.ReferenceDay + cfg.Imaging.SessionDays[^1] + 0.05;
        spec = spec with { DurationDays = Math.Max(spec.DurationDays, needed) };
        var model = new PlasticityModel(cfg.Plasticity, spec.StepHours);
        return new ImagingSummary(new PopulationDriver(model, cfg.MakeRegime(spec.StepHours), cfg.Imaging).Run(spec));
    }
}
