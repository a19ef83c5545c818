using System.Globalization;
using System.Security.Cryptography;
using AgentSpines.Cluster.Execution;
using AgentSpines.Cluster.Sweeps;
using AgentSpines.Core;
using AgentSpines.EventLog;

namespace AgentSpines.Cluster.Results;

/// <summary>What happened to a result handed to <see cref="ResultStore.Ingest"/>.</summary>
public enum IngestOutcome { Accepted, Duplicate, UnknownJob }

/// <summary>
/// The output directory of a sweep (or a slice of one) while it fills. A job's files are written at their final
/// paths (temp name, flush, rename), then a journal entry <c>_journal/&lt;job&gt;.json</c> records them: a job is
/// safe once its entry exists. On restart the journal says what not to redo. A second result for a safe job is a
/// duplicate and ignored. <see cref="Assemble"/> writes manifest.json (files sorted by path, no timestamp) and then
/// _SUCCESS, and removes the journal. Thread-safe.
/// </summary>
public sealed class ResultStore
{
    public const string JournalDir = "_journal";
    private const string SweepFile = "sweep.id";
    private const string PublishedFile = "published";

    private readonly object _lock = new();
    private readonly SweepPlan _plan;
    private readonly ShardSpec? _slice;
    private readonly Dictionary<string, SweepJob> _expected;
    private readonly Dictionary<string, JournalEntry> _done = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _owner = new(StringComparer.Ordinal);
    private readonly string _journal;

    public ResultStore(string outDir, SweepPlan plan, ShardSpec? slice = null)
    {
        Root = Path.GetFullPath(outDir);
        _plan = plan;
        _slice = slice;
        _expected = (slice is { } s ? s.Select(plan.Jobs) : plan.Jobs).ToDictionary(j => j.Key, StringComparer.Ordinal);
        _journal = Path.Combine(Root, JournalDir);
        if (IsComplete) return;
        if (Directory.Exists(Root) && !Directory.Exists(_journal) && Directory.EnumerateFileSystemEntries(Root).Any())
            throw new AgentSpinesInputException($"{outDir}: output directory is not empty and holds no sweep journal; choose an empty or new directory");
        Directory.CreateDirectory(_journal);
        string idFile = Path.Combine(_journal, SweepFile);
        string identity = plan.SweepId + (slice is { } sl ? " " + sl : "");
        if (File.Exists(idFile))
        {
            string existing = File.ReadAllText(idFile).Trim();
            if (existing != identity)
                throw new AgentSpinesInputException($"{outDir}: holds an unfinished run of another sweep or slice ({existing}, this one is {identity}); choose another output directory");
        }
        else DatasetPaths.WriteAtomically(idFile, System.Text.Encoding.UTF8.GetBytes(identity + "\n"));
        LoadJournal();
    }

    public string Root { get; }
    public bool IsComplete => File.Exists(Path.Combine(Root, DatasetManifest.SuccessFileName));
    public int ExpectedCount => _expected.Count;
    public IReadOnlyCollection<SweepJob> ExpectedJobs => _expected.Values;

    public int DoneCount { get { lock (_lock) return _done.Count; } }

    public bool IsDone(string jobKey) { lock (_lock) return _done.ContainsKey(jobKey); }

    public IReadOnlyList<SweepJob> PendingJobs()
    {
        lock (_lock) return _expected.Values.Where(j => !_done.ContainsKey(j.Key)).OrderBy(j => j.Index).ToArray();
    }

    /// <summary>
    /// The journal of published jobs (nonce and config hashes), or null if this sweep's jobs were not put on the
    /// broker yet (a restarted coordinator does not re-publish).
    /// </summary>
    public PublishedJobs? Published
    {
        get
        {
            string file = Path.Combine(_journal, PublishedFile);
            return File.Exists(file) ? PublishedJobs.TryParse(File.ReadAllText(file)) : null;
        }
    }

    /// <summary>Records published jobs; written before the messages are sent, so no result can precede its journal entry.</summary>
    public void MarkPublished(PublishedJobs published)
        => DatasetPaths.WriteAtomically(Path.Combine(_journal, PublishedFile), System.Text.Encoding.UTF8.GetBytes(published.ToJson()));

