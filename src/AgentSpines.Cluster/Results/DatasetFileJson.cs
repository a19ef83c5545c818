using System.Text.Json;
using AgentSpines.EventLog.Dataset;

namespace AgentSpines.Cluster.Results;

/// <summary>
/// A dataset file's entry as the journal and the result message write it: path, table, partition as an ordered
/// array of [key, value] pairs (the order is the partition's path order), shard, rows, bytes and SHA-256.
/// </summary>
public static class DatasetFileJson
{
    public static void Write(Utf8JsonWriter w, DatasetFile f)
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

    /// <summary>Reads an entry; a missing or mistyped member throws (KeyNotFoundException, InvalidOperationException).</summary>
    public static DatasetFile Read(JsonElement f) => new(
        f.GetProperty("path").GetString()!, f.GetProperty("table").GetString()!,
        f.GetProperty("partition").EnumerateArray().Select(p => new KeyValuePair<string, string>(p[0].GetString()!, p[1].GetString()!)).ToArray(),
        f.GetProperty("shard").GetInt32(), f.GetProperty("rows").GetInt64(), f.GetProperty("bytes").GetInt64(), f.GetProperty("sha256").GetString()!);
}
