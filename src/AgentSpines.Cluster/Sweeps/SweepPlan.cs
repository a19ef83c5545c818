using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AgentSpines.Actors.Simulation;
using AgentSpines.Cluster.Execution;
using AgentSpines.Core.Configuration;

namespace AgentSpines.Cluster.Sweeps;

/// <summary>
/// A sweep with every configuration resolved and every job enumerated in canonical order:
/// regimes (as listed) x parameter points (as listed) x replicates x dendrite blocks. Everything a dataset holds
/// (paths, manifest) derives from this list, so every mode (in-process, sharded, distributed) gives the same files.
/// </summary>
public sealed class SweepPlan
{
    private SweepPlan(SweepConfig config, IReadOnlyList<SweepJob> jobs, IReadOnlyDictionary<string, string> configs)
    {
        Config = config;
        Jobs = jobs;
        ResolvedConfigs = configs;
        SweepId = ComputeId(config, jobs);
        ManifestConfigJson = BuildManifestConfig(config, configs);
        Seed = FirstSeed(configs.Values.FirstOrDefault());
    }

    public SweepConfig Config { get; }
    public IReadOnlyList<SweepJob> Jobs { get; }
    /// <summary>Resolved config JSON per "regime.pNNN".</summary>
    public IReadOnlyDictionary<string, string> ResolvedConfigs { get; }
    /// <summary>16 hex digits identifying the job list and its configs; names the results queue and guards resume.</summary>
    public string SweepId { get; }
    /// <summary>The "config" object of manifest.json: the sweep's shape and every resolved config.</summary>
    public string ManifestConfigJson { get; }
    /// <summary>Run seed of the first configuration (manifest "seed"; each config keeps its own).</summary>
    public ulong Seed { get; }

    public static string LabelOf(string configPath) => Path.GetFileNameWithoutExtension(configPath);

    public static SweepPlan Build(SweepConfig config, EngineRegistry engines)
    {
        var executor = engines.Get(config.Engine);
        var jobs = new List<SweepJob>();
        var configs = new Dictionary<string, string>(StringComparer.Ordinal);
        var regimes = config.Regimes.Count > 0 ? config.Regimes.Select(r => (Label: LabelOf(r), File: (string?)r)).ToList()
            : [(config.Base!.Label, null)];
        using var inlineBase = InlineBaseFile.For(config.Base);
        bool pointLevel = config.Grid.Count > 1;
        foreach (var (label, regimeFile) in regimes)
        {
            for (int p = 0; p < config.Grid.Count; p++)
            {
                string configPath;
                var overrides = new List<string>();
                if (config.Base == null) configPath = regimeFile!;
                else
                {
                    configPath = config.Base.Path ?? inlineBase!.Path;
                    if (regimeFile != null) overrides.AddRange(ConfigFlattener.ToOverrides(regimeFile));
                }
                overrides.AddRange(config.Overrides);
                overrides.AddRange(config.Grid[p]);
                if (config.Replicates is { } reps) overrides.Add($"--Run:Replicates={reps.ToString(CultureInfo.InvariantCulture)}");
                string resolved;
                try
                {
                    resolved = executor.ResolveConfigJson(configPath, overrides);
                }
                catch (ConfigException e)
                {
                    throw new ConfigException(e.Key, $"{config.SourcePath} (regime '{label}', Grid:{p}): {e.Message}", e);
                }
                configs[$"{label}.p{p:D3}"] = resolved;
                int blocks = BlockCountOf(config, resolved, label);
                int replicates = ReplicatesOf(resolved);
                for (int rep = 0; rep < replicates; rep++)
                    for (int b = 0; b < blocks; b++)
                        jobs.Add(new SweepJob(jobs.Count, label, p, pointLevel ? p : null, config.Engine, new SimulationJob(resolved, rep, b, blocks)));
            }
        }
        return new SweepPlan(config, jobs, configs);
    }

    private static int BlockCountOf(SweepConfig config, string resolved, string label)
    {
        if (config.BlockCount is { } n) return n;
        if (config.DendritesPerBlock is not { } per) return 1;
        using var doc = JsonDocument.Parse(resolved);
        if (!doc.RootElement.TryGetProperty("Dendrites", out var d) || !d.TryGetProperty("Count", out var c) || !c.TryGetInt32(out int count) || count < 1)
            throw new ConfigException("DendritesPerBlock", $"{config.SourcePath}: sweep key 'DendritesPerBlock' needs Dendrites:Count in the config of regime '{label}'");
        return (count + per - 1) / per;
    }

    /// <summary>Run:Replicates of a resolved config (the sweep's Replicates was applied as an override), default 1.</summary>
    private static int ReplicatesOf(string resolved)
    {
        using var doc = JsonDocument.Parse(resolved);
        return doc.RootElement.TryGetProperty("Run", out var run) && run.TryGetProperty("Replicates", out var r) && r.TryGetInt32(out int n) && n >= 1 ? n : 1;
    }

    private static string ComputeId(SweepConfig config, IReadOnlyList<SweepJob> jobs)
    {
        using var h = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(string s) { h.AppendData(Encoding.UTF8.GetBytes(s)); h.AppendData([0]); }
        Add(config.Name);
        Add(config.Engine);
        foreach (var j in jobs)
        {
            Add(j.Key);
            Add(j.PointLevel?.ToString(CultureInfo.InvariantCulture) ?? "-");
            Add(j.Job.ConfigJson);
        }
        return Convert.ToHexStringLower(h.GetHashAndReset())[..16];
    }

    private static string BuildManifestConfig(SweepConfig config, IReadOnlyDictionary<string, string> configs)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms))
        {
            w.WriteStartObject();
            w.WriteString("sweep", config.Name);
            w.WriteString("engine", config.Engine);
            if (config.Replicates is { } reps) w.WriteNumber("replicates", reps); else w.WriteNull("replicates");
            w.WriteStartArray("regimes");
            foreach (var r in configs.Keys.Select(k => k[..k.LastIndexOf(".p", StringComparison.Ordinal)]).Distinct()) w.WriteStringValue(r);
            w.WriteEndArray();
            w.WriteStartArray("overrides");
            foreach (var o in config.Overrides) w.WriteStringValue(o);
            w.WriteEndArray();
            w.WriteStartArray("points");
            foreach (var point in config.Grid)
            {
                w.WriteStartArray();
                foreach (var o in point) w.WriteStringValue(o);
                w.WriteEndArray();
            }
            w.WriteEndArray();
            w.WriteStartObject("configs");
            foreach (var (k, v) in configs)
            {
                w.WritePropertyName(k);
                using var doc = JsonDocument.Parse(v);
                doc.RootElement.WriteTo(w);
            }
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(ms.ToArray());
    }

    private static ulong FirstSeed(string? resolved)
    {
        if (resolved == null) return 0;
        using var doc = JsonDocument.Parse(resolved);
        return doc.RootElement.TryGetProperty("Run", out var run) && run.TryGetProperty("Seed", out var s) && s.TryGetUInt64(out ulong seed) ? seed : 0;
    }

    /// <summary>An inline Base object written to a temp file for the config resolver, deleted afterwards.</summary>
    private sealed class InlineBaseFile : IDisposable
    {
        public string Path { get; }
        private InlineBaseFile(string json)
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"agentspines-sweep-base-{Guid.NewGuid():N}.json");
            File.WriteAllText(Path, json);
        }

        public static InlineBaseFile? For(SweepBase? b) => b?.InlineJson is { } json ? new InlineBaseFile(json) : null;

        public void Dispose()
        {
            try { File.Delete(Path); } catch (IOException) { }
        }
    }
}