    private void LoadJournal()
    {
        foreach (var file in Directory.EnumerateFiles(_journal, "*.json").Order(StringComparer.Ordinal))
        {
            var entry = JournalEntry.TryParse(File.ReadAllText(file));
            if (entry == null || !_expected.ContainsKey(entry.JobKey) || !entry.Files.All(FileIsIntact)) continue;
            _done[entry.JobKey] = entry;
            foreach (var f in entry.Files) _owner[f.Path] = entry.JobKey;
        }
    }

    private bool FileIsIntact(DatasetFile f)
    {
        string full = DatasetPaths.Full(Root, f.Path);
        if (!File.Exists(full) || new FileInfo(full).Length != f.Bytes) return false;
        using var s = File.OpenRead(full);
        return Convert.ToHexStringLower(SHA256.HashData(s)) == f.Sha256;
    }

    /// <summary>Places a job's files and journals the job. Only returns once the result is safe on disk.</summary>
    public IngestOutcome Ingest(JobResult result)
    {
        lock (_lock)
        {
            if (!_expected.ContainsKey(result.JobKey)) return IngestOutcome.UnknownJob;
            if (_done.ContainsKey(result.JobKey)) return IngestOutcome.Duplicate;
            foreach (var f in result.Files)
            {
                DatasetPaths.CheckRelative(f.Entry.Path);
                if (_owner.TryGetValue(f.Entry.Path, out var other) && other != result.JobKey)
                    throw new AgentSpinesInputException($"jobs '{other}' and '{result.JobKey}' both write {f.Entry.Path}: give the regimes of a sweep distinct run names (Run:Name) or use a Grid");
                if (f.Content.LongLength != f.Entry.Bytes || Convert.ToHexStringLower(SHA256.HashData(f.Content)) != f.Entry.Sha256)
                    throw new InvalidDataException($"{f.Entry.Path} of job '{result.JobKey}' does not match its SHA-256");
            }
            foreach (var f in result.Files) DatasetPaths.WriteAtomically(DatasetPaths.Full(Root, f.Entry.Path), f.Content);
            var entry = new JournalEntry(result.JobKey, result.Files.Select(f => f.Entry).ToArray());
            DatasetPaths.WriteAtomically(Path.Combine(_journal, result.JobKey + ".json"), System.Text.Encoding.UTF8.GetBytes(entry.ToJson()));
            _done[result.JobKey] = entry;
            foreach (var f in result.Files) _owner[f.Entry.Path] = result.JobKey;
            return IngestOutcome.Accepted;
        }
    }

    /// <summary>Writes manifest.json and then _SUCCESS once every expected job is safe; removes the journal.</summary>
    public DatasetManifest Assemble()
    {
        lock (_lock)
        {
            if (IsComplete) return new DatasetReader(Root).ReadManifest();
            var missing = _expected.Keys.Where(k => !_done.ContainsKey(k)).ToArray();
            if (missing.Length > 0) throw new InvalidOperationException($"{missing.Length} jobs are not done yet (first: {missing[0]})");
            var files = _done.Values.SelectMany(e => e.Files).OrderBy(f => f.Path, StringComparer.Ordinal).ToArray();
            var manifest = ManifestFor(_plan, files, _slice);
            RemoveStrayTempFiles();
            DatasetPaths.WriteAtomically(Path.Combine(Root, DatasetManifest.FileName), System.Text.Encoding.UTF8.GetBytes(manifest.ToJson()));
            DatasetPaths.WriteAtomically(Path.Combine(Root, DatasetManifest.SuccessFileName), ReadOnlySpan<byte>.Empty);
            Directory.Delete(_journal, recursive: true);
            return manifest;
        }
    }

    /// <summary>The manifest of a sweep dataset (or slice): same inputs, same bytes, in every mode.</summary>
    public static DatasetManifest ManifestFor(SweepPlan plan, IReadOnlyList<DatasetFile> sortedFiles, ShardSpec? slice)
    {
        var extra = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["sweep"] = plan.Config.Name,
            ["sweep_id"] = plan.SweepId,
            ["jobs"] = plan.Jobs.Count.ToString(CultureInfo.InvariantCulture),
        };
        if (slice is { } s) extra["slice"] = s.ToString();
        return new DatasetManifest(1, SoftwareVersion.Value, plan.Seed, plan.Jobs.Count, null, plan.ManifestConfigJson, extra, sortedFiles);
    }

    private void RemoveStrayTempFiles()
    {
        foreach (var f in Directory.EnumerateFiles(Root, ".*.tmp", SearchOption.AllDirectories))
            try { File.Delete(f); } catch (IOException) { }
    }
}
