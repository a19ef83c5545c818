using AgentSpines.Core;
using AgentSpines.EventLog;

namespace AgentSpines.Cluster.Results;

/// <summary>
/// `agentspines merge`: assembles the slices of a sweep (from `sweep --shard i/N`) into one dataset identical to the
/// single run: every slice must be complete and intact, belong to the same sweep, and the slices must cover 0..N-1
/// exactly once. Files are copied (temp name, rename); the manifest is the single run's (no "slice" field).
/// </summary>
public static class SliceMerger
{
    public static DatasetManifest Merge(IReadOnlyList<string> sliceDirs, string outDir)
    {
        if (sliceDirs.Count == 0) throw new AgentSpinesInputException("merge needs at least one slice directory");
        var slices = new List<(string Dir, DatasetManifest Manifest, int Index, int Count)>();
        foreach (var dir in sliceDirs)
        {
            var reader = new DatasetReader(dir);
            var problems = reader.Verify();
            if (problems.Count > 0) throw new AgentSpinesInputException($"{dir}: not a complete, intact slice ({problems[0]})");
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
                DatasetPaths.WriteAtomically(DatasetPaths.Full(root, f.Path), File.ReadAllBytes(DatasetPaths.Full(s.Dir, f.Path)));
                files.Add(f);
            }
        var extra = first.Manifest.Extra.Where(p => p.Key != "slice").ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        var manifest = first.Manifest with { Extra = extra, Files = files.OrderBy(f => f.Path, StringComparer.Ordinal).ToArray() };
        DatasetPaths.WriteAtomically(Path.Combine(root, DatasetManifest.FileName), System.Text.Encoding.UTF8.GetBytes(manifest.ToJson()));
        DatasetPaths.WriteAtomically(Path.Combine(root, DatasetManifest.SuccessFileName), ReadOnlySpan<byte>.Empty);
        return manifest;
    }
}
