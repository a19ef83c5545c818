using AgentSpines.EventLog.Dataset;
using AgentSpines.EventLog.Reading;
using System.Diagnostics;
using System.Globalization;
using AgentSpines.Actors.Population;
using AgentSpines.Actors.Simulation;
using AgentSpines.EventLog;
using AgentSpines.EventLog.Writing;
using AgentSpines.Physics.Electrodiffusion.Surface;

namespace AgentSpines.Benchmarks;

/// <summary>
/// `agentspines bench activity [--spines N] [--days D] [--threads T] [--cache-dir DIR] [--sample K] [--repeat R] [--warmup-pairs W] [--no-full-warmup] [--Section:Key=value ...] [--json]`: the
/// same baseline population (1 h steps, dataset written to a temporary directory as `run` writes it) with activity off and on, in
/// this process, on the same footing: W small untimed warm-up pairs, an untimed full-size pair (off, on), then the timed runs
/// alternating (off, on, ...), each after a full compacting collection (docs/electrodiffusion.md, ninth pass, says why). Reports wall
/// and CPU time of both and their ratios, the surface build time (0 with a warm cache), the surface's queries and exact fallbacks,
/// the largest relative error of the surface against the fast solver at K spine shapes of the run (its snapshots), the peak resident
/// memory of each run (VmHWM, reset between runs through /proc/self/clear_refs), the order of the runs and the load average, since
/// the machine may be shared.
/// </summary>
public static class ActivityBenchmark
{
    public static int Run(bool json, int spines, double days, int threads, int sample, string? cacheDir, IReadOnlyList<string> configOverrides, int repeat = 1, double warmupDays = 1, bool fullWarmup = true, int warmupPairs = 30)
    {
        var extra = configOverrides.ToList(); // --Section:Key=value for both runs (e.g. plasticity settings)
        double loadBefore = ProcessGauges.LoadAverage();
        // Warm-up (not timed): JIT and the in-process baseline equilibrium of the plasticity model, which both runs share;
        // one small run of each kind, so that neither timed run pays for compiling its own code paths (the activity
        // path is about 0.5 s of JIT, which the first version of this warm-up left in the activity run's time).
        // With warmupDays 1, methods called once per step (24 calls) are not yet promoted by the tiered JIT when the first
        // timed run starts: that run (without activity) then pays for unoptimised shared code and its recompilation (about
        // 1 s of processor time at 10^5 spines on this machine, docs/electrodiffusion.md, eighth pass); longer warm-ups
        // compare the two kinds on optimised code.
        // The surface is obtained (from the cache, or built) by the first warm-up with activity: its build time is the run's surface_build_s.
        double surfaceBuildS = 0;
        for (int w = 0; w < Math.Max(1, warmupPairs); w++)
        {
            Population(100, warmupDays, threads, activity: false, cacheDir, extra, shapes: false);
            double build = Population(100, warmupDays, threads, activity: true, cacheDir, extra, shapes: false).Activity!.SurfaceBuildSeconds;
            if (w == 0) surfaceBuildS = build;
        }
        // Same footing (docs/electrodiffusion.md, ninth pass): a run leaves the process changed for the next one (the shared
        // array pool keeps the Parquet encoders' buffers, the collector's budgets follow the last survivors, and the tiered
        // JIT promotes the shared code during the first big run, which made the first timed run (without activity) pay for
        // it while the second (with activity) started on a heap the first had grown). So, by default, an untimed full-size
        // pair (off, then on) goes first, and the timed runs alternate (off, on, ...): every timed run follows a full-size
        // run of the other kind, starts after the same full compacting collection, and neither kind gets the clean process.
        if (fullWarmup)
        {
            Population(spines, days, threads, activity: false, cacheDir, extra, shapes: false);
            Population(spines, days, threads, activity: true, cacheDir, extra, shapes: false);
        }
        // With repeat, the pairs alternate so that both kinds see the same machine: on a shared machine the fastest
        // run of each kind is the one least slowed by others. Memory: the last pair.
        Outcome off = null!, on = null!;
        double offMinS = double.MaxValue, onMinS = double.MaxValue, offMinCpu = double.MaxValue, onMinCpu = double.MaxValue;
        for (int r = 0; r < Math.Max(1, repeat); r++)
        {
            off = Population(spines, days, threads, activity: false, cacheDir, extra, shapes: false);
            on = Population(spines, days, threads, activity: true, cacheDir, extra, shapes: r == Math.Max(1, repeat) - 1);
            (offMinS, onMinS) = (Math.Min(offMinS, off.Seconds), Math.Min(onMinS, on.Seconds));
            (offMinCpu, onMinCpu) = (Math.Min(offMinCpu, off.CpuSeconds), Math.Min(onMinCpu, on.CpuSeconds));
        }
        off = off with { Seconds = offMinS, CpuSeconds = offMinCpu };
        on = on with { Seconds = onMinS, CpuSeconds = onMinCpu };
        var surface = on.Activity!.Surface!;
        var (maxError, compared, outside) = SampleError(surface, on.Shapes, sample);
        double loadAfter = ProcessGauges.LoadAverage();
        BenchJson.Emit(json,
        [
            ("spines", on.Spines, "spines at the start"),
            ("days", days, "days at 1 h steps"),
            ("repeat", Math.Max(1, repeat), "pairs of runs; times are the fastest of each kind"),
            ("warmup_pairs", Math.Max(1, warmupPairs), "small untimed warm-up pairs (off, on; 100 spines each)"),
            ("warmup_days", warmupDays, "days of each small untimed warm-up run"),
            ("warmup_full_pair", fullWarmup ? 1 : 0, "1: an untimed full-size pair (off, on) ran before the timed runs, so every timed run follows a full-size run of the other kind"),
            ("off_s", off.Seconds, "s wall, activity off"),
            ("on_s", on.Seconds, "s wall, activity on (surface from the cache or built)"),
            ("ratio", on.Seconds / off.Seconds, "on_s / off_s"),
            ("off_cpu_s", off.CpuSeconds, "s process CPU, activity off"),
            ("on_cpu_s", on.CpuSeconds, "s process CPU, activity on"),
            ("cpu_ratio", on.CpuSeconds / off.CpuSeconds, "on_cpu_s / off_cpu_s"),
            ("surface_build_s", Math.Max(surfaceBuildS, on.Activity.SurfaceBuildSeconds), "s (0: the cache was warm)"),
            ("surface_nodes", surface.NodeCount, "grid nodes"),
            ("table_nodes", surface.PlaneLayout?.Nodes ?? 0, "nodes of the population table the queries read (0: none, the general interpolation answered)"),
            ("table_volume_nodes_per_octave", surface.PlaneLayout?.VolumePerOctave ?? 0, "its head-volume nodes per factor of two"),
            ("table_neck_split", surface.PlaneLayout?.NeckSplit ?? 0, "parts of each neck interval of the surface"),
            ("table_deviation", surface.PlaneLayout?.Deviation ?? 0, "its largest relative difference from the surface's interpolation (sampled in every cell)"),
            ("table_cells", surface.PlaneLayout?.Cells ?? 0, "its cells"),
            ("table_deferred_cells", surface.PlaneLayout?.DeferredCells ?? 0, "its cells left to the general interpolation (the surface bends too sharply there)"),
            ("queries", on.Queries, "episode responses asked of the surface (one activity-on run)"),
            ("exact_fallbacks", on.ExactFallbacks, "queries outside the grid, solved exactly"),
            ("invalid_shapes", on.InvalidShapes, "queries whose shape the solver refuses (no episode)"),
            ("max_rel_error", maxError, $"largest relative error vs the fast solver at {compared} spine shapes of the run"),
            ("sample_outside_grid", outside, "sampled shapes outside the grid (exact in the run, not compared)"),
            ("episode_rows", on.EpisodeRows, "rows of the episodes table"),
            ("event_rows_off", off.EventRows, "rows of the events table, activity off"),
            ("event_rows_on", on.EventRows, "rows of the events table, activity on"),
            ("allocated_mb_off", off.AllocatedMb, "MB allocated on the managed heap, activity off"),
            ("allocated_mb_on", on.AllocatedMb, "MB allocated on the managed heap, activity on"),
            ("jit_ms_off", off.JitMs, "ms the JIT compiled during the activity-off run (last pair; tiering of shared code lands in the first run)"),
            ("jit_ms_on", on.JitMs, "ms the JIT compiled during the activity-on run (last pair)"),
            ("jit_methods_off", off.JitMethods, "methods compiled during the activity-off run (last pair)"),
            ("jit_methods_on", on.JitMethods, "methods compiled during the activity-on run (last pair)"),
            ("gen2_collections_off", off.Gen2Collections, "full garbage collections, activity off"),
            ("gen2_collections_on", on.Gen2Collections, "full garbage collections, activity on"),
            ("start_rss_mb_off", off.StartRssMb, "MB resident when the activity-off run started"),
            ("start_rss_mb_on", on.StartRssMb, "MB resident when the activity-on run started"),
            ("peak_rss_mb_off", off.PeakRssMb, "MB, activity off"),
            ("peak_rss_mb_on", on.PeakRssMb, "MB, activity on"),
            ("rss_ratio", on.PeakRssMb / off.PeakRssMb, "peak_rss_mb_on / peak_rss_mb_off"),
            ("rss_ratio_same_start", (on.PeakRssMb - on.StartRssMb + off.StartRssMb) / off.PeakRssMb,
                "the same with the on run's growth counted from the off run's start (the second run starts with what the first left: pools, code)"),
            ("load_average_before", loadBefore, "1-minute load average of the machine"),
            ("load_average_after", loadAfter, "1-minute load average of the machine"),
            ("processors", Environment.ProcessorCount, ""),
        ],
        [
            ("order", Order(repeat, fullWarmup), "runs in order (w = untimed full-size warm-up); before each: a full blocking compacting collection with the large-object heap compacted, then an aggressive one (memory given back)"),
            ("vector_isa", ProcessGauges.VectorIsa(), "widest vector forms of the activity passes here (eight lanes: avx512, four: avx2)"),
        ]);
        return 0;
    }

