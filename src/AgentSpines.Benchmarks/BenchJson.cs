using System.Globalization;
using System.Text.Json;

namespace AgentSpines.Benchmarks;

/// <summary>Prints a benchmark's figures: one JSON object (with --json) or aligned lines.</summary>
public static class BenchJson
{
    /// <param name="texts">Entries that are words, not numbers (e.g. what the benchmark did), after the figures.</param>
    public static void Emit(bool json, IReadOnlyList<(string Key, double Value, string Unit)> figures, IReadOnlyList<(string Key, string Text, string Unit)>? texts = null)
    {
        texts ??= [];
        if (json)
        {
            var d = new Dictionary<string, object>();
            foreach (var f in figures) d.Add(f.Key, f.Value);
            foreach (var t in texts) d.Add(t.Key, t.Text);
            Console.WriteLine(JsonSerializer.Serialize(d));
            return;
        }
        foreach (var (k, v, u) in figures)
            Console.WriteLine($"{k,-32} {v.ToString("G6", CultureInfo.InvariantCulture),16} {u}");
        foreach (var (k, t, u) in texts)
            Console.WriteLine($"{k,-32} {t,16} {u}");
    }
}
