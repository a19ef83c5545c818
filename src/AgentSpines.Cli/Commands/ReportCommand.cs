using System.CommandLine;
using AgentSpines.Cli.CommandLine;

namespace AgentSpines.Cli.Commands;

/// <summary>
/// `agentspines report RUN_DIR [RUN_DIR ...] [TRACE.csv ...] [--out DIR] [--allow-incomplete]`: figures and index.html through the Python analysis
/// package (analysis/agentspines_analysis): runs `python3 -m agentspines_analysis report ...` with PYTHONPATH set
/// to the repo's analysis/ folder and passes its exit code on. Python is $AGENTSPINES_PYTHON, else /usr/bin/python3
/// (Debian's pandas and matplotlib live there), else python3 on PATH. CSV arguments are episode traces written by
/// `agentspines episode --trace-csv FILE`. The Python loader verifies every run (_SUCCESS, manifest SHA-256) and
/// refuses an incomplete or damaged one with one line (exit 2) unless --allow-incomplete.
/// </summary>
public sealed class ReportCommand : ICliCommand
{
    private static readonly Argument<string[]> Inputs = new("RUN_DIR") { Description = "run directories (datasets) and episode trace CSV files", Arity = ArgumentArity.OneOrMore };
    private static readonly Option<string?> Out = Options.Text("--out", "DIR", "where the figures and index.html go (default: a report/ folder in the first RUN_DIR)");

    private static readonly Option<bool> AllowIncomplete = Options.Flag("--allow-incomplete",
        "read the files of an incomplete or damaged run that verify (default: refuse it)");

    public AgentCommand Create() => new("report", "figures and index.html through the Python analysis package", Run) { Inputs, Out, AllowIncomplete };

    private static int Run(CommandInput a)
    {
        string? outDir = a.Get(Out);
        bool allowIncomplete = a.Get(AllowIncomplete);
        var positionals = a.Get(Inputs);
        foreach (string dir in positionals)
        {
            bool trace = File.Exists(dir) && dir.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);
            if (!Directory.Exists(dir) && !trace) throw new UsageException($"run directory '{dir}' does not exist");
        }

        var args = new List<string> { "report" };
        args.AddRange(positionals.Select(Path.GetFullPath));
        if (outDir != null) args.AddRange(["--out", Path.GetFullPath(outDir)]);
        if (allowIncomplete) args.Add("--allow-incomplete");
        return PythonAnalysis.Run([.. args]);
    }
}