    private sealed record Outcome(double Seconds, double CpuSeconds, double PeakRssMb, long Spines, EpisodeActivity? Activity,
        List<(double V, double L, double D)> Shapes, long EpisodeRows, long EventRows, double AllocatedMb, int Gen2Collections, double StartRssMb,
        long Queries, long ExactFallbacks, long InvalidShapes, double JitMs, long JitMethods);

    private static string Order(int repeat, bool fullWarmup)
        => (fullWarmup ? "w-off w-on " : "") + string.Join(" ", Enumerable.Repeat("off on", Math.Max(1, repeat)));

    private static Outcome Population(int spines, double days, int threads, bool activity, string? cacheDir, List<string> extra, bool shapes)
    {
        string root = Path.Combine(Path.GetTempPath(), "agentspines-bench-activity-" + Guid.NewGuid().ToString("N"));
        try
        {
            int dendrites = (int)Math.Ceiling(spines / (1.2 * 100.0));
            var overrides = new List<string>
            {
                "--Run:Name=bench", $"--Run:DurationDays={days.ToString(CultureInfo.InvariantCulture)}", "--Run:Replicates=1",
                $"--Dendrites:Count={dendrites}", "--Regime:Arms=VehicleOnly", "--Output:SnapshotEveryHours=0",
                "--Imaging:SessionDays:0=0", "--Imaging:SessionDays:1=7", "--Regime:ReferenceDay=0", $"--Activity:Enabled={activity}",
            };
            if (cacheDir != null) overrides.Add($"--Activity:SurfaceCacheDir={cacheDir}");
            overrides.AddRange(extra);
            var config = SimulationConfig.Load(null, overrides, includeEnvironment: false);
            string cfg = config.ToJson();
            // Each run starts from the same footing: the previous run's garbage collected and the memory the GC kept
            // for reuse given back (Aggressive decommits it; otherwise the second run's peak inherits the first's heap).
            System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            double startRss = Environment.WorkingSet / 1048576.0;
            ProcessGauges.ResetPeakRss();
            var proc = Process.GetCurrentProcess();
            var cpu0 = proc.TotalProcessorTime;
            long allocated0 = GC.GetTotalAllocatedBytes(precise: true);
            int gen2 = GC.CollectionCount(2);
            var jit0 = System.Runtime.JitInfo.GetCompilationTime();
            long jitMethods0 = System.Runtime.JitInfo.GetCompiledMethodCount();
            var sw = Stopwatch.StartNew();
            // The run creates its activity the same way (in-process memory of surfaces): this call times the surface.
            var act = activity ? EpisodeActivity.Create(config.Activity, config.Dendrites.RadiusUm) : null;
            var surface0 = act?.Surface is { } s0 ? (s0.Queries, s0.ExactFallbacks, s0.InvalidShapes) : default;
            // written as `run` writes (row groups of Output:RowGroupRows), so the memory is what a user's run holds
            using (var writer = new DatasetWriter(root, new DatasetOptions { Writer = new ParquetWriterOptions { RowGroupRows = config.Output.RowGroupRows } }))
            {
                SimulationJobs.Execute(new SimulationJob(cfg, 0), writer, null, CancellationToken.None, threads);
                writer.Commit(new DatasetManifestInfo { ConfigJson = cfg, Seed = config.Run.Seed });
            }
            sw.Stop();
            double jitMs = (System.Runtime.JitInfo.GetCompilationTime() - jit0).TotalMilliseconds;
            long jitMethods = System.Runtime.JitInfo.GetCompiledMethodCount() - jitMethods0;
            proc.Refresh();
            double cpu = (proc.TotalProcessorTime - cpu0).TotalSeconds;
            double rss = ProcessGauges.PeakRssMb() is var peak && double.IsNaN(peak) ? proc.PeakWorkingSet64 / 1048576.0 : peak;
            double allocatedMb = (GC.GetTotalAllocatedBytes(precise: true) - allocated0) / 1048576.0;
            gen2 = GC.CollectionCount(2) - gen2;
            var counts = act?.Surface is { } s1 ? (s1.Queries - surface0.Queries, s1.ExactFallbacks - surface0.ExactFallbacks, s1.InvalidShapes - surface0.InvalidShapes) : default;
            return new Outcome(sw.Elapsed.TotalSeconds, cpu, rss, spines, act, shapes ? Shapes(root) : [], Count(root, "episodes"), Count(root, "events"), allocatedMb, gen2, startRss,
                counts.Item1, counts.Item2, counts.Item3, jitMs, jitMethods);
        }
        finally
        {
            try { Directory.Delete(root, true); } catch (IOException) { }
        }
    }

