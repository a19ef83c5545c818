using AgentSpines.Plasticity.Imaging;
using AgentSpines.Plasticity.Options;
using AgentSpines.Plasticity.Population;
using AgentSpines.Plasticity.State;
using AgentSpines.EventLog.Schema;
using AgentSpines.EventLog.Writing;

namespace AgentSpines.Actors.Population;

/// <summary>What the recorder needs to know of the run it logs.</summary>
/// <param name="DendriteCount">All dendrites of the run (ids index the per-dendrite counters).</param>
/// <param name="ObservedDendrites">Dendrites this job simulates (its block): densities and fields of view use these.</param>
public sealed record RecorderSetup(
    int DendriteCount, int ObservedDendrites, double DendriteLengthUm, ImagingOptions Imaging, string? Drug, string Arm,
    ISet<long> SnapshotSteps, IReadOnlyDictionary<long, double> SessionSteps, int StepsPerDay);

/// <summary>
/// Turns what spines and segments report into log rows. Messages arrive in canonical order, so the rows do too.
/// The rows of step k are complete when step k+1 starts (all its rounds are over): the recorder writes them then,
/// from its own step hook, and once more on <see cref="FlushRecorder"/> at the end of the run.
/// </summary>
public sealed class RecorderActor(RecorderSetup setup, PopulationClock clock,
    TableWriter<EventRecord> events, TableWriter<SnapshotRecord> snapshots, TableWriter<MetricRecord> metrics, ParquetFileWriter? episodes,
    ExchangeTables? exchange = null)
    : ActorBase, IStepped
{
    private readonly List<SpineCensusRow> _census = new();
    private readonly int[] _spines = new int[setup.DendriteCount];
    private readonly int[] _formed = new int[setup.DendriteCount];
    private readonly int[] _eliminated = new int[setup.DendriteCount];
    private bool _counted;
    private long _pendingStep = -1;
    private double _pendingTimeH, _pendingEndH, _pendingOccupancy;
    private bool _pendingHasDrug;

    public List<SessionCensus> Sessions { get; } = new();
    public List<double> DailyDensityPerUm { get; } = new();
    public List<double> DailyPersistentFraction { get; } = new();
    public long Formed { get; private set; }
    public long Eliminated { get; private set; }
    public long EventRows { get; private set; }
    public int LiveSpines => _spines.Sum();

    public void OnStep(in StepInfo step)
    {
        Flush();
        _pendingStep = step.Index;
        _pendingTimeH = step.StartH;
        _pendingEndH = clock.Frozen ? step.StartH : step.EndH;
        _pendingOccupancy = clock.Environment.Occupancy;
        _pendingHasDrug = clock.Regime.HasDrug && clock.Arm == Arm.Drug;
    }

    protected override bool OnReceive(object message)
    {
        switch (message)
        {
            case StructuralEvents e:
                foreach (var ev in e.Events) Log(ev);
                return true;
            case SpineCensusRow row:
                _census.Add(row);
                return true;
            case EpisodeAggregate e when episodes != null:
                EpisodeTable.Append(episodes, e, setup.Arm);
                return true;
            case ExposureRows rows when exchange != null:
                exchange.Append(rows);
                return true;
            case FlushRecorder:
                Flush();
                return true;
            default:
                return false;
        }
    }

    private static int DendriteOf(ulong segmentId) => (int)(segmentId >> 16) - 1;

    private void Log(in StructuralEvent e)
    {
        int d = DendriteOf(e.SegmentId);
        bool formed = e.EventType == StructuralEvent.Formed, eliminated = e.EventType == StructuralEvent.Eliminated;
        bool filopodium = formed ? e.StageAfter == LifeStage.Filopodium : e.StageBefore == LifeStage.Filopodium;
        if (formed && !filopodium) { _formed[d]++; Formed++; _spines[d]++; }
        if (eliminated && !filopodium) { _eliminated[d]++; Eliminated++; _spines[d]--; }
        if (e.EventType == StructuralEvent.StateChanged && e.StageBefore == LifeStage.Filopodium && e.StageAfter != LifeStage.Filopodium) _spines[d]++;
        events.Append(new EventRecord(e.TimeH, d, (long)e.SegmentId, (long)e.SpineId, e.EventType,
            formed ? null : Stage(e.StageBefore), eliminated ? null : Stage(e.StageAfter),
            formed ? null : e.HeadVolumeBeforeUm3, eliminated ? null : e.HeadVolumeAfterUm3,
            e.NeckLengthUm, e.NeckDiameterUm, e.PositionUm, e.Cause, setup.Drug, setup.Arm));
        EventRows++;
    }

    public static string Stage(LifeStage s) => s switch
    {
        LifeStage.Filopodium => "filopodium",
        LifeStage.Nascent => "nascent",
        LifeStage.Thin => "thin",
        LifeStage.Stubby => "stubby",
        LifeStage.Mushroom => "mushroom",
        _ => s.ToString().ToLowerInvariant(),
    };

    /// <summary>Supervised failures (a spine that threw and was stopped) become "failure" events of the log.</summary>
    private void LogFailures()
    {
        var failures = Context.System.Failures;
        for (; _failuresLogged < failures.Count; _failuresLogged++)
        {
            var f = failures[_failuresLogged];
            ulong segment = f.ActorId >> 32;
            bool isSpine = segment >= 1UL << 16;
            events.Append(new EventRecord(f.TimeH, isSpine ? DendriteOf(segment) : -1, isSpine ? (long)segment : -1, (long)f.ActorId,
                "failure", null, null, null, null, null, null, 0, $"{f.ExceptionType}: {f.Message} ({f.Directive.ToString().ToLowerInvariant()})",
                setup.Drug, setup.Arm));
            EventRows++;
        }
    }

    private int _failuresLogged;

    /// <summary>Writes the rows of the step that just ended: census-derived tables, then the step's metrics.</summary>
    private void Flush()
    {
        LogFailures();
        if (_pendingStep < 0) return;
        double[]? volumeSum = null;
        int[]? censusCount = null;
        if (_census.Count > 0)
        {
            (volumeSum, censusCount) = ProcessCensus(_pendingStep, _pendingTimeH);
            _census.Clear();
        }
        if (_pendingEndH > _pendingTimeH || _pendingStep == 0)
            for (int d = 0; d < _spines.Length; d++)
            {
                double? meanVolume = censusCount is { } n && n[d] > 0 ? volumeSum![d] / n[d] : null;
                metrics.Append(new MetricRecord(_pendingEndH, d, setup.Arm, _spines[d], _spines[d] / setup.DendriteLengthUm,
                    _formed[d], _eliminated[d], meanVolume, null, _pendingHasDrug ? _pendingOccupancy : null));
                _formed[d] = _eliminated[d] = 0;
            }
        _pendingStep = -1;
    }

    private (double[] VolumeSum, int[] Count) ProcessCensus(long step, double timeH)
    {
        var volumeSum = new double[_spines.Length];
        var count = new int[_spines.Length];
        int trueSpines = 0, persistent = 0;
        foreach (var r in _census)
        {
            int d = DendriteOf(r.SegmentId);
            if (r.Stage == LifeStage.Filopodium) continue;
            volumeSum[d] += r.HeadVolumeUm3;
            count[d]++;
            trueSpines++;
            if (r.Persistent) persistent++;
        }
        if (!_counted)
        {
            Array.Copy(count, _spines, count.Length); // the first census sets the live counts; events keep them after
            _counted = true;
        }
        if (setup.SnapshotSteps.Contains(step))
            foreach (var r in _census)
                snapshots.Append(new SnapshotRecord(timeH, DendriteOf(r.SegmentId), (long)r.SegmentId, (long)r.SpineId, r.PositionUm,
                    Stage(r.Stage), r.Silent, r.HeadVolumeUm3, r.HeadWidthUm, r.NeckLengthUm, r.NeckDiameterUm, r.AgeH, r.FormedAtH, setup.Arm,
                    r.AmpaContent, r.NmdaContent));
        if (step % setup.StepsPerDay == 0)
        {
            DailyDensityPerUm.Add(trueSpines / (setup.ObservedDendrites * setup.DendriteLengthUm));
            DailyPersistentFraction.Add(trueSpines > 0 ? (double)persistent / trueSpines : 0);
        }
        if (setup.SessionSteps.TryGetValue(step, out double day))
        {
            var scope = new VirtualMicroscope(setup.Imaging, setup.DendriteLengthUm, setup.ObservedDendrites, clock.Key, day);
            foreach (var r in _census)
                scope.Observe(r.SpineId, VirtualMicroscope.DendriteStartUm(DendriteOf(r.SegmentId)), r.PositionUm, r.Stage, r.HeadVolumeUm3, r.HeadWidthUm, r.Persistent);
            Sessions.Add(scope.TakeSession());
        }
        return (volumeSum, count);
    }
}
