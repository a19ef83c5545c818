using System.Globalization;
using AgentSpines.Plasticity.Calibration;
using AgentSpines.Plasticity.Population;

namespace AgentSpines.Cli.Commands;

/// <summary>
/// agentspines calibrate [--joint FILE] [--replicates N] [--spines N] [--evaluations N] [--no-fit]: fits the shared
/// cascade parameters to the targets of every drug at once (default FILE configs/targets/cascade.json).
/// agentspines calibrate CONFIG --targets FILE [--replicates N] [--spines N] [--evaluations N] [--no-fit] [overrides]
/// Prints the residual table of the config as it is, then (unless --no-fit) fits the targets file's free
/// parameters with Nelder-Mead and prints the fitted values and the residual table at the optimum.
/// </summary>
public static class CalibrateCommand
{
    public static int Run(string[] args)
    {
        var a = new CommandArgs(args, new HashSet<string> { "no-fit" });
        if (a.Positionals.Count == 0) return RunJoint(a);
        string config = a.Positional(0, "CONFIG");
        string targetsFile = a.String("targets") ?? throw new UsageException("calibrate needs --targets FILE");
        int replicates = a.Int("replicates", 1, 1000) ?? 8;
        int spines = a.Int("spines", 100, 10_000_000) ?? 2000;
        int evaluations = a.Int("evaluations", 1, 10000) ?? 40;
        bool fit = !a.Flag("no-fit");
        a.RejectUnknown();

        var targets = CalibrationTargets.Load(targetsFile);
        var cfg = ExperimentConfig.Load(config, a.ConfigOverrides); // validates the config before any run
        var configuration = AgentSpines.Core.Configuration.ConfigSources.Build(config, a.ConfigOverrides, includeEnvironment: false);
        var calibrator = new Calibrator(config, targets, replicates, spines, a.ConfigOverrides);

        Console.WriteLine($"calibrate {cfg.Regime.Name}: {targets.Targets.Count} targets, {targets.Parameters.Count} free parameters, {replicates} replicates of >= {spines} spines");
        var before = calibrator.Evaluate(Array.Empty<string>());
        Console.WriteLine("residuals of the config as given (z = (simulated - target) / tolerance; * = outside tolerance):");
        Console.Write(Calibrator.Table(before));
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "objective sum z^2 = {0:F2}", Calibrator.Objective(before)));
        if (!fit || targets.Parameters.Count == 0) return 0;

        double? Current(string key) => double.TryParse(configuration[key], NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : null;
        var result = calibrator.Fit(evaluations, Current);
        Console.WriteLine();
        Console.WriteLine($"fitted after {result.Evaluations} runs:");
        foreach (var (key, value) in result.Parameters) Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "  {0} = {1:G5}", key, value));
        Console.Write(Calibrator.Table(result.Residuals));
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "objective sum z^2 = {0:F2}", result.Objective));
        return 0;
    }

    private static int RunJoint(CommandArgs a)
    {
        string file = a.String("joint") ?? Path.Combine("configs", "targets", "cascade.json");
        int replicates = a.Int("replicates", 1, 1000) ?? 4;
        int spines = a.Int("spines", 100, 10_000_000) ?? 1000;
        int evaluations = a.Int("evaluations", 1, 10000) ?? 40;
        bool fit = !a.Flag("no-fit");
        a.RejectUnknown();
        var (studies, parameters) = JointTargets.Load(file);
        foreach (var s in studies) ExperimentConfig.Load(s.ConfigPath, s.Overrides.Concat(a.ConfigOverrides)); // validate all before any run
        var calibrator = new Calibrator(studies.Select(s => s with { Overrides = s.Overrides.Concat(a.ConfigOverrides).ToList() }).ToList(), parameters, replicates, spines);
        Console.WriteLine($"calibrate (joint, shared cascade): {studies.Count} studies, {studies.Sum(s => s.Targets.Targets.Count)} targets, {parameters.Count} free cascade parameters, {replicates} replicates of >= {spines} spines");
        var before = calibrator.Evaluate(Array.Empty<string>());
        Console.Write(Calibrator.Table(before));
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "objective sum z^2 = {0:F2}", Calibrator.Objective(before)));
        if (!fit || parameters.Count == 0) return 0;
        var defaults = new AgentSpines.Plasticity.Options.CascadeOptions();
        double? Current(string key)
        {
            var p = typeof(AgentSpines.Plasticity.Options.CascadeOptions).GetProperty(key["Cascade:".Length..]);
            return p?.GetValue(defaults) is double d ? d : null;
        }
        var result = calibrator.Fit(evaluations, Current);
        Console.WriteLine();
        Console.WriteLine($"fitted after {result.Evaluations} runs (put these in CascadeOptions defaults):");
        foreach (var (key, value) in result.Parameters) Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "  {0} = {1:G5}", key, value));
        Console.Write(Calibrator.Table(result.Residuals));
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "objective sum z^2 = {0:F2}", result.Objective));
        return 0;
    }
}
