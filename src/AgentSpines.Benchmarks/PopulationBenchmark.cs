using System.Diagnostics;
using System.Globalization;
using AgentSpines.Actors.Population;
using AgentSpines.Actors.Simulation;
using AgentSpines.Core.Random;
using AgentSpines.EventLog;
using AgentSpines.EventLog.Dataset;
using AgentSpines.EventLog.Reading;
using AgentSpines.EventLog.Schema;
using AgentSpines.EventLog.Writing;
using AgentSpines.Plasticity.Model;
using AgentSpines.Plasticity.Population;
using AgentSpines.Plasticity.Regime;
using AgentSpines.Plasticity.State;

namespace AgentSpines.Benchmarks;

/// <summary>
/// `agentspines bench population [--spines N] [--days D] [--threads T] [--per-spine N] [--json]`: the Akka engine
/// on a vehicle-only baseline population at 1 h steps with its dataset written (engine_s), the plain PopulationDriver
/// on the same population in the same process (plain_s, one thread, nothing written), and the design not taken, one
/// Akka actor per spine on --per-spine spines (default 100,000; 0 skips it). Peak resident memory is read right after
/// the engine run (the other figures come later); bytes_per_spine is the managed memory of the engine's spine data
/// (states, streams, arrays) per spine, measured by seeding the population again.
/// </summary>
public static class PopulationBenchmark
{
    public static int Run(bool json, int spines, double days, int threads, int perSpine)
    {
        threads = threads > 0 ? threads : Environment.ProcessorCount;
        double loadBefore = ProcessGauges.LoadAverage();
        var config = Config(spines, days);
        var cpu0 = ProcessGauges.CpuSeconds();
        double engine = EngineSeconds(config, threads, out long liveSpines);
        double engineCpu = ProcessGauges.CpuSeconds() - cpu0;
        double peakRssMb = ProcessGauges.PeakRssMb();
        double loadAfterEngine = ProcessGauges.LoadAverage();
        Progress($"engine_s {engine:F1} (cpu {engineCpu:F1} s), peak_rss_mb {peakRssMb:F0}, collections {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)} (gen0/1/2), pause {GC.GetTotalPauseDuration().TotalSeconds:F1} s, allocated {GC.GetTotalAllocatedBytes() / 1e9:F2} GB");
        double bytes = BytesPerSpine(config, out long seeded);
        Progress($"bytes_per_spine {bytes:F1} ({seeded} spines)");
        var cpu1 = ProcessGauges.CpuSeconds();
        double plain = PlainSeconds(config);
        double plainCpu = ProcessGauges.CpuSeconds() - cpu1;
        Progress($"plain_s {plain:F1} (cpu {plainCpu:F1} s)");
        double perSpineSeconds = double.NaN;
        if (perSpine > 0)
        {
            var p = Config(perSpine, days);
            perSpineSeconds = PerSpineActorBenchmark.Run(p.Plasticity, p.Regime, p.Dendrites.Count, p.Dendrites.LengthUm, p.Dendrites.SegmentLengthUm,
                days, p.Run.StepHours, p.Run.Seed, threads).Seconds;
        }
        (string, double, string)[] figures =
        [
            ("spines", seeded, "spines at the start"),
            ("spines_end", liveSpines, "spines at the end"),
            ("days", days, "days at 1 h steps"),
            ("threads", threads, "dispatcher threads"),
            ("engine_s", engine, "s, Akka engine, dataset written"),
            ("plain_s", plain, "s, plain PopulationDriver, one thread, nothing written"),
            ("engine_over_plain", engine / plain, "ratio"),
            ("engine_cpu_s", engineCpu, "s, processor time of the engine run, all threads"),
            ("plain_cpu_s", plainCpu, "s, processor time of the plain run"),
            ("akka_per_spine_actor_s", perSpineSeconds, $"s, one Akka actor per spine, {perSpine:N0} spines, nothing written"),
            ("bytes_per_spine", bytes, "B managed, engine spine data"),
            ("peak_rss_mb", peakRssMb, "MB, after the engine run"),
            ("processors", Environment.ProcessorCount, "logical processors"),
            ("load_average_before", loadBefore, "1-minute load average of the machine at the start"),
            ("load_average_after_engine", loadAfterEngine, "1-minute load average right after the engine run"),
        ];
        BenchJson.Emit(json, figures.Where(f => double.IsFinite(f.Item2)).ToArray(), // a figure not measured is left out
            [("vector_isa", ProcessGauges.VectorIsa(), "widest vector forms of the hot loops here")]);
        return 0;
    }

