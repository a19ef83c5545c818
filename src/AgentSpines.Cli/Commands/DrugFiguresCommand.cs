using System.CommandLine;
using AgentSpines.Cli.CommandLine;
using AgentSpines.Plasticity.Experiments;

namespace AgentSpines.Cli.Commands;

/// <summary>
/// agentspines drug-figures [--replicates N] [--spines N] [--configs DIR] [--only a.json,b.json] [--no-plot] --out DIR:
/// regenerates the tables and figures of docs/drugs.md (docs/figures/drugs): every drug config's simulated time
/// course (drug and vehicle arms) beside the published points, a Markdown table, and one PNG per drug.
/// </summary>
public sealed class DrugFiguresCommand : ICliCommand
{
    private static readonly Option<int> Replicates = Options.Int("--replicates", "replicates per config", 1, 1000, 4);
    private static readonly Option<int> Spines = Options.Int("--spines", "spines per replicate (at least)", 100, 10_000_000, 2000);
    private static readonly Option<string> Configs = Options.Text("--configs", "DIR", "the configs folder (with targets/published.csv)", "configs");
    private static readonly Option<string?> Only = Options.Text("--only", "LIST", "only these configs (comma-separated file names)");
    private static readonly Option<string?> Out = Options.Text("--out", "DIR", "where the CSVs, drug_table.md and PNGs go (docs/figures/drugs for the documentation)", required: true);
    private static readonly Option<bool> NoPlot = Options.Flag("--no-plot", "write the CSVs and the table only");

    public AgentCommand Create() => new("drug-figures", "every drug's time course beside the published points (CSV, PNG, Markdown)", Run)
    {
        Replicates, Spines, Configs, Only, Out, NoPlot,
    };

    private static int Run(CommandInput a)
    {
        string configs = a.Get(Configs);
        string outDir = a.Get(Out)!;
        var only = a.Get(Only)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (!Directory.Exists(configs)) throw new UsageException($"configs folder '{configs}' not found (run from the repository root or pass --configs)");
        if (only != null)
            foreach (var o in only)
                if (!DrugFigures.Plans.Any(p => p.Config == o)) throw new UsageException($"--only: '{o}' is not one of {string.Join(", ", DrugFigures.Plans.Select(p => p.Config))}");
        string md = DrugFigures.Write(configs, outDir, a.Get(Replicates), a.Get(Spines), only);
        Console.Write(md);
        if (a.Get(NoPlot)) return 0;
        return PythonAnalysis.Run("drug-figures", Path.GetFullPath(outDir), Path.GetFullPath(Path.Combine(configs, "targets", "published.csv")));
    }
}
