using System.ComponentModel;
using System.Diagnostics;

namespace AgentSpines.Cli;

/// <summary>Runs `python3 -m agentspines_analysis ARGS` with PYTHONPATH at the repository's analysis/ folder (see ReportCommand).</summary>
public static class PythonAnalysis
{
    public const string PackageName = "agentspines_analysis";

    public static int Run(params string[] args)
    {
        string analysisDir = FindAnalysisDir()
            ?? throw new UsageException($"cannot find the analysis/{PackageName} folder of the repository (set AGENTSPINES_ANALYSIS_DIR to the analysis/ folder)");
        var start = new ProcessStartInfo(PythonPath()) { UseShellExecute = false };
        start.ArgumentList.Add("-m");
        start.ArgumentList.Add(PackageName);
        foreach (string s in args) start.ArgumentList.Add(s);
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

    public static string PythonPath()
    {
        string? env = Environment.GetEnvironmentVariable("AGENTSPINES_PYTHON");
        if (!string.IsNullOrEmpty(env)) return env;
        return File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
    }

    public static string? FindAnalysisDir()
    {
        string? env = Environment.GetEnvironmentVariable("AGENTSPINES_ANALYSIS_DIR");
        if (!string.IsNullOrEmpty(env)) return Directory.Exists(Path.Combine(env, PackageName)) ? Path.GetFullPath(env) : null;
        foreach (string origin in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
            for (var dir = new DirectoryInfo(origin); dir != null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, "analysis");
                if (File.Exists(Path.Combine(candidate, PackageName, "__init__.py"))) return candidate;
            }
        return null;
    }
}
