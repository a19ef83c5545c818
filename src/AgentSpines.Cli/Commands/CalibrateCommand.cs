using System.CommandLine;
using AgentSpines.Cli.CommandLine;
using System.Globalization;
using AgentSpines.Plasticity.Calibration;
using AgentSpines.Plasticity.Population;

namespace AgentSpines.Cli.Commands;

/// <summary>
/// agentspines calibrate [--joint FILE] [--replicates N] [--spines N] [--evaluations N] [--no-fit] [overrides]: fits the
/// shared cascade parameters to the targets of every drug at once (default FILE configs/targets/cascade.json).
/// agentspines calibrate CONFIG --targets FILE [--replicates N] [--spines N] [--evaluations N] [--no-fit] [overrides]
/// Prints the residual table of the config as it is, then (unless --no-fit) fits the targets file's free
/// parameters with Nelder-Mead and prints the fitted values and the residual table at the optimum.
/// </summary>
public sealed class CalibrateCommand : ICliCommand
{
    private static readonly Argument<string?> ConfigFile = new("CONFIG") { Description = "one regime's JSON configuration (omit for the joint fit of the shared cascade)", Arity = ArgumentArity.ZeroOrOne };
    private static readonly Option<string?> Targets = Options.Text("--targets", "FILE", "published targets and free parameters of CONFIG (configs/targets/*.json)");
    private static readonly Option<string> Joint = Options.Text("--joint", "FILE", "studies and shared Cascade:* parameters of the joint fit", Path.Combine("configs", "targets", "cascade.json"));
    private static readonly Option<int> Replicates = Options.Int("--replicates", "replicates per evaluation", 1, 1000, 4);
    private static readonly Option<int> Spines = Options.Int("--spines", "spines per replicate (at least)", 100, 10_000_000, 1000);
    private static readonly Option<int> Evaluations = Options.Int("--evaluations", "Nelder-Mead evaluations", 1, 10000, 40);
    private static readonly Option<bool> NoFit = Options.Flag("--no-fit", "only print the residual table of the config as it is");

    public AgentCommand Create() => new("calibrate", "fit the shared signalling-cascade parameters to every drug's targets at once (or one CONFIG to its --targets)", Run, takesConfigOverrides: true)
    {
        ConfigFile, Targets, Joint, Replicates, Spines, Evaluations, NoFit,
    };

    private static int Run(CommandInput a)
    {
        string? config = a.Get(ConfigFile);
        if (config is null) return RunJoint(a);
        string targetsFile = a.Get(Targets) ?? throw new UsageException("calibrate CONFIG needs --targets FILE (or omit CONFIG for the joint fit of the shared cascade)");
        int replicates = a.Get(Replicates);
        int spines = a.Get(Spines);
        int evaluations = a.Get(Evaluations);
        bool fit = !a.Get(NoFit);

        var targets = CalibrationTargets.Load(targetsFile);
        var cfg = ExperimentConfig.Load(config, a.ConfigOverrides); // validates the config before any run
        var configuration = AgentSpines.Core.Configuration.ConfigSources.Build(config, a.ConfigOverrides, includeEnvironment: false);
        var calibrator = new Calibrator(config, targets, replicates, spines, a.ConfigOverrides);

        Console.WriteLine($"calibrate {cfg.Regime.Name}: {targets.Targets.Count} targets, {targets.Parameters.Count} free parameters, {replicates} replicates of >= {spines} spines");
        var before = calibrator.Evaluate(Array.Empty<string>());
        Console.WriteLine("residuals of the config as given (z = (simulated - target) / tolerance; * = outside tolerance):");
        PrintResiduals(before, Calibrator.Objective(before));
        if (!fit || targets.Parameters.Count == 0) return 0;

        double? Current(string key) => double.TryParse(configuration[key], NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : null;
        var result = calibrator.Fit(evaluations, Current);
        PrintFit(result, "");
        return 0;
    }

    private static int RunJoint(CommandInput a)
    {
        string file = a.Get(Joint);
        int replicates = a.Get(Replicates), spines = a.Get(Spines), evaluations = a.Get(Evaluations);
        bool fit = !a.Get(NoFit);
        var (studies, parameters) = JointTargets.Load(file);
        foreach (var s in studies) ExperimentConfig.Load(s.ConfigPath, s.Overrides.Concat(a.ConfigOverrides)); // validate all before any run
        var calibrator = new Calibrator(studies.Select(s => s with { Overrides = s.Overrides.Concat(a.ConfigOverrides).ToList() }).ToList(), parameters, replicates, spines);
        Console.WriteLine($"calibrate (joint, shared cascade): {studies.Count} studies, {studies.Sum(s => s.Targets.Targets.Count)} targets, {parameters.Count} free cascade parameters, {replicates} replicates of >= {spines} spines");
        var before = calibrator.Evaluate(Array.Empty<string>());
        PrintResiduals(before, Calibrator.Objective(before));
        if (!fit || parameters.Count == 0) return 0;
        var defaults = new AgentSpines.Plasticity.Options.CascadeOptions();
        double? Current(string key) => typeof(AgentSpines.Plasticity.Options.CascadeOptions).GetProperty(key["Cascade:".Length..])?.GetValue(defaults) is double d ? d : null;
        var result = calibrator.Fit(evaluations, Current);
        PrintFit(result, " (these become the CascadeOptions defaults)");
        return 0;
    }

    private static void PrintResiduals(IEnumerable<ResidualRow> rows, double objective)
    {
        Console.Write(Calibrator.Table(rows));
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "objective sum z^2 = {0:F2}", objective));
    }

    private static void PrintFit(CalibrationResult result, string note)
    {
        Console.WriteLine();
        Console.WriteLine($"fitted after {result.Evaluations} runs{note}:");
        foreach (var (key, value) in result.Parameters) Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "  {0} = {1:G5}", key, value));
        PrintResiduals(result.Residuals, result.Objective);
    }
}
