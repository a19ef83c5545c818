using System.Text.Json;
using AgentSpines.EventLog.Dataset;

namespace AgentSpines.Cluster.Results;

/// <summary>One line of the results journal: a job whose files are safe on disk, and those files.</summary>
public sealed record JournalEntry(string JobKey, IReadOnlyList<DatasetFile> Files)
{
    public string ToJson()
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms))
        {
            w.WriteStartObject();
            w.WriteString("job_key", JobKey);
            w.WriteStartArray("files");
            foreach (var f in Files)
            {
                w.WriteStartObject();
                w.WriteString("path", f.Path);
                w.WriteString("table", f.Table);
                w.WriteStartArray("partition");
                foreach (var (k, v) in f.Partition) { w.WriteStartArray(); w.WriteStringValue(k); w.WriteStringValue(v); w.WriteEndArray(); }
                w.WriteEndArray();
                w.WriteNumber("shard", f.Shard);
                w.WriteNumber("rows", f.Rows);
                w.WriteNumber("bytes", f.Bytes);
                w.WriteString("sha256", f.Sha256);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(ms.ToArray());
    }

    /// <summary>Parses an entry; null when the file is damaged (the job is then simply done again).</summary>
    public static JournalEntry? TryParse(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var r = doc.RootElement;
            var files = r.GetProperty("files").EnumerateArray().Select(f => new DatasetFile(
                f.GetProperty("path").GetString()!, f.GetProperty("table").GetString()!,
                f.GetProperty("partition").EnumerateArray().Select(p => new KeyValuePair<string, string>(p[0].GetString()!, p[1].GetString()!)).ToArray(),
                f.GetProperty("shard").GetInt32(), f.GetProperty("rows").GetInt64(), f.GetProperty("bytes").GetInt64(), f.GetProperty("sha256").GetString()!)).ToArray();
            return new JournalEntry(r.GetProperty("job_key").GetString()!, files);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or NullReferenceException)
        {
            return null;
        }
    }
}
