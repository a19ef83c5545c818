using System.CommandLine;
using System.Globalization;
using AgentSpines.Cli.CommandLine;
using AgentSpines.Plasticity.Experiments;

namespace AgentSpines.Cli.Commands;

/// <summary>
/// agentspines dose-response CONFIG --doses 1,3,10,30 [--days 1,3,7] [--replicates N] [--spines N] [--no-plot] --out DIR
/// [overrides]: runs the config at each dose and writes DIR/dose_response.csv and DIR/dose_response.png (density
/// effect, drug - vehicle, against dose at each day; the plot through the Python analysis package).
/// The work is DoseResponse.Run(DoseResponseOptions); this class only parses.
/// </summary>
public sealed class DoseResponseCommand : ICliCommand
{
    private static readonly Argument<string> ConfigFile = new("CONFIG") { Description = "the regime's JSON configuration" };
    private static readonly Option<string?> Doses = Options.Text("--doses", "LIST", "doses in mg/kg, comma-separated (every administration of the first species)", required: true);
    private static readonly Option<string> Days = Options.Text("--days", "LIST", "days after the first dose at which the effect is tabulated", "1,3,7");
    private static readonly Option<int> Replicates = Options.Int("--replicates", "replicates per dose", 1, 1000, 4);
    private static readonly Option<int> Spines = Options.Int("--spines", "spines per replicate (at least)", 100, 10_000_000, 1000);
    private static readonly Option<string?> Out = Options.Text("--out", "DIR", "where dose_response.csv and .png go", required: true);
    private static readonly Option<bool> NoPlot = Options.Flag("--no-plot", "write the CSV only");

    public AgentCommand Create() => new("dose-response", "effect against dose (CSV and PNG)", Run, takesConfigOverrides: true)
    {
        ConfigFile, Doses, Days, Replicates, Spines, Out, NoPlot,
    };

    private static int Run(CommandInput a)
    {
        string config = a.Get(ConfigFile);
        var doses = ParseList(a.Get(Doses)!, "--doses", 0);
        var days = ParseList(a.Get(Days), "--days", double.NegativeInfinity);
        string outDir = a.Get(Out)!;
        if (!File.Exists(config)) throw new UsageException($"config file '{config}' not found");
        var rows = DoseResponse.Run(new DoseResponseOptions(config, doses, days, a.Get(Replicates), a.Get(Spines), outDir, a.ConfigOverrides));
        Directory.CreateDirectory(outDir);
        string csv = Path.Combine(outDir, "dose_response.csv");
        OutputFile.WriteAtomically(csv, DoseResponse.Csv(rows));
        Console.WriteLine(csv);
        if (a.Get(NoPlot)) return 0;
        string png = Path.Combine(outDir, "dose_response.png");
        int rc = PythonAnalysis.Run("dose-response", Path.GetFullPath(csv), Path.GetFullPath(png));
        if (rc == 0) Console.WriteLine(png);
        return rc;
    }

    public static List<double> ParseList(string text, string option, double min)
    {
        var list = new List<double>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v) || v < min)
                throw new UsageException(double.IsNegativeInfinity(min) ? $"{option}: '{part}' is not a finite number"
                    : $"{option}: '{part}' is not a number >= {min.ToString(CultureInfo.InvariantCulture)}");
            list.Add(v);
        }
        if (list.Count == 0) throw new UsageException($"{option} is empty");
        return list;
    }
}

/// <summary>Writes a file through a temporary name and a rename, so a crash never leaves half a file.</summary>
public static class OutputFile
{
    public static void WriteAtomically(string path, string text)
    {
        string tmp = path + ".tmp";
        File.WriteAllText(tmp, text);
        File.Move(tmp, path, overwrite: true);
    }
}
