using System.Diagnostics;
using System.Globalization;

namespace AgentSpines.TestSupport;

/// <summary>
/// Every temporary file and folder of a test process lives below one root, $TMP/agentspines-tests/&lt;pid&gt;, which
/// is deleted when the process exits; roots left by processes that no longer run (a crashed or killed test host)
/// are deleted when the next test process starts. Tests that can scope a folder use <see cref="TempDirectory"/>.
/// </summary>
public static class TestTemp
{
    private static readonly Lazy<string> RootOnce = new(CreateRoot, LazyThreadSafetyMode.ExecutionAndPublication);

    private static string Parent => Path.Combine(Path.GetTempPath(), "agentspines-tests");

    /// <summary>This process's root folder.</summary>
    public static string Root => RootOnce.Value;

    /// <summary>A new empty folder below the root.</summary>
    public static string NewDir(string prefix = "d")
    {
        string dir = NewPath(prefix);
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>A fresh path below the root that does not exist yet (for outputs a command must create itself).</summary>
    public static string NewPath(string prefix = "p") => Path.Combine(Root, $"{prefix}-{Guid.NewGuid():N}");

    /// <summary>Deletes a folder and all below it; a folder that is already gone is fine.</summary>
    public static void Delete(string dir)
    {
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
                return;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException && attempt < 3)
            {
                Thread.Sleep(50); // a file still being closed by a finishing writer
            }
        }
    }

    private static string CreateRoot()
    {
        RemoveStaleRoots();
        string root = Path.Combine(Parent, Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        Delete(root); // a previous process with the same id
        Directory.CreateDirectory(root);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { Delete(root); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { /* best effort at exit */ }
        };
        return root;
    }

    private static void RemoveStaleRoots()
    {
        if (!Directory.Exists(Parent)) return;
        foreach (var dir in Directory.GetDirectories(Parent))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out int pid) || IsRunning(pid)) continue;
            try { Delete(dir); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { /* another process's */ }
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var p = Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
