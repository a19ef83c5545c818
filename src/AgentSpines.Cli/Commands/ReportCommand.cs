using System.CommandLine;
using AgentSpines.Cli.CommandLine;
using System.ComponentModel;
using System.Diagnostics;

namespace AgentSpines.Cli.Commands;

/// <summary>
/// `agentspines report RUN_DIR [RUN_DIR ...] [TRACE.csv ...] [--out DIR]`: figures and index.html through the Python analysis
/// package (analysis/agentspines_analysis): runs `python3 -m agentspines_analysis report ...` with PYTHONPATH set
/// to the repo's analysis/ folder and passes its exit code on. Python is $AGENTSPINES_PYTHON, else /usr/bin/python3
/// (Debian's pandas and matplotlib live there), else python3 on PATH. CSV arguments are episode traces written by
/// `agentspines episode --trace-csv FILE`.
/// </summary>
public sealed class ReportCommand : ICliCommand
{
    private const string PackageName = "agentspines_analysis";
    private static readonly Argument<string[]> Inputs = new("RUN_DIR") { Description = "run directories (datasets) and episode trace CSV files", Arity = ArgumentArity.OneOrMore };
    private static readonly Option<string?> Out = Options.Text("--out", "DIR", "where the figures and index.html go (default: a report/ folder in the first RUN_DIR)");

    public AgentCommand Create() => new("report", "figures and index.html through the Python analysis package", Run) { Inputs, Out };

    private static int Run(CommandInput a)
    {
        string? outDir = a.Get(Out);
        var positionals = a.Get(Inputs);
        foreach (string dir in positionals)
        {
            bool trace = File.Exists(dir) && dir.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);
            if (!Directory.Exists(dir) && !trace) throw new UsageException($"run directory '{dir}' does not exist");
        }

        string analysisDir = FindAnalysisDir()
            ?? throw new UsageException($"cannot find the analysis/{PackageName} folder of the repository (set AGENTSPINES_ANALYSIS_DIR to the analysis/ folder)");
        var start = new ProcessStartInfo(PythonPath()) { UseShellExecute = false };
        foreach (string s in new[] { "-m", PackageName, "report" }) start.ArgumentList.Add(s);
        foreach (string dir in positionals) start.ArgumentList.Add(Path.GetFullPath(dir));
        if (outDir != null)
        {
            start.ArgumentList.Add("--out");
            start.ArgumentList.Add(Path.GetFullPath(outDir));
        }
        string? inherited = Environment.GetEnvironmentVariable("PYTHONPATH");
        start.Environment["PYTHONPATH"] = string.IsNullOrEmpty(inherited) ? analysisDir : analysisDir + Path.PathSeparator + inherited;

        try
        {
            using var process = Process.Start(start) ?? throw new UsageException($"could not start {start.FileName}");
            process.WaitForExit();
            return process.ExitCode;
        }
        catch (Win32Exception e)
        {
            throw new UsageException($"could not run '{start.FileName}' ({e.Message}); install python3 with pandas and matplotlib or set AGENTSPINES_PYTHON");
        }
    }

    private static string PythonPath()
    {
        string? env = Environment.GetEnvironmentVariable("AGENTSPINES_PYTHON");
        if (!string.IsNullOrEmpty(env)) return env;
        return File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
    }

    /// <summary>$AGENTSPINES_ANALYSIS_DIR, else the first analysis/ folder holding the package above the executable or the working directory.</summary>
    private static string? FindAnalysisDir()
    {
        string? env = Environment.GetEnvironmentVariable("AGENTSPINES_ANALYSIS_DIR");
        if (!string.IsNullOrEmpty(env)) return Directory.Exists(Path.Combine(env, PackageName)) ? Path.GetFullPath(env) : null;
        foreach (string origin in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(origin); dir != null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, "analysis");
                if (File.Exists(Path.Combine(candidate, PackageName, "__init__.py"))) return candidate;
            }
        }
        return null;
    }
}
