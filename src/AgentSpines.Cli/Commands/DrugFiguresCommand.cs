using AgentSpines.Plasticity.Experiments;

namespace AgentSpines.Cli.Commands;

/// <summary>
/// agentspines drug-figures [--replicates N] [--spines N] [--configs DIR] [--only a.json,b.json] [--no-plot] --out DIR:
/// regenerates the tables and figures of docs/drugs.md (docs/figures/drugs): every drug config's simulated time
/// course (drug and vehicle arms) beside the published points, a Markdown table, and one PNG per drug.
/// </summary>
public static class DrugFiguresCommand
{
    public static int Run(string[] args)
    {
        var a = new CommandArgs(args, new HashSet<string> { "no-plot" });
        int replicates = a.Int("replicates", 1, 1000) ?? 4;
        int spines = a.Int("spines", 100, 10_000_000) ?? 2000;
        string configs = a.String("configs") ?? "configs";
        string outDir = a.String("out") ?? throw new UsageException("drug-figures needs --out DIR (docs/figures/drugs for the documentation)");
        var only = a.String("only")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        bool plot = !a.Flag("no-plot");
        a.RejectUnknown();
        if (!Directory.Exists(configs)) throw new UsageException($"configs folder '{configs}' not found (run from the repository root or pass --configs)");
        if (only != null)
            foreach (var o in only)
                if (!DrugFigures.Plans.Any(p => p.Config == o)) throw new UsageException($"--only: '{o}' is not one of {string.Join(", ", DrugFigures.Plans.Select(p => p.Config))}");
        string md = DrugFigures.Write(configs, outDir, replicates, spines, only);
        Console.Write(md);
        if (!plot) return 0;
        return PythonAnalysis.Run("drug-figures", Path.GetFullPath(outDir), Path.GetFullPath(Path.Combine(configs, "targets", "published.csv")));
    }
}
