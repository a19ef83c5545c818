using System.CommandLine;
using AgentSpines.Cli.CommandLine;
using System.Globalization;
using AgentSpines.Plasticity.Calibration;
using AgentSpines.Plasticity.Population;

namespace AgentSpines.Cli.Commands;

/// <summary>
/// agentspines calibrate CONFIG --targets FILE [--replicates N] [--spines N] [--evaluations N] [--no-fit] [overrides]
/// Prints the residual table of the config as it is, then (unless --no-fit) fits the targets file's free
/// parameters with Nelder-Mead and prints the fitted values and the residual table at the optimum.
/// </summary>
public sealed class CalibrateCommand : ICliCommand
{
    private static readonly Argument<string> ConfigFile = new("CONFIG") { Description = "the regime's JSON configuration" };
    private static readonly Option<string?> Targets = Options.Text("--targets", "FILE", "published targets and free parameters (configs/targets/*.json)", required: true);
    private static readonly Option<int> Replicates = Options.Int("--replicates", "replicates per evaluation", 1, 1000, 8);
    private static readonly Option<int> Spines = Options.Int("--spines", "spines per replicate (at least)", 100, 10_000_000, 2000);
    private static readonly Option<int> Evaluations = Options.Int("--evaluations", "Nelder-Mead evaluations", 1, 10000, 40);
    private static readonly Option<bool> NoFit = Options.Flag("--no-fit", "only print the residual table of the config as it is");

    public AgentCommand Create() => new("calibrate", "fit a regime's mechanism parameters to published targets", Run, takesConfigOverrides: true)
    {
        ConfigFile, Targets, Replicates, Spines, Evaluations, NoFit,
    };

    private static int Run(CommandInput a)
    {
        string config = a.Get(ConfigFile);
        string targetsFile = a.Get(Targets)!;
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
}
