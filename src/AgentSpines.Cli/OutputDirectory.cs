namespace AgentSpines.Cli;

/// <summary>Checks an output directory before a run writes anything, and cleans up after a cancelled one.</summary>
public static class OutputDirectory
{
    /// <summary>Refuses a directory that already holds files (a finished dataset or remains of another run).</summary>
    public static void RequireEmpty(string dir)
    {
        if (File.Exists(dir)) throw new UsageException($"--out {dir}: is a file, not a directory");
        if (Directory.Exists(dir) && Directory.EnumerateFileSystemEntries(dir).Any())
            throw new UsageException($"--out {dir}: directory is not empty; choose a new directory (a dataset is never written over another)");
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
        catch (IOException e)
        {
            Console.Error.WriteLine($"agentspines: could not remove partial output in {dir}: {e.Message}");
        }
    }
}
