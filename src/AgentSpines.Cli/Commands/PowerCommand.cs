using System.CommandLine;
using System.Globalization;
using AgentSpines.Cli.CommandLine;
using AgentSpines.Plasticity.Population;

namespace AgentSpines.Cli.Commands;

/// <summary>
/// agentspines power CONFIG --effect-day D [--animals 4,6,8,12] [--experiments N] [overrides]
/// Prints, per group size, the probability of detecting the drug's density effect at day D (PowerAnalysis).
/// </summary>
public sealed class PowerCommand : ICliCommand
{
    private static readonly Argument<string> ConfigFile = new("CONFIG") { Description = "the regime's JSON configuration (names its preparation)" };
    private static readonly Option<double?> EffectDay = Options.OptionalDouble("--effect-day", "session day at which the density effect is tested");
    private static readonly Option<string?> Animals = Options.Text("--animals", "N,N,...", "group sizes (animals per arm), comma-separated; default 4,6,8,12");
    private static readonly Option<int> Experiments = Options.Int("--experiments", "simulated experiments per group size", 2, 100_000, 40);

    public AgentCommand Create() => new("power", "probability of detecting the drug's density effect per group size", Run, takesConfigOverrides: true)
    {
        ConfigFile, EffectDay, Animals, Experiments,
    };

    private static int Run(CommandInput a)
    {
        string config = a.Get(ConfigFile);
        double day = a.Get(EffectDay) ?? throw new UsageException("power needs --effect-day D (a session day of the config)");
        string animals = a.Get(Animals) ?? "4,6,8,12";
        int experiments = a.Get(Experiments);
        var sizes = new List<int>();
        foreach (string part in animals.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            if (!int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) || n < 2 || n > 1000)
                throw new UsageException($"--animals '{animals}': a comma-separated list of group sizes, each 2-1000");
            else sizes.Add(n);
        if (sizes.Count == 0) throw new UsageException("--animals needs at least one group size");

        var cfg = ExperimentConfig.Load(config, a.ConfigOverrides);
        if (!cfg.Imaging.SessionDays.Any(d => Math.Abs(d - day) < 1e-9))
            throw new UsageException(string.Format(CultureInfo.InvariantCulture, "--effect-day {0}: not a session day of the config (Imaging:SessionDays: {1})",
                day, string.Join(", ", cfg.Imaging.SessionDays.Select(d => d.ToString(CultureInfo.InvariantCulture)))));
        var rows = new PowerAnalysis(cfg).Run(new PowerOptions(day, sizes, experiments));
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture,
            "power of {0} at day {1}: Welch t-test on per-animal mean density change (alpha 0.05), {2} dendrites per animal, {3} simulated experiments per size",
            cfg.Regime.Name, day, cfg.Imaging.DendritesPerAnimal, experiments));
        Console.WriteLine("animals_per_arm  power  mean_effect_pp  mean_p");
        foreach (var r in rows)
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,15}  {1,5:F2}  {2,14:F1}  {3,6:F3}", r.AnimalsPerArm, r.Power, r.MeanEffectPp, r.MeanP));
        return 0;
    }
}
