using System.Security.Cryptography;
using AgentSpines.Core;

namespace AgentSpines.EventLog;

/// <summary>A data file found on disk in a dataset directory, with its decoded partition values.</summary>
public sealed record DatasetEntry(string Path, string RelativePath, string Table, IReadOnlyList<KeyValuePair<string, string>> Partition);

/// <summary>
/// Lists and checks a dataset written by <see cref="DatasetWriter"/>: <see cref="IsComplete"/> (has _SUCCESS),
/// <see cref="ReadManifest"/>, <see cref="ListFiles"/> (table/name=value/.../*.parquet, temp files ignored),
/// and <see cref="Verify"/> (every manifest file present with its size and SHA-256; no unlisted data files).
/// </summary>
public sealed class DatasetReader
{
    public DatasetReader(string root)
    {
        Root = Path.GetFullPath(root);
        if (!Directory.Exists(Root)) throw new AgentSpinesInputException($"{root}: dataset directory not found");
    }

    public string Root { get; }

    public bool IsComplete => File.Exists(Path.Combine(Root, DatasetManifest.SuccessFileName));

    public DatasetManifest ReadManifest()
    {
        string path = Path.Combine(Root, DatasetManifest.FileName);
        if (!File.Exists(path)) throw new AgentSpinesInputException($"{path}: manifest not found (the dataset is incomplete)");
        return DatasetManifest.Parse(File.ReadAllText(path), path);
    }

    /// <summary>Data files on disk, sorted by relative path; optionally of one table.</summary>
    public IReadOnlyList<DatasetEntry> ListFiles(string? table = null)
    {
        var result = new List<DatasetEntry>();
        foreach (var tableDir in Directory.EnumerateDirectories(Root))
        {
            string name = Path.GetFileName(tableDir);
            if (name.StartsWith('.') || name.StartsWith('_') || (table != null && name != table)) continue;
            foreach (var file in Directory.EnumerateFiles(tableDir, "*.parquet", SearchOption.AllDirectories))
            {
                if (Path.GetFileName(file).StartsWith('.')) continue;
                string rel = Path.GetRelativePath(Root, file).Replace(Path.DirectorySeparatorChar, '/');
                var parts = new List<KeyValuePair<string, string>>();
                var segments = rel.Split('/');
                for (int i = 1; i < segments.Length - 1; i++)
                {
                    int eq = segments[i].IndexOf('=');
                    if (eq <= 0) continue;
                    parts.Add(new(segments[i][..eq], PartitionKey.Unescape(segments[i][(eq + 1)..]) ?? segments[i][(eq + 1)..]));
                }
                result.Add(new DatasetEntry(file, rel, name, parts));
            }
        }
        result.Sort((a, b) => string.CompareOrdinal(a.RelativePath, b.RelativePath));
        return result;
    }

    /// <summary>Problems found (empty when the dataset is complete and every checksum matches).</summary>
    public IReadOnlyList<string> Verify()
    {
        var problems = new List<string>();
        if (!IsComplete) problems.Add("_SUCCESS is missing: the dataset is incomplete");
        DatasetManifest manifest;
        try
        {
            manifest = ReadManifest();
        }
        catch (AgentSpinesInputException e)
        {
            problems.Add(e.Message);
            return problems;
        }
        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var f in manifest.Files)
        {
            listed.Add(f.Path);
            if (f.Path.Contains("..") || Path.IsPathRooted(f.Path)) { problems.Add($"{f.Path}: path escapes the dataset"); continue; }
            string full = Path.Combine(Root, f.Path.Replace('/', Path.DirectorySeparatorChar));
            if (!File.Exists(full)) { problems.Add($"{f.Path}: missing"); continue; }
            long size = new FileInfo(full).Length;
            if (size != f.Bytes) { problems.Add($"{f.Path}: {size} bytes, manifest says {f.Bytes}"); continue; }
            string sha;
            using (var s = File.OpenRead(full)) sha = Convert.ToHexStringLower(SHA256.HashData(s));
            if (!string.Equals(sha, f.Sha256, StringComparison.OrdinalIgnoreCase)) problems.Add($"{f.Path}: SHA-256 {sha} differs from the manifest's {f.Sha256}");
        }
        foreach (var e in ListFiles())
            if (!listed.Contains(e.RelativePath)) problems.Add($"{e.RelativePath}: not listed in the manifest");
        return problems;
    }
}
