using System.Text.RegularExpressions;
using AgentSpines.Cluster.Messaging;

namespace AgentSpines.Cluster;

/// <summary>Guards relative data-file paths that arrive from workers or slices: table/name=value/.../part-NNNNN.parquet only.</summary>
public static partial class DatasetPaths
{
    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_.~-]*(/[A-Za-z0-9_.~-]+=[A-Za-z0-9_.~%-]+)*/part-[0-9]{5}\.parquet$")]
    private static partial Regex Pattern();

    public static void CheckRelative(string path)
    {
        if (!Pattern().IsMatch(path) || path.Contains("..", StringComparison.Ordinal))
            throw new MessageValidationException($"file path '{path}' is not a dataset part file path");
    }

    public static string Full(string root, string relative) => Path.Combine(root, relative.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>Writes bytes through a temp name in the same directory, flushed to disk, then renamed.</summary>
    public static void WriteAtomically(string path, ReadOnlySpan<byte> content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        string temp = Path.Combine(Path.GetDirectoryName(path)!, "." + Path.GetFileName(path) + ".tmp");
        using (var fs = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            fs.Write(content);
            fs.Flush(flushToDisk: true);
        }
        File.Move(temp, path, overwrite: true);
    }
}
