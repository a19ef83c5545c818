using System.Diagnostics;

namespace AgentSpines.Cluster.Tests.Faults;

/// <summary>Waits for files to appear below a folder, woken by a FileSystemWatcher; the timeout only guards against hangs.</summary>
public static class FileWait
{
    /// <summary>The files matching <paramref name="pattern"/> in <paramref name="dir"/> once there are at least <paramref name="count"/>.</summary>
    public static string[] AtLeast(string dir, string pattern, int count, TimeSpan hangGuard)
    {
        // Watch the nearest existing ancestor: the folder itself may not exist yet.
        string watched = dir;
        while (!Directory.Exists(watched)) watched = Path.GetDirectoryName(watched) ?? throw new DirectoryNotFoundException(dir);
        using var changed = new SemaphoreSlim(0);
        using var watcher = new FileSystemWatcher(watched) { IncludeSubdirectories = true, EnableRaisingEvents = true };
        void Wake(object? _, EventArgs __) { try { changed.Release(); } catch (ObjectDisposedException) { } }
        watcher.Created += Wake;
        watcher.Renamed += Wake;
        watcher.Changed += Wake;
        watcher.Error += Wake; // a lost event (buffer overflow): count again
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var files = Directory.Exists(dir) ? Directory.GetFiles(dir, pattern) : [];
            if (files.Length >= count) return files;
            var left = hangGuard - clock.Elapsed;
            if (left <= TimeSpan.Zero) throw new TimeoutException($"{files.Length} of {count} files {pattern} in {dir} after {clock.Elapsed.TotalSeconds:0} s (hang guard)");
            changed.Wait(left);
        }
    }
}
