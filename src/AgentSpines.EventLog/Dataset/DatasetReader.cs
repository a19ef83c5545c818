using System.Security.Cryptography;
using AgentSpines.Core;

namespace AgentSpines.EventLog.Dataset;

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
    public IReadOnlyList<string> Verify() => Check().Problems;

    /// <summary>
    /// The data files a reader may use. A complete dataset whose files all match the manifest gives every file.
    /// Otherwise, without <paramref name="allowIncomplete"/>, throws <see cref="DatasetIncompleteException"/> (one
    /// line); with it, gives the files the manifest lists with a matching size and SHA-256 (or, when there is no
    /// manifest at all, as after a killed run, every renamed-into-place part file, unverified) and says what it
    /// skipped. <paramref name="table"/> limits both the files and the problems to one table.
    /// </summary>
    public DatasetSelection Select(bool allowIncomplete, string? table = null)
    {
        var check = Check(table);
        if (check.Problems.Count > 0 && !allowIncomplete) throw new DatasetIncompleteException(Root, check.Problems);
        var files = ListFiles(table).Where(e => check.Manifest == null || check.Verified.Contains(e.RelativePath)).ToList();
        var skipped = check.Problems.Where(p => !p.StartsWith(DatasetProblems.SuccessMissing, StringComparison.Ordinal)
                                                && !p.StartsWith(DatasetProblems.ManifestMissing, StringComparison.Ordinal)).ToList();
        return new DatasetSelection(files, check.Problems, skipped, Unverified: check.Manifest == null ? files.Count : 0);
    }

    private sealed record CheckResult(DatasetManifest? Manifest, IReadOnlyList<string> Problems, HashSet<string> Verified);

    private CheckResult Check(string? table = null)
    {
        var problems = new List<string>();
        var verified = new HashSet<string>(StringComparer.Ordinal);
        if (!IsComplete) problems.Add(DatasetProblems.SuccessMissing);
        DatasetManifest? manifest = null;
        if (!File.Exists(Path.Combine(Root, DatasetManifest.FileName))) problems.Add(DatasetProblems.ManifestMissing);
        else
        {
            try
            {
                manifest = ReadManifest();
            }
            catch (AgentSpinesInputException e)
            {
                problems.Add(e.Message);
                return new CheckResult(null, problems, verified);
            }
        }
        if (manifest == null) return new CheckResult(null, problems, verified);
        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var f in manifest.Files)
        {
            listed.Add(f.Path);
            if (table != null && f.Table != table) continue;
            string? problem = FileProblem(f);
            if (problem == null) verified.Add(f.Path);
            else problems.Add(problem);
        }
        foreach (var e in ListFiles(table))
            if (!listed.Contains(e.RelativePath)) problems.Add($"{e.RelativePath}: not listed in the manifest");
        return new CheckResult(manifest, problems, verified);
    }

    /// <summary>Why one manifest entry does not match the file on disk, or null when it does.</summary>
    private string? FileProblem(DatasetFile f)
    {
        if (f.Path.Contains("..") || Path.IsPathRooted(f.Path)) return $"{f.Path}: path escapes the dataset";
        string full = Path.Combine(Root, f.Path.Replace('/', Path.DirectorySeparatorChar));
        if (!File.Exists(full)) return $"{f.Path}: missing";
        long size = new FileInfo(full).Length;
        if (size != f.Bytes) return $"{f.Path}: {size} bytes, manifest says {f.Bytes}";
        string sha;
        using (var s = File.OpenRead(full)) sha = Convert.ToHexStringLower(SHA256.HashData(s));
        return string.Equals(sha, f.Sha256, StringComparison.OrdinalIgnoreCase) ? null : $"{f.Path}: SHA-256 {sha} differs from the manifest's {f.Sha256}";
    }
}