    /// <summary>Each figure as soon as it is measured, on stderr (stdout keeps the one JSON object): long runs on shared machines.</summary>
    private static void Progress(string line) => Console.Error.WriteLine($"bench population: {line} (load {ProcessGauges.LoadAverage().ToString(CultureInfo.InvariantCulture)})");

    private static SimulationConfig Config(int spines, double days)
    {
        int dendrites = (int)Math.Ceiling(spines / (1.2 * 100.0));
        return SimulationConfig.Load(null, ["--Run:Name=bench", $"--Run:DurationDays={days.ToString(CultureInfo.InvariantCulture)}",
            "--Run:Replicates=1", $"--Dendrites:Count={dendrites}", "--Regime:Arms=VehicleOnly", "--Output:SnapshotEveryHours=0",
            "--Imaging:SessionDays:0=0", "--Imaging:SessionDays:1=7", "--Regime:ReferenceDay=0"], includeEnvironment: false);
    }

    private static double EngineSeconds(SimulationConfig config, int threads, out long liveSpines)
    {
        string root = Path.Combine(Path.GetTempPath(), "agentspines-bench-" + Guid.NewGuid().ToString("N"));
        try
        {
            string cfg = config.ToJson();
            var sw = Stopwatch.StartNew();
            // written as `run` writes (row groups of Output:RowGroupRows)
            using var writer = new DatasetWriter(root, new DatasetOptions { Writer = new ParquetWriterOptions { RowGroupRows = config.Output.RowGroupRows } });
            var outcome = SimulationJobs.Execute(new SimulationJob(cfg, 0), writer, null, CancellationToken.None, threads);
            writer.Commit(new DatasetManifestInfo { ConfigJson = cfg, Seed = config.Run.Seed });
            sw.Stop();
            liveSpines = (long)Math.Round(outcome.Runs[0].DailyDensityPerUm[^1] * config.Dendrites.Count * config.Dendrites.LengthUm);
            return sw.Elapsed.TotalSeconds;
        }
        finally
        {
            try { Directory.Delete(root, true); } catch (IOException) { }
        }
    }

    private static double PlainSeconds(SimulationConfig config)
    {
        var model = new PlasticityModel(config.Plasticity, config.Run.StepHours);
        var regime = new DrugRegime(config.Regime, config.Run.StepHours);
        var driver = new PopulationDriver(model, regime, config.Imaging);
        var spec = new PopulationSpec
        {
            Name = config.Run.Name, Seed = config.Run.Seed, DurationDays = config.Run.DurationDays, StepHours = config.Run.StepHours, Replicates = 1,
            DendriteCount = config.Dendrites.Count, DendriteLengthUm = config.Dendrites.LengthUm, SegmentLengthUm = config.Dendrites.SegmentLengthUm, Parallel = false,
        };
        var sw = Stopwatch.StartNew();
        driver.RunOne(spec, 0, Arm.Vehicle);
        return sw.Elapsed.TotalSeconds;
    }

    /// <summary>Managed bytes per spine of the data a segment block holds, from seeding the whole population once more.</summary>
    private static double BytesPerSpine(SimulationConfig config, out long spines)
    {
        var model = new PlasticityModel(config.Plasticity, config.Run.StepHours);
        _ = model.Equilibrium;
        ulong key = RunSeed.ForReplicate(config.Run.Seed, 0);
        long before = GC.GetTotalMemory(forceFullCollection: true);
        var segments = SegmentSpines.Create(PopulationSeeding.Segments(model, key, 0, config.Dendrites.Count, config.Dendrites.LengthUm,
            config.Dendrites.SegmentLengthUm), model, key, exchange: false);
        long after = GC.GetTotalMemory(forceFullCollection: true);
        spines = segments.Sum(s => (long)s.Count);
        GC.KeepAlive(segments);
        return (after - before) / (double)Math.Max(1, spines);
    }
}
