using System.Globalization;
using AgentSpines.Core;
using AgentSpines.EventLog.Dataset;
using AgentSpines.EventLog.Schema;
using AgentSpines.EventLog.Writing;

namespace AgentSpines.EventLog.Dataset;

/// <summary>Settings of a dataset: the Parquet options of every file and the run identity stamped into each file.</summary>
public sealed class DatasetOptions
{
    public ParquetWriterOptions Writer { get; init; } = new();
    /// <summary>Resolved run config JSON, stored in every file under agentspines.config.</summary>
    public string? ConfigJson { get; init; }
    /// <summary>Run seed, stored in every file under agentspines.seed.</summary>
    public ulong? Seed { get; init; }
}

/// <summary>
/// Writes a hive-partitioned dataset: <c>&lt;out&gt;/&lt;table&gt;/&lt;partition&gt;/part-&lt;shard:00000&gt;.parquet</c>.
/// Each file is written as <c>.part-NNNNN.parquet.tmp</c> in its directory and renamed when its writer closes, so a
/// crash never leaves a file that looks whole. <see cref="Commit"/> closes what is still open, writes manifest.json
/// (row counts, sizes and SHA-256 of every file) and then <c>_SUCCESS</c> last: a directory without _SUCCESS is
/// incomplete. <see cref="Abort"/> (or disposing without Commit) deletes temp files. Thread-safe for opening and
/// closing files; each file writer itself is used by one thread at a time.
/// </summary>
public sealed class DatasetWriter : IDisposable
{
    private readonly object _lock = new();
    private readonly DatasetOptions _options;
    private readonly Dictionary<string, OpenFile> _open = new(StringComparer.Ordinal);
    private readonly List<DatasetFile> _done = new();
    private bool _finished;

    private sealed record OpenFile(string RelativePath, string TempPath, string FinalPath, string Table, PartitionKey Partition, int Shard, HashingStream Stream, ParquetFileWriter Writer);

    public DatasetWriter(string outDir, DatasetOptions? options = null)
    {
        _options = options ?? new DatasetOptions();
        Root = Path.GetFullPath(outDir);
        if (File.Exists(Path.Combine(Root, DatasetManifest.SuccessFileName)))
            throw new AgentSpinesInputException($"{outDir}: already holds a complete dataset (_SUCCESS exists); choose another output directory");
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    /// <summary>Relative path of a data file, e.g. events/regime=baseline/replicate=0/part-00000.parquet.</summary>
    public static string RelativePathOf(string table, PartitionKey partition, int shard)
    {
        if (string.IsNullOrEmpty(table) || PartitionKey.Escape(table) != table || table.StartsWith('.') || table.StartsWith('_'))
            throw new ArgumentException($"table name '{table}' must use only A-Z a-z 0-9 - _ . ~ and not start with '.' or '_'");
        if (shard is < 0 or > 99999) throw new ArgumentOutOfRangeException(nameof(shard), shard, "shard must be in 0..99999");
        return $"{table}/{partition.RelativePath}/part-{shard.ToString("D5", CultureInfo.InvariantCulture)}.parquet";
    }

    /// <summary>Writes a whole file of <paramref name="schema"/>'s table: one row per item, its columns set by
    /// <paramref name="setRow"/> (for small tables written at the end of a run).</summary>
    public void WriteTable<T>(TableSchema schema, PartitionKey partition, int shard, IEnumerable<T> items, Action<ParquetFileWriter, T> setRow)
    {
        using var w = Open(schema.Name, schema, partition, shard);
        foreach (var item in items)
        {
            setRow(w, item);
            w.EndRow();
        }
        w.Close();
    }

    /// <summary>
    /// Opens a new file of <paramref name="table"/> for a partition and shard with any schema; maxRowGroupRows (if
    /// positive) caps the dataset's row-group size for this file, bounding the rows its writer buffers.
    /// </summary>
    public ParquetFileWriter Open(string table, TableSchema schema, PartitionKey partition, int shard = 0, int maxRowGroupRows = 0)
    {
        string rel = RelativePathOf(table, partition, shard);
        string final = Path.Combine(Root, rel.Replace('/', Path.DirectorySeparatorChar));
        string dir = Path.GetDirectoryName(final)!;
        string temp = Path.Combine(dir, "." + Path.GetFileName(final) + ".tmp");
        lock (_lock)
        {
            if (_finished) throw new InvalidOperationException("the dataset is already committed or aborted");
            if (_open.ContainsKey(rel) || _done.Any(f => f.Path == rel)) throw new InvalidOperationException($"{rel} is already written in this dataset");
            Directory.CreateDirectory(dir);
            // unbuffered where the system allows: the page cache's first touch of every page is what writing costs on a
            // machine whose free memory goes back to its host (DirectFileStream)
            var stream = new HashingStream(DirectFileStream.Create(temp));
            var writer = new ParquetFileWriter(stream, schema, _options.Writer.WithMetadata(FileMetadata(table)).WithRowGroupRowsAtMost(maxRowGroupRows));
            var open = new OpenFile(rel, temp, final, table, partition, shard, stream, writer);
            _open.Add(rel, open);
            writer.Closed += _ => OnClosed(open);
            return writer;
        }
    }

    /// <summary>Opens a typed table file; the table name is the record schema's name (events, snapshots, metrics...).</summary>
    public TableWriter<T> Open<T>(PartitionKey partition, int shard = 0) where T : struct, ITableRow<T>
        => new(Open(T.Schema.Name, T.Schema, partition, shard));

    private Dictionary<string, string> FileMetadata(string table)
    {
        var kv = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in _options.Writer.KeyValueMetadata) kv[k] = v;
        if (_options.ConfigJson != null) kv[MetadataKeys.Config] = _options.ConfigJson;
        if (_options.Seed.HasValue) kv[MetadataKeys.Seed] = _options.Seed.Value.ToString(CultureInfo.InvariantCulture);
        kv[MetadataKeys.Table] = table;
        return kv;
    }

