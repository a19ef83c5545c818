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
            foreach (var f in Files) DatasetFileJson.Write(w, f);
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
            var files = r.GetProperty("files").EnumerateArray().Select(DatasetFileJson.Read).ToArray();
            return new JournalEntry(r.GetProperty("job_key").GetString()!, files);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or NullReferenceException)
        {
            return null;
        }
    }
}
