using AgentSpines.Actors.Simulation;
using AgentSpines.Core.Random;
using AgentSpines.EventLog;
using AgentSpines.EventLog.Dataset;
using AgentSpines.EventLog.Reading;
using AgentSpines.EventLog.Schema;
using AgentSpines.EventLog.Writing;
using AgentSpines.Physics.Transport;
using AgentSpines.Plasticity.Model;
using AgentSpines.Plasticity.Population;
using AgentSpines.Plasticity.Regime;
using AgentSpines.Plasticity.State;
using Akka.Actor;

namespace AgentSpines.Actors.Population;

/// <summary>Where one arm of one replicate writes: its dataset writer, hive partition and shard number.</summary>
public sealed record RunOutput(DatasetWriter Writer, PartitionKey Partition, int Shard);

/// <summary>One arm of one replicate, dendrites [block of blockCount].</summary>
public sealed record RunRequest(int Replicate, Arm Arm, int Block = 0, int BlockCount = 1);

/// <summary>What a run produced (the population summary) and how many messages its coordinator sent.</summary>
public sealed record EngineRun(RunResult Result, long MessagesSent);

/// <summary>
/// Runs one arm of one replicate of a population config on Akka.NET: a coordinator (the step barrier and supervisor),
/// one actor per block of whole dendrites that hosts their segments' spines as data, one exchange actor per dendrite
/// when particle exchange is on, and a recorder that writes the tables. Ids, random streams and the initial
/// population are the plain PopulationDriver's (PopulationSeeding), so both give the same population for a seed.
/// </summary>
public sealed class PopulationEngine(SimulationConfig config, int threads = 0, ISpineActivity? activityOverride = null)
{
    /// <summary>About this many spines per block: enough blocks to keep every thread busy, few enough messages per step.</summary>
    public const int SpinesPerBlock = 4096;
    public const int MinBlocks = 16;

    public EngineRun Run(RunRequest request, RunOutput output, IProgress<JobProgress>? progress = null, CancellationToken ct = default)
    {
        double dt = config.Run.StepHours;
        var model = new PlasticityModel(config.Plasticity, dt);
        var regime = new DrugRegime(config.Regime, dt);
        _ = model.Equilibrium; // computed once, before the actors share the model
        ulong key = RunSeed.ForReplicate(config.Run.Seed, request.Replicate);
        var environment = new StepEnvironmentSource(regime, request.Arm, AnimalEffects.Draw(model.Options, key));
        var plan = RunPlan.Of(config, regime.ReferenceTimeH);
        string armName = request.Arm == Arm.Drug ? "drug" : "vehicle";
        bool hasDrug = regime.HasDrug && request.Arm == Arm.Drug;
        var (first, end) = BlockRange(config.Dendrites.Count, request.Block, request.BlockCount);
        var setup = new RecorderSetup(first, end, config.Dendrites.LengthUm, config.Imaging, hasDrug ? config.Regime.Drug : null, armName, hasDrug,
            plan.SnapshotSteps, plan.SessionSteps, plan.StepsPerDay, key);

        var (writer, partition, shard) = (output.Writer, output.Partition, output.Shard);
        // Not disposed here: the recorder closes them at the end; after a failure they stay open (incomplete) for the
        // caller's DatasetWriter.Abort, so no half-written table ever looks complete.
        var events = new TableWriter<EventRecord>(writer.Open(EventRecord.Schema.Name, EventRecord.Schema, partition, shard));
        var snapshots = new TableWriter<SnapshotRecord>(writer.Open(SnapshotRecord.Schema.Name, SnapshotRecord.Schema, partition, shard));
        var metrics = new TableWriter<MetricRecord>(writer.Open(MetricRecord.Schema.Name, MetricRecord.Schema, partition, shard));
        var episodes = config.Activity.Enabled ? writer.Open(EpisodeTable.Schema.Name, EpisodeTable.Schema, partition, shard, EpisodeTable.RowGroupRows) : null;
        var exchangeTables = config.Exchange.Enabled ? OpenExchangeTables(writer, partition, shard, armName) : null;
        var recorder = new PopulationRecorder(setup, environment, events, snapshots, metrics, episodes, exchangeTables);

        var fault = InjectedFault.FromEnvironment();
        var activity = activityOverride ?? (config.Activity.Enabled ? EpisodeActivity.Create(config.Activity, config.Dendrites.RadiusUm) : null);
        var (blocks, blockOf) = Blocks(model, environment, activity, key, first, end, fault);
        var coordinatorSetup = new CoordinatorSetup(plan, blocks, blockOf, first, config.Exchange.Enabled ? Exchanges(key, first, end) : null,
            Props.Create(() => new RecorderActor(recorder, fault)), PopulationActorSystem.Dispatcher, progress, ct);

        return Execute(coordinatorSetup, request);
    }

