using AgentSpines.Plasticity.Model;
using AgentSpines.Plasticity.Population;
using AgentSpines.Plasticity.Regime;
using AgentSpines.Plasticity.State;

namespace AgentSpines.Plasticity.Tests.Cycle;

/// <summary>
/// Runs a NAc cocaine config on the plain driver and reads the cycle's observables per arm: density relative to the
/// vehicle arm on a day, and the silent-synapse fraction at an hour. Days are relative to the config's day 0.
/// </summary>
public sealed class CycleRun
{
    public ExperimentResult Result { get; }
    public double ReferenceDay { get; }
    public double StepH { get; }
    public DrugRegime Regime { get; }

    /// <summary>The drug arm's environment at the start of day (relative to day 0) plus hours.</summary>
    public StepEnvironment DrugEnvironment(double day, double hoursAfter = 0) => Regime.ForAnimal(Arm.Drug).At((ReferenceDay + day) * 24 + hoursAfter);

    public CycleRun(string config, int replicates, IEnumerable<string>? overrides = null, int spines = 2000)
    {
        var cfg = TestSupport.Load(config, overrides);
        var spec = (cfg.Spec with { Replicates = replicates }).WithAtLeastSpines(spines, cfg.Plasticity.DensityPerUm);
        var model = new PlasticityModel(cfg.Plasticity, spec.StepHours);
        Result = new PopulationDriver(model, cfg.MakeRegime(spec.StepHours), cfg.Imaging).Run(spec);
        ReferenceDay = cfg.Regime.ReferenceDay;
        Regime = cfg.MakeRegime(spec.StepHours);
        StepH = spec.StepHours;
    }

    /// <summary>Per replicate: drug density / vehicle density - 1 (percent) at the start of day (relative to day 0).</summary>
    public double[] DensityChangePct(double day)
    {
        int i = (int)Math.Round(ReferenceDay + day);
        var drug = Result.ArmRuns(Arm.Drug).Select(r => r.DailyDensityPerUm[i]).ToArray();
        var veh = Result.ArmRuns(Arm.Vehicle).Select(r => r.DailyDensityPerUm[i]).ToArray();
        return drug.Zip(veh, (d, v) => 100 * (d / v - 1)).ToArray();
    }

    /// <summary>Per replicate: percent of spines with silent synapses at hour h after the start of day (relative to day 0).</summary>
    public double[] SilentPct(Arm arm, double day, double hoursAfter = 0)
    {
        int k = (int)Math.Round(((ReferenceDay + day) * 24 + hoursAfter) / StepH);
        return Result.ArmRuns(arm).Select(r => 100 * r.SilentFractionByStep[k]).ToArray();
    }

    /// <summary>Per replicate: percent silent once calcium-permeable AMPARs are blocked (naspm): silent + labile.</summary>
    public double[] SilentWithNaspmPct(Arm arm, double day, double hoursAfter = 0)
    {
        int k = (int)Math.Round(((ReferenceDay + day) * 24 + hoursAfter) / StepH);
        return Result.ArmRuns(arm).Select(r => 100 * (r.SilentFractionByStep[k] + r.LabileFractionByStep[k])).ToArray();
    }

    public static double Mean(double[] x) => x.Average();
    public static double Sem(double[] x)
    {
        double m = x.Average();
        return Math.Sqrt(x.Sum(v => (v - m) * (v - m)) / (x.Length - 1) / x.Length);
    }
    public static string Fmt(double[] x) => $"{Mean(x):F1} +/- {Sem(x):F1}";
}
