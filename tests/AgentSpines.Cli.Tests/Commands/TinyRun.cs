namespace AgentSpines.Cli.Tests.Commands;

/// <summary>One small complete run (ketamine, both arms, 2 days with two imaging sessions, 1 replicate, 2 dendrites) that the read-side commands read.</summary>
public sealed class TinyRun : IDisposable
{
    private readonly TempDirectory _tmp = new("tiny-run");

    public TinyRun()
    {
        Dir = _tmp.File("run");
        var (code, _, err) = CliHarness.Run("run", CliHarness.Config("ketamine.json"), "--out", Dir, "--Run:DurationDays=2",
            "--Run:Replicates=1", "--Dendrites:Count=2", "--Imaging:SessionDays=[-3.5,-1.5]", "--threads", "1", "--quiet");
        if (code != 0) throw new InvalidOperationException($"the tiny run failed ({code}): {err}");
    }

    public string Dir { get; }

    /// <summary>A scratch path (not created) in the fixture's folder.</summary>
    public string Scratch(string name) => _tmp.File(name + "-" + Guid.NewGuid().ToString("N")[..8]);

    public string FirstParquet(string table)
        => Directory.EnumerateFiles(Path.Combine(Dir, table), "*.parquet", SearchOption.AllDirectories).Order(StringComparer.Ordinal).First();

    public void Dispose() => _tmp.Dispose();
}