    private EngineRun Execute(CoordinatorSetup coordinatorSetup, RunRequest request)
    {
        using var system = PopulationActorSystem.Create("population", threads);
        try
        {
            var coordinator = system.ActorOf(Props.Create(() => new CoordinatorActor(coordinatorSetup)).WithDispatcher(PopulationActorSystem.Dispatcher),
                CoordinatorActor.Name);
            RunCompleted done;
            try
            {
                done = coordinator.Ask<RunCompleted>(new StartRun(), Timeout.InfiniteTimeSpan).GetAwaiter().GetResult();
            }
            catch (PopulationActorException e) when (e.InnerException is IOException or UnauthorizedAccessException)
            {
                // the disk or the file system failed, not the model: the caller reports it as an input/environment error
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
                throw;
            }
            catch (PopulationActorException e)
            {
                throw new PopulationRunFailedException(e.Message, e);
            }
            catch (ActorInitializationException e)
            {
                throw new PopulationRunFailedException($"actor '{e.Actor?.Path.Name}' failed to start: {e.InnerException?.Message ?? e.Message}", e);
            }
            var s = done.Summary;
            var result = new RunResult
            {
                Replicate = request.Replicate, Arm = request.Arm, Sessions = s.Sessions, DailyDensityPerUm = s.DailyDensityPerUm,
                DailyPersistentFraction = s.DailyPersistentFraction, Formed = s.Formed, Eliminated = s.Eliminated,
            };
            return new EngineRun(result, done.MessagesSent);
        }
        finally
        {
            system.Terminate().Wait();
        }
    }

    /// <summary>Dendrites [first, end) of block b of B: contiguous, sizes differing by at most one.</summary>
    public static (int First, int End) BlockRange(int dendrites, int block, int blockCount)
        => ((int)((long)dendrites * block / blockCount), (int)((long)dendrites * (block + 1) / blockCount));

    /// <summary>Segment blocks of whole dendrites (about SpinesPerBlock spines each), and the block of each dendrite.</summary>
    private (Props[] Props, int[] BlockOf) Blocks(PlasticityModel model, StepEnvironmentSource environment, ISpineActivity? activity, ulong key, int first, int end,
        InjectedFault? fault)
    {
        var o = config.Dendrites;
        int dendrites = end - first;
        double spinesPerDendrite = Math.Max(1, model.Options.DensityPerUm * o.LengthUm);
        // at least two blocks per dispatcher thread, so that no thread idles while another steps the last block
        int atLeast = Math.Max(MinBlocks, 2 * (threads > 0 ? threads : Environment.ProcessorCount));
        int count = Math.Clamp((int)Math.Ceiling(dendrites * spinesPerDendrite / SpinesPerBlock), Math.Min(atLeast, dendrites), dendrites);
        var props = new Props[count];
        var blockOf = new int[dendrites];
        for (int b = 0; b < count; b++)
        {
            var (f, e) = BlockRange(dendrites, b, count);
            for (int d = f; d < e; d++) blockOf[d] = b;
            var setup = new SegmentBlockSetup(b, first + f, first + e, o.LengthUm, o.SegmentLengthUm, key, model, environment, activity, config.Exchange.Enabled, fault);
            props[b] = Props.Create(() => new SegmentBlockActor(setup));
        }
        return (props, blockOf);
    }

    /// <summary>One exchange per dendrite, its species seeded by (replicate key, dendrite): the same particles in both arms.</summary>
    private Props[] Exchanges(ulong key, int first, int end)
    {
        var o = config.Exchange;
        int prp = o.Species.FindIndex(s => s.Name == o.PrpSpecies);
        var props = new Props[end - first];
        for (int d = first; d < end; d++)
        {
            ulong seed = RunSeed.Mix(key ^ RunSeed.Mix(0xE8C4A9BE00000000UL | (uint)d));
            var species = o.Species.Select((s, i) => new DendriteExchange(s, i, config.Dendrites.LengthUm, o.End, seed)).ToArray();
            int dendrite = d;
            props[d - first] = Props.Create(() => new ExchangeActor(dendrite, species, prp, o.CaptureSitesPerSpine, o.TraceEvents));
        }
        return props;
    }

    private ExchangeTables OpenExchangeTables(DatasetWriter writer, PartitionKey partition, int shard, string armName)
    {
        var exposure = new TableWriter<SpineExposureRecord>(writer.Open(SpineExposureRecord.Schema.Name, SpineExposureRecord.Schema, partition, shard));
        var trace = config.Exchange.TraceEvents
            ? new TableWriter<ExchangeEventRecord>(writer.Open(ExchangeEventRecord.Schema.Name, ExchangeEventRecord.Schema, partition, shard))
            : null;
        return new ExchangeTables(config.Exchange.Species.Select(s => s.Name).ToArray(), armName, exposure, trace);
    }
}
