using AgentSpines.Actors.Simulation;
using AgentSpines.Core.Random;
using AgentSpines.Physics.Transport;
using AgentSpines.Plasticity.Model;
using AgentSpines.Plasticity.Population;
using AgentSpines.Plasticity.Regime;
using AgentSpines.Plasticity.State;
using AgentSpines.EventLog.Dataset;
using AgentSpines.EventLog.Schema;
using AgentSpines.EventLog.Writing;

namespace AgentSpines.Actors.Population;

/// <summary>
/// Runs one arm of one replicate of a population config as actors: a recorder, one segment actor per stretch of
/// dendrite, one spine actor per spine. Ids and random streams are those of the plain PopulationDriver, so both
/// engines give the same population for the same seed.
/// </summary>
public sealed class PopulationRunner(SimulationConfig config, int threads = 0, ISpineActivity? activityOverride = null)
{
    public const int StepsBetweenCancellationChecks = 1;

    public RunResult Run(int replicate, Arm arm, int block, int blockCount, DatasetWriter writer, PartitionKey partition, int shard,
        IProgress<JobProgress>? progress, CancellationToken ct, out ActorSystemStats stats)
    {
        double dt = config.Run.StepHours;
        var model = new PlasticityModel(config.Plasticity, dt);
        var regime = new DrugRegime(config.Regime, dt);
        ulong key = RunSeed.ForReplicate(config.Run.Seed, replicate);
        var clock = new PopulationClock(model, regime, arm, key);
        int steps = (int)Math.Round(config.Run.DurationDays * 24 / dt);
        int stepsPerDay = Math.Max(1, (int)Math.Round(24 / dt));
        var sessions = new Dictionary<long, double>();
        foreach (double d in config.Imaging.SessionDays)
        {
            long k = (long)Math.Round((regime.ReferenceTimeH + d * 24) / dt);
            if (k >= 0 && k <= steps) sessions.TryAdd(k, d);
        }
        var snapshotSteps = new HashSet<long> { 0, steps };
        if (config.Output.SnapshotEveryHours > 0)
        {
            long every = Math.Max(1, (long)Math.Round(config.Output.SnapshotEveryHours / dt));
            for (long k = 0; k <= steps; k += every) snapshotSteps.Add(k);
        }
        string armName = arm == Arm.Drug ? "drug" : "vehicle";
        string? drug = regime.HasDrug && arm == Arm.Drug ? config.Regime.Drug : null;
        var (firstDendrite, endDendrite) = BlockRange(config.Dendrites.Count, block, blockCount);
        var setup = new RecorderSetup(config.Dendrites.Count, endDendrite - firstDendrite, config.Dendrites.LengthUm, config.Imaging, drug, armName,
            snapshotSteps, sessions, stepsPerDay);

        using var events = new TableWriter<EventRecord>(writer.Open(EventRecord.Schema.Name, EventRecord.Schema, partition, shard));
        using var snapshots = new TableWriter<SnapshotRecord>(writer.Open(SnapshotRecord.Schema.Name, SnapshotRecord.Schema, partition, shard));
        using var metrics = new TableWriter<MetricRecord>(writer.Open(MetricRecord.Schema.Name, MetricRecord.Schema, partition, shard));

        using var episodes = config.Activity.Enabled ? writer.Open(EpisodeTable.Schema.Name, EpisodeTable.Schema, partition, shard) : null;
        using var exchangeTables = config.Exchange.Enabled ? OpenExchangeTables(writer, partition, shard, armName) : null;
        var activity = activityOverride ?? (config.Activity.Enabled ? EpisodeActivity.Create(config.Activity, config.Dendrites.RadiusUm) : null);
        var system = new ActorSystem($"{config.Run.Name}-r{replicate}-{armName}", threads);
        RecorderActor? recorder = null;
        var recorderRef = system.ActorOf(Props.Create(() => recorder = new RecorderActor(setup, clock, events, snapshots, metrics, episodes, exchangeTables)), 2, "recorder");
        clock.Set(0, dt, census: true, frozen: false);
        var segmentSeeds = BuildSegments(model, clock, key, firstDendrite, endDendrite).ToList();
        var segmentRefs = new Dictionary<ulong, IActorRef>();
        var exchanges = config.Exchange.Enabled ? CreateExchanges(system, segmentSeeds, segmentRefs, recorderRef, clock, key) : null;
        foreach (var seg in segmentSeeds)
        {
            var exchange = exchanges?[DendriteOf(seg.Context.SegmentId)];
            segmentRefs[seg.Context.SegmentId] = system.ActorOf(Props.Create(() => new SegmentActor(seg.Context, seg.Spines, clock, recorderRef, activity, exchange)),
                seg.Context.SegmentId, $"dendrite-{DendriteOf(seg.Context.SegmentId)}-segment-{seg.Context.SegmentId & 0xFFFF}");
        }

        for (int k = 0; k <= steps; k++)
        {
            ct.ThrowIfCancellationRequested();
            bool census = snapshotSteps.Contains(k) || sessions.ContainsKey(k) || k % stepsPerDay == 0;
            bool last = k == steps;
            clock.Set(k * dt, dt, census, frozen: last);
            system.RunStep(new StepInfo(k, k * dt, last ? 0 : dt));
            progress?.Report(new JobProgress(Math.Min(k + 1, steps) * dt, steps * dt, recorder!.LiveSpines, recorder.EventRows));
        }
        recorderRef.Tell(FlushRecorder.Instance);
        system.DrainMessages();
        events.Close();
        snapshots.Close();
        metrics.Close();
        episodes?.Close();
        exchangeTables?.Close();
        stats = new ActorSystemStats(system.Delivered, system.DeadLetters, system.Failures.ToList());
        return new RunResult
        {
            Replicate = replicate, Arm = arm, Sessions = recorder!.Sessions, DailyDensityPerUm = recorder.DailyDensityPerUm,
            DailyPersistentFraction = recorder.DailyPersistentFraction, Formed = recorder.Formed, Eliminated = recorder.Eliminated,
        };
    }

