namespace AgentSpines.Cli;

/// <summary>
/// Checks an output directory before a run writes anything, locks it while the run writes (a lock file holding
/// the pid, created atomically), and cleans up after a cancelled or failed run, removing only what it wrote.
/// </summary>
public static class OutputDirectory
{
    public const string LockFileName = ".agentspines.lock";

    /// <summary>Refuses a directory that already holds files (a finished dataset, another run's lock or its remains).</summary>
    public static void RequireEmpty(string dir)
    {
        if (File.Exists(dir)) throw new UsageException($"--out {dir}: is a file, not a directory");
        if (!Directory.Exists(dir)) return;
        var entries = Directory.EnumerateFileSystemEntries(dir).ToArray();
        if (entries.Length == 1 && Path.GetFileName(entries[0]) == LockFileName) throw Locked(dir, entries[0]);
        // a lock beside files: a run is writing there, or one was killed before it could clean up (no _SUCCESS)
        string? lockFile = entries.FirstOrDefault(e => Path.GetFileName(e) == LockFileName);
        if (lockFile != null) throw Locked(dir, lockFile);
        if (entries.Length > 0)
            throw new UsageException($"--out {dir}: directory is not empty; choose a new directory (a dataset is never written over another)");
    }

    /// <summary>
    /// Creates the directory if needed and takes its lock; a second run on the same directory gets a
    /// <see cref="UsageException"/> and has written nothing. Dispose releases the lock.
    /// </summary>
    public static IDisposable Lock(string dir)
    {
        try { Directory.CreateDirectory(dir); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new UsageException($"--out {dir}: cannot create the directory ({UserErrors.OneLine(e)})");
        }
        string path = Path.Combine(dir, LockFileName);
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read);
        }
        catch (IOException) when (File.Exists(path))
        {
            throw Locked(dir, path);
        }
        using (var w = new StreamWriter(stream, leaveOpen: true)) w.WriteLine($"{Environment.ProcessId} {Environment.MachineName}");
        stream.Flush(flushToDisk: true);
        return new DirectoryLock(path, stream);
    }

    /// <summary>Removes what a cancelled or failed run wrote, so nothing there can pass for a dataset.</summary>
    public static void RemoveRunOutput(string dir, bool createdByUs)
    {
        try
        {
            if (!Directory.Exists(dir)) return;
            if (createdByUs) Directory.Delete(dir, recursive: true);
            else
                foreach (var entry in Directory.EnumerateFileSystemEntries(dir))
                {
                    if (Directory.Exists(entry)) Directory.Delete(entry, true);
                    else File.Delete(entry);
                }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"agentspines: could not remove partial output in {dir}: {e.Message}");
        }
    }

    /// <summary>
    /// The refusal for a locked directory. A lock whose process no longer runs on this machine is the remains of a
    /// killed run (kill -9, power loss): said as such, since waiting for it would be waiting forever. A lock taken on
    /// another machine (a shared file system) cannot be checked.
    /// </summary>
    private static UsageException Locked(string dir, string lockFile)
    {
        string content = "";
        try { content = File.ReadAllText(lockFile).Trim(); } catch (IOException) { }
        var parts = content.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        string pid = parts.Length > 0 ? parts[0] : "?";
        string? host = parts.Length > 1 ? parts[1] : null; // locks before 2026-12-02 hold the pid only
        bool here = host is null || host == Environment.MachineName;
        if (here && int.TryParse(pid, out int id) && !IsRunning(id))
            return new UsageException($"--out {dir}: a run (pid {pid}) was killed while writing this directory and left an incomplete dataset (no _SUCCESS); delete the directory or choose another");
        string where = here ? "" : $" on {host}";
        return new UsageException($"--out {dir}: another run (pid {pid}{where}) is writing this directory; choose another (if no such process runs, it was killed: delete the directory)");
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var p = System.Diagnostics.Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (ArgumentException) { return false; } // no such process
        catch (InvalidOperationException) { return false; }
    }

    private sealed class DirectoryLock(string path, FileStream stream) : IDisposable
    {
        public void Dispose()
        {
            stream.Dispose();
            try { File.Delete(path); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
    }
}
