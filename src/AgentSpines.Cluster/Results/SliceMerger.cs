using AgentSpines.Core;
using AgentSpines.EventLog.Dataset;

namespace AgentSpines.Cluster.Results;

/// <summary>
/// `agentspines merge`: assembles the slices of a sweep (from `sweep --shard i/N`) into one dataset identical to the
/// single run: every slice must be complete and intact, belong to the same sweep, and the slices must cover 0..N-1
/// exactly once. Files are copied (temp name, rename) after their bytes match the slice manifest's SHA-256; the
/// manifest is the single run's (no "slice" field). With <c>allowIncomplete</c>, slices that fail verification
/// contribute only their verified files and the result gets a manifest of what was copied but no _SUCCESS: it is
/// an incomplete dataset, and readers treat it as one.
/// </summary>
public static class SliceMerger
{
    public static DatasetManifest Merge(IReadOnlyList<string> sliceDirs, string outDir, bool allowIncomplete = false, Action<string>? report = null)
    {
        if (sliceDirs.Count == 0) throw new AgentSpinesInputException("merge needs at least one slice directory");
        var slices = new List<(string Dir, DatasetManifest Manifest, int Index, int Count)>();
        var usable = new HashSet<string>(StringComparer.Ordinal);
        bool complete = true;
        foreach (var dir in sliceDirs)
        {
            var reader = new DatasetReader(dir);
            var selection = reader.Select(allowIncomplete);
            foreach (var line in selection.Report(dir)) report?.Invoke(line);
            complete &= selection.Problems.Count == 0;
            if (!File.Exists(Path.Combine(reader.Root, DatasetManifest.FileName)))
                throw new AgentSpinesInputException($"{dir}: has no manifest.json, so its slice cannot be identified (the sweep slice did not finish)");
            foreach (var f in selection.Files) usable.Add(Path.Combine(reader.Root, f.RelativePath));
            var m = reader.ReadManifest();
            if (!m.Extra.TryGetValue("sweep_id", out _) || !m.Extra.TryGetValue("slice", out var slice))
                throw new AgentSpinesInputException($"{dir}: not a sweep slice (manifest has no sweep_id/slice; made by `agentspines sweep --shard i/N`?)");
            var spec = Sweeps.ShardSpec.Parse(slice);
            slices.Add((dir, m, spec.Index, spec.Count));
        }
        var first = slices[0];
        foreach (var s in slices)
        {
            if (s.Manifest.Extra["sweep_id"] != first.Manifest.Extra["sweep_id"] || s.Manifest.ConfigJson != first.Manifest.ConfigJson)
                throw new AgentSpinesInputException($"{s.Dir}: belongs to sweep {s.Manifest.Extra["sweep_id"]}, but {first.Dir} to {first.Manifest.Extra["sweep_id"]}");
            if (s.Count != first.Count) throw new AgentSpinesInputException($"{s.Dir}: is slice {s.Index}/{s.Count}, but {first.Dir} splits into {first.Count}");
        }
        var indices = slices.Select(s => s.Index).ToList();
        var repeated = indices.GroupBy(i => i).FirstOrDefault(g => g.Count() > 1);
        if (repeated != null) throw new AgentSpinesInputException($"slice {repeated.Key}/{first.Count} is given twice");
        var absent = Enumerable.Range(0, first.Count).Except(indices).ToArray();
        if (absent.Length > 0) throw new AgentSpinesInputException($"slices missing: {string.Join(", ", absent.Select(i => $"{i}/{first.Count}"))}");

        string root = Path.GetFullPath(outDir);
        if (Directory.Exists(root) && Directory.EnumerateFileSystemEntries(root).Any())
            throw new AgentSpinesInputException($"{outDir}: output directory is not empty");
        var files = new List<DatasetFile>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in slices)
            foreach (var f in s.Manifest.Files)
            {
                if (!seen.Add(f.Path)) throw new AgentSpinesInputException($"{f.Path} is in more than one slice");
                DatasetPaths.CheckRelative(f.Path);
                string source = DatasetPaths.Full(s.Dir, f.Path);
                if (!usable.Contains(Path.GetFullPath(source))) continue;
                var bytes = File.ReadAllBytes(source);
                string sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
                if (!string.Equals(sha, f.Sha256, StringComparison.OrdinalIgnoreCase))
                    throw new AgentSpinesInputException($"{source}: changed while merging (SHA-256 {sha}, manifest {f.Sha256})");
                DatasetPaths.WriteAtomically(DatasetPaths.Full(root, f.Path), bytes);
                files.Add(f);
            }
        var extra = first.Manifest.Extra.Where(p => p.Key != "slice").ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        var manifest = first.Manifest with { Extra = extra, Files = files.OrderBy(f => f.Path, StringComparer.Ordinal).ToArray() };
        DatasetPaths.WriteAtomically(Path.Combine(root, DatasetManifest.FileName), System.Text.Encoding.UTF8.GetBytes(manifest.ToJson()));
        if (complete) DatasetPaths.WriteAtomically(Path.Combine(root, DatasetManifest.SuccessFileName), ReadOnlySpan<byte>.Empty);
        return manifest;
    }
}
