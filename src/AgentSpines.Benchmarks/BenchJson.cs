using System.Globalization;
using System.Text.Json;

namespace AgentSpines.Benchmarks;

/// <summary>Prints a benchmark's figures: one JSON object (with --json) or aligned lines.</summary>
public static class BenchJson
{
    public static void Emit(bool json, IReadOnlyList<(string Key, double Value, string Unit)> figures)
    {
        if (json)
        {
            var d = figures.ToDictionary(f => f.Key, f => (object)f.Value);
            Console.WriteLine(JsonSerializer.Serialize(d));
            return;
        }
        foreach (var (k, v, u) in figures)
            Console.WriteLine($"{k,-32} {v.ToString("G6", CultureInfo.InvariantCulture),16} {u}");
    }
}
