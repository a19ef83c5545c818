using AgentSpines.Cluster.Execution;
using AgentSpines.Cluster.Sweeps;

namespace AgentSpines.Cluster.Tests;

/// <summary>Writes small synthetic sweeps (regime files + sweep file) into a temp directory.</summary>
public sealed class TestSweeps : IDisposable
{
    public string Dir { get; } = TestTemp.NewDir("cluster");

    public string Path(string name) => System.IO.Path.Combine(Dir, name);

    /// <summary>Regimes alpha and beta, optional grid, with work per job in random draws.</summary>
    public string Write(string name, int replicates = 2, int blocks = 2, long workIterations = 20_000, int rows = 300, bool grid = true)
    {
        File.WriteAllText(Path("alpha.json"), $$"""{ "Regime": { "Name": "alpha" }, "Run": { "Seed": 5 }, "Synthetic": { "Rows": {{rows}}, "Steps": 4, "WorkIterations": {{workIterations}} } }""");
        File.WriteAllText(Path("beta.json"), $$"""{ "Regime": { "Name": "beta" }, "Run": { "Seed": 6 }, "Synthetic": { "Rows": {{rows / 2}}, "Steps": 4, "WorkIterations": {{workIterations}} } }""");
        string gridJson = grid ? "\"Grid\": [[], [\"--Synthetic:Rows=50\"]]," : "";
        string file = Path(name + ".json");
        File.WriteAllText(file, $$"""
            // test sweep
            { "Name": "{{name}}", "Engine": "synthetic", "Regimes": ["alpha.json", "beta.json"], {{gridJson}}
              "Replicates": {{replicates}}, "BlockCount": {{blocks}} }
            """);
        return file;
    }

    public SweepPlan Plan(string file) => SweepPlan.Build(SweepConfigLoader.Load(file), EngineRegistry.Default);

    public string NewOut(string name) => Path("out-" + name + "-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose() => TestTemp.Delete(Dir);
}

/// <summary>Compares two dataset directories file by file (relative paths and bytes), ignoring nothing.</summary>
public static class DatasetCompare
{
    public static void AssertIdentical(string expectedDir, string actualDir)
    {
        var a = Files(expectedDir);
        var b = Files(actualDir);
        Assert.Equal(a.Keys.ToArray(), b.Keys.ToArray());
        foreach (var (rel, path) in a)
            Assert.True(File.ReadAllBytes(path).AsSpan().SequenceEqual(File.ReadAllBytes(b[rel])), $"{rel} differs");
    }

    public static SortedDictionary<string, string> Files(string dir)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var f in Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories))
            result[System.IO.Path.GetRelativePath(dir, f).Replace('\\', '/')] = f;
        return result;
    }
}