    private void OnClosed(OpenFile f)
    {
        // The writer has flushed and disposed the hashing stream: rename, then record.
        File.Move(f.TempPath, f.FinalPath, overwrite: true);
        lock (_lock)
        {
            _open.Remove(f.RelativePath);
            _done.Add(new DatasetFile(f.RelativePath, f.Table, f.Partition.Parts, f.Shard, f.Writer.RowCount, f.Stream.BytesWritten, f.Stream.Sha256Hex!));
        }
    }

    /// <summary>Files closed so far.</summary>
    public IReadOnlyList<DatasetFile> CompletedFiles
    {
        get { lock (_lock) return _done.ToArray(); }
    }

    /// <summary>Closes open files, writes manifest.json (via a temp name) and then _SUCCESS. Returns the manifest.</summary>
    public DatasetManifest Commit(DatasetManifestInfo? info = null)
    {
        info ??= new DatasetManifestInfo();
        if ((info.ConfigJson ?? _options.ConfigJson) is string config) ValidateJson(config);
        OpenFile[] open;
        lock (_lock)
        {
            if (_finished) throw new InvalidOperationException("the dataset is already committed or aborted");
            open = _open.Values.ToArray();
        }
        foreach (var f in open) f.Writer.Close();
        DatasetManifest manifest;
        lock (_lock)
        {
            if (_open.Count > 0) throw new InvalidOperationException("files were opened during Commit");
            _finished = true;
            manifest = new DatasetManifest(1, SoftwareVersion.Value, info.Seed ?? _options.Seed ?? 0, info.Shards, info.CreatedUtc, info.ConfigJson ?? _options.ConfigJson,
                info.Extra ?? new Dictionary<string, string>(), _done.OrderBy(f => f.Path, StringComparer.Ordinal).ToArray());
        }
        WriteAtomically(Path.Combine(Root, DatasetManifest.FileName), manifest.ToJson());
        WriteAtomically(Path.Combine(Root, DatasetManifest.SuccessFileName), "");
        return manifest;
    }

    private static void ValidateJson(string json)
    {
        try
        {
            using var _ = System.Text.Json.JsonDocument.Parse(json);
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new ArgumentException($"the run config is not valid JSON: {e.Message}", e);
        }
    }

    private static void WriteAtomically(string path, string content)
    {
        string temp = Path.Combine(Path.GetDirectoryName(path)!, "." + Path.GetFileName(path) + ".tmp");
        using (var fs = new FileStream(temp, FileMode.Create, FileAccess.Write))
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(content);
            fs.Write(bytes);
            fs.Flush(flushToDisk: true);
        }
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Abandons the dataset: open files are released and their temp files deleted (completed files stay, without _SUCCESS).</summary>
    public void Abort()
    {
        OpenFile[] open;
        lock (_lock)
        {
            if (_finished) return;
            _finished = true;
            open = _open.Values.ToArray();
            _open.Clear();
        }
        foreach (var f in open)
        {
            try { f.Writer.Abandon(); } catch (Exception e) when (e is IOException or InvalidOperationException or ObjectDisposedException) { }
            try { f.Stream.Dispose(); } catch (IOException) { }
            try { File.Delete(f.TempPath); } catch (IOException) { }
        }
    }

    /// <summary>Without a Commit, disposing aborts.</summary>
    public void Dispose() => Abort();
}