    private static long Count(string root, string table) => Rows(root, table, r => r.Info.RowCount, false, out _);

    private static long Rows(string root, string table, Func<ParquetFileReader, long> f, bool firstFileOnly, out int files)
    {
        files = 0;
        string dir = Path.Combine(root, table);
        if (!Directory.Exists(dir)) return 0;
        long n = 0;
        foreach (var file in Directory.EnumerateFiles(dir, "*.parquet", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            using var r = ParquetFileReader.Open(file);
            n += f(r);
            files++;
            if (firstFileOnly) break;
        }
        return n;
    }

    /// <summary>Head volume, neck length (clamped as EpisodeActivity does) and neck diameter of the functional spines in the snapshots.</summary>
    private static List<(double V, double L, double D)> Shapes(string root)
    {
        var list = new List<(double, double, double)>();
        string dir = Path.Combine(root, "snapshots");
        if (!Directory.Exists(dir)) return list;
        foreach (var file in Directory.EnumerateFiles(dir, "*.parquet", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            using var r = ParquetFileReader.Open(file);
            var v = r.ReadColumn("head_volume_um3").ValuesAs<double>();
            var l = r.ReadColumn("neck_length_um").ValuesAs<double>();
            var d = r.ReadColumn("neck_diameter_um").ValuesAs<double>();
            for (int i = 0; i < v.Length; i++) list.Add((v[i], Math.Clamp(l[i] * 1000, 50, 5000), d[i] * 1000));
        }
        return list;
    }

    /// <summary>Largest relative error of the surface against the fast solver at k shapes spread evenly over the list.</summary>
    private static (double MaxError, int Compared, int Outside) SampleError(EpisodeResponseSurface s, List<(double V, double L, double D)> shapes, int k)
    {
        if (k == 0 || shapes.Count == 0) return (0, 0, 0);
        var picks = Enumerable.Range(0, Math.Min(k, shapes.Count)).Select(i => shapes[(int)((long)i * shapes.Count / Math.Min(k, shapes.Count))]).ToArray();
        var errors = new double[picks.Length];
        var outside = new bool[picks.Length];
        Parallel.For(0, picks.Length, i =>
        {
            double[] x = [picks[i].V, picks[i].L, picks[i].D, s.Spec.CurrentPA.Min, s.Spec.DendriteRadiusNm.Min];
            errors[i] = double.NaN;
            if (!s.TryInterpolate(x, out var interp)) { outside[i] = EpisodeResponseSurface.IsValidShape(s.Spec, x); return; }
            errors[i] = interp.MaxRelativeError(s.Exact(x));
        });
        var valid = errors.Where(e => !double.IsNaN(e)).ToArray();
        return (valid.Length == 0 ? 0 : valid.Max(), valid.Length, outside.Count(o => o));
    }
}