    private static int DendriteOf(ulong segmentId) => (int)(segmentId >> 16) - 1;

    private ExchangeTables OpenExchangeTables(DatasetWriter writer, PartitionKey partition, int shard, string armName)
    {
        var exposure = new TableWriter<SpineExposureRecord>(writer.Open(SpineExposureRecord.Schema.Name, SpineExposureRecord.Schema, partition, shard));
        var trace = config.Exchange.TraceEvents
            ? new TableWriter<ExchangeEventRecord>(writer.Open(ExchangeEventRecord.Schema.Name, ExchangeEventRecord.Schema, partition, shard))
            : null;
        return new ExchangeTables(config.Exchange.Species.Select(s => s.Name).ToArray(), armName, exposure, trace);
    }

    /// <summary>
    /// One exchange actor per dendrite, its species seeded by (replicate key, dendrite): the same particles in both
    /// arms. segmentRefs is filled by the caller before the first step.
    /// </summary>
    private Dictionary<int, IActorRef> CreateExchanges(ActorSystem system, List<SegmentSeed> seeds, IReadOnlyDictionary<ulong, IActorRef> segmentRefs,
        IActorRef recorder, PopulationClock clock, ulong key)
    {
        var o = config.Exchange;
        int prp = o.Species.FindIndex(s => s.Name == o.PrpSpecies);
        var refs = new Dictionary<int, IActorRef>();
        foreach (var group in seeds.GroupBy(s => DendriteOf(s.Context.SegmentId)))
        {
            int d = group.Key;
            ulong seed = RunSeed.Mix(key ^ RunSeed.Mix(0xE8C4A9BE00000000UL | (uint)d));
            var species = o.Species.Select((s, i) => new DendriteExchange(s, i, config.Dendrites.LengthUm, o.End, seed)).ToArray();
            var spines = group.SelectMany(g => g.Spines.Select(s => (s.Item1.Id, s.Item1.PositionUm))).ToList();
            refs[d] = system.ActorOf(Props.Create(() => new ExchangeActor(species, prp, o.CaptureSitesPerSpine, spines, segmentRefs, recorder, clock, o.TraceEvents)),
                ExchangeActor.IdOf(d), $"dendrite-{d}-exchange");
        }
        return refs;
    }

    /// <summary>Dendrites [first, end) of block b of B: contiguous, sizes differing by at most one.</summary>
    public static (int First, int End) BlockRange(int dendrites, int block, int blockCount)
        => ((int)((long)dendrites * block / blockCount), (int)((long)dendrites * (block + 1) / blockCount));

    private sealed record SegmentSeed(SegmentContext Context, List<(SpineState State, RandomStream Rng)> Spines);

    /// <summary>The initial population, drawn exactly as PopulationDriver draws it (Setup stream of each segment).</summary>
    private IEnumerable<SegmentSeed> BuildSegments(PlasticityModel model, PopulationClock clock, ulong key, int firstDendrite, int endDendrite)
    {
        var o = config.Dendrites;
        int perDendrite = Math.Max(1, (int)Math.Ceiling(o.LengthUm / o.SegmentLengthUm - 1e-9));
        for (int d = firstDendrite; d < endDendrite; d++)
            for (int k = 0; k < perDendrite; k++)
            {
                double start = k * o.SegmentLengthUm;
                double len = Math.Min(o.SegmentLengthUm, o.LengthUm - start);
                var (ctx, spines) = SegmentSeeding.Seed(model, key, d, k, start, len, DendriteEffects.Draw(model.Options, clock.Animal, key, d));
                yield return new SegmentSeed(ctx, spines);
            }
    }
}

/// <summary>Counters of the actor system of one run, for the summary table.</summary>
public sealed record ActorSystemStats(long Delivered, long DeadLetters, IReadOnlyList<FailureRecord> Failures);
