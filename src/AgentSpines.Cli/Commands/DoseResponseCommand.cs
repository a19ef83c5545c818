using System.Globalization;
using AgentSpines.Plasticity.Experiments;

namespace AgentSpines.Cli.Commands;

/// <summary>
/// agentspines dose-response CONFIG --doses 1,3,10,30 [--days 1,3,7] [--replicates N] [--spines N] [--no-plot] --out DIR
/// [overrides]: runs the config at each dose and writes DIR/dose_response.csv and DIR/dose_response.png (density
/// effect, drug - vehicle, against dose at each day; the plot through the Python analysis package).
/// Argument parsing is kept here; the work is DoseResponse.Run(DoseResponseOptions).
/// </summary>
public static class DoseResponseCommand
{
    public static int Run(string[] args)
    {
        var a = new CommandArgs(args, new HashSet<string> { "no-plot" });
        string config = a.Positional(0, "CONFIG");
        var doses = ParseList(a.String("doses") ?? throw new UsageException("dose-response needs --doses LIST (mg/kg, e.g. 1,3,10,30)"), "--doses", 0);
        var days = ParseList(a.String("days") ?? "1,3,7", "--days", double.NegativeInfinity);
        int replicates = a.Int("replicates", 1, 1000) ?? 4;
        int spines = a.Int("spines", 100, 10_000_000) ?? 1000;
        string outDir = a.String("out") ?? throw new UsageException("dose-response needs --out DIR");
        bool plot = !a.Flag("no-plot");
        a.RejectUnknown();
        if (!File.Exists(config)) throw new UsageException($"config file '{config}' not found");
        var options = new DoseResponseOptions(config, doses, days, replicates, spines, outDir, a.ConfigOverrides);
        var rows = DoseResponse.Run(options);
        Directory.CreateDirectory(outDir);
        string csv = Path.Combine(outDir, "dose_response.csv");
        OutputFile.WriteAtomically(csv, DoseResponse.Csv(rows));
        Console.WriteLine(csv);
        if (!plot) return 0;
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
                throw new UsageException($"{option}: '{part}' is not a number >= {min.ToString(CultureInfo.InvariantCulture)}");
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
