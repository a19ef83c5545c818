using AgentSpines.Actors.Simulation;
using AgentSpines.EventLog;

namespace AgentSpines.Actors.Tests.Population;

internal static class EngineFixtures
{
    public static string RepoRoot()
    {
        var stamped = typeof(EngineFixtures).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "RepoRoot")?.Value;
        if (stamped != null && File.Exists(Path.Combine(stamped, "AgentSpines.sln"))) return stamped;
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "AgentSpines.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("repository root (AgentSpines.sln) not found");
    }

    public static SimulationConfig Config(string file, params string[] overrides)
        => SimulationConfig.Load(Path.Combine(RepoRoot(), "configs", file), overrides, includeEnvironment: false);

    private static readonly System.Collections.Concurrent.ConcurrentBag<string> Created = new();

    static EngineFixtures() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        foreach (string d in Created)
            try { if (Directory.Exists(d)) Directory.Delete(d, true); } catch (IOException) { }
    };

    /// <summary>A fresh directory, removed when the test process ends (datasets are read after the run that made them).</summary>
    public static string TempDir()
    {
        string d = Path.Combine(Path.GetTempPath(), "agentspines-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(d);
        Created.Add(d);
        return d;
    }

    /// <summary>Runs every job of a config into a fresh directory and commits the dataset.</summary>
    public static (string Dir, List<JobOutcome> Outcomes) RunToDataset(SimulationConfig config, int threads)
    {
        string dir = TempDir();
        string json = config.ToJson();
        var outcomes = new List<JobOutcome>();
        using var writer = new DatasetWriter(dir, new DatasetOptions { ConfigJson = json, Seed = config.Run.Seed });
        foreach (var job in SimulationJobs.JobsOf(json)) outcomes.Add(SimulationJobs.Execute(job, writer, null, CancellationToken.None, threads));
        writer.Commit(new DatasetManifestInfo { ConfigJson = json, Seed = config.Run.Seed, Shards = outcomes.Count });
        return (dir, outcomes);
    }

    /// <summary>Relative path -> bytes of every file of a dataset.</summary>
    public static SortedDictionary<string, byte[]> Files(string dir)
    {
        var d = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var f in Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories))
            d[Path.GetRelativePath(dir, f).Replace('\\', '/')] = File.ReadAllBytes(f);
        return d;
    }
}
