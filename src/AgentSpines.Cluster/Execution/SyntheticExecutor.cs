using System.Globalization;
using System.Text.Json;
using AgentSpines.Actors.Simulation;
using AgentSpines.Core.Configuration;
using AgentSpines.Core.Random;
using AgentSpines.EventLog.Dataset;
using AgentSpines.EventLog.Schema;

namespace AgentSpines.Cluster.Execution;

/// <summary>
/// A deterministic stand-in job: <c>Synthetic:WorkIterations</c> counter-based random draws of CPU work and
/// <c>Synthetic:Rows</c> event rows drawn from the replicate's key and the block, written as events and metrics
/// tables in partition regime=&lt;Regime:Name&gt;/replicate=&lt;k&gt;, shard = block. Same job, same bytes.
/// </summary>
public sealed class SyntheticExecutor : IJobExecutor
{
    private static readonly Dictionary<string, (long Min, long Max)> Integers = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Run:Seed"] = (0, long.MaxValue),
        ["Run:Replicates"] = (1, 100_000),
        ["Synthetic:Rows"] = (0, 50_000_000),
        ["Synthetic:WorkIterations"] = (0, 1_000_000_000_000),
        ["Synthetic:Steps"] = (1, 100_000),
    };

    public static readonly TableSchema Events = new("events",
        ColumnSpec.Double("time_h", unit: "h"),
        ColumnSpec.Int64("spine_id"),
        ColumnSpec.String("event_type", dictionary: true),
        ColumnSpec.Double("volume_um3", unit: "um^3"));

    public static readonly TableSchema Metrics = new("metrics",
        ColumnSpec.Int32("step"),
        ColumnSpec.Double("time_h", unit: "h"),
        ColumnSpec.Int64("events"),
        ColumnSpec.Int64("work_checksum"));

    private static readonly string[] EventTypes = ["formation", "elimination", "growth", "shrinkage"];

    public string ResolveConfigJson(string configPath, IEnumerable<string> overrides)
    {
        var config = ConfigSources.Build(configPath, overrides, includeEnvironment: false);
        var values = new SortedDictionary<string, SortedDictionary<string, object>>(StringComparer.Ordinal)
        {
            ["Regime"] = new(StringComparer.Ordinal) { ["Name"] = "synthetic" },
            ["Run"] = new(StringComparer.Ordinal) { ["Replicates"] = 1L, ["Seed"] = 1L },
            ["Synthetic"] = new(StringComparer.Ordinal) { ["Rows"] = 1000L, ["Steps"] = 10L, ["WorkIterations"] = 0L },
        };
        foreach (var section in config.GetChildren())
        {
            foreach (var item in section.GetChildren())
            {
                string key = $"{section.Key}:{item.Key}";
                if (!values.TryGetValue(section.Key, out var sec) || !sec.ContainsKey(item.Key))
                    throw new ConfigException(key, $"unknown config key '{key}' for the synthetic engine (allowed: Regime:Name, Run:Seed, Run:Replicates, Synthetic:Rows, Synthetic:Steps, Synthetic:WorkIterations)");
                if (key == "Regime:Name")
                {
                    if (string.IsNullOrEmpty(item.Value)) throw ConfigException.Value(key, item.Value, "a non-empty name");
                    sec[item.Key] = item.Value;
                    continue;
                }
                var (min, max) = Integers[key];
                if (!long.TryParse(item.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out long v) || v < min || v > max)
                    throw ConfigException.Value(key, item.Value, $"an integer in [{min}, {max}]");
                sec[item.Key] = v;
            }
        }
        return JsonSerializer.Serialize(values);
    }

    public void Execute(SimulationJob job, DatasetWriter writer, IProgress<JobProgress>? progress, CancellationToken ct)
    {
        using var doc = JsonDocument.Parse(job.ConfigJson);
        var root = doc.RootElement;
        string regime = root.GetProperty("Regime").GetProperty("Name").GetString()!;
        ulong seed = root.GetProperty("Run").GetProperty("Seed").GetUInt64();
        var syn = root.GetProperty("Synthetic");
        long rows = syn.GetProperty("Rows").GetInt64();
        int steps = syn.GetProperty("Steps").GetInt32();
        long work = syn.GetProperty("WorkIterations").GetInt64();

        ulong key = RunSeed.ForReplicate(seed, job.Replicate);
        var partition = PartitionKey.Of(regime, job.Replicate);
        var rng = new RandomStream(key, (ulong)job.Block, StreamId.FirstFree);
        var workRng = new RandomStream(key, (ulong)job.Block, StreamId.FirstFree + 1);
        var events = writer.Open(Events.Name, Events, partition, job.Block);
        var metrics = writer.Open(Metrics.Name, Metrics, partition, job.Block);
        long written = 0;
        for (int step = 0; step < steps; step++)
        {
            long checksum = 0;
            long stepWork = work / steps + (step < work % steps ? 1 : 0);
            for (long i = 0; i < stepWork; i++)
            {
                checksum ^= workRng.NextUInt32() + i;
                if ((i & 0xFFFFF) == 0) ct.ThrowIfCancellationRequested();
            }
            long stepRows = rows / steps + (step < rows % steps ? 1 : 0);
            for (long i = 0; i < stepRows; i++)
            {
                events.SetDouble(0, step + rng.NextDouble());
                events.SetInt64(1, job.Block * 1_000_000L + rng.NextInt(100_000));
                events.SetString(2, EventTypes[rng.NextInt(EventTypes.Length)]);
                events.SetDouble(3, rng.NextExponential(10.0));
                events.EndRow();
            }
            written += stepRows;
            metrics.SetInt32(0, step);
            metrics.SetDouble(1, step + 1.0);
            metrics.SetInt64(2, stepRows);
            metrics.SetInt64(3, checksum);
            metrics.EndRow();
            ct.ThrowIfCancellationRequested();
            progress?.Report(new JobProgress(step + 1, steps, 0, written));
        }
        events.Close();
        metrics.Close();
    }
}
