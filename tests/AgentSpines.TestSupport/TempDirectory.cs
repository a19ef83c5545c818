namespace AgentSpines.TestSupport;

/// <summary>A temporary folder for one test, deleted on dispose (and with the process's root if a test forgets).</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory(string prefix = "t") => Path = TestTemp.NewDir(prefix);

    public string Path { get; }

    /// <summary>A path inside the folder (nothing is created).</summary>
    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose() => TestTemp.Delete(Path);
}
