using System.ComponentModel;
using System.Diagnostics;

namespace AgentSpines.Cli.Commands;

/// <summary>
/// `agentspines report RUN_DIR [RUN_DIR ...] [TRACE.csv ...] [--out DIR] [--allow-incomplete]`: figures and index.html through the Python analysis
/// package (analysis/agentspines_analysis): runs `python3 -m agentspines_analysis report ...` with PYTHONPATH set
/// to the repo's analysis/ folder and passes its exit code on. Python is $AGENTSPINES_PYTHON, else /usr/bin/python3
/// (Debian's pandas and matplotlib live there), else python3 on PATH. CSV arguments are episode traces written by
/// `agentspines episode --trace-csv FILE`. The Python loader verifies every run (_SUCCESS, manifest SHA-256) and
/// refuses an incomplete or damaged one with one line (exit 2) unless --allow-incomplete.
/// </summary>
public static class ReportCommand
{
    private const string PackageName = "agentspines_analysis";

    public static int Run(string[] args)
    {
        var a = new CommandArgs(args, new HashSet<string> { "allow-incomplete" });
        string? outDir = a.String("out");
        bool allowIncomplete = a.Flag("allow-incomplete");
        a.RejectUnknown();
        if (a.Positionals.Count == 0) throw new UsageException("missing argument RUN_DIR (usage: agentspines report RUN_DIR [--out DIR])");
        foreach (string dir in a.Positionals)
        {
            bool trace = File.Exists(dir) && dir.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);
            if (!Directory.Exists(dir) && !trace) throw new UsageException($"run directory '{dir}' does not exist");
        }

        string analysisDir = FindAnalysisDir()
            ?? throw new UsageException($"cannot find the analysis/{PackageName} folder of the repository (set AGENTSPINES_ANALYSIS_DIR to the analysis/ folder)");
        var start = new ProcessStartInfo(PythonPath()) { UseShellExecute = false };
        foreach (string s in new[] { "-m", PackageName, "report" }) start.ArgumentList.Add(s);
        foreach (string dir in a.Positionals) start.ArgumentList.Add(Path.GetFullPath(dir));
        if (outDir != null)
        {
            start.ArgumentList.Add("--out");
            start.ArgumentList.Add(Path.GetFullPath(outDir));
        }
        if (allowIncomplete) start.ArgumentList.Add("--allow-incomplete");
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
