using AgentSpines.Core.Identity;
using AgentSpines.EventLog.Dataset;
using AgentSpines.EventLog.Schema;
using AgentSpines.EventLog.Writing;
using AgentSpines.Plasticity.Imaging;
using AgentSpines.Plasticity.Population;
using AgentSpines.Plasticity.State;

namespace AgentSpines.Actors.Population;

/// <summary>
/// Turns one step's rows into the tables, in the order they come (blocks and exchanges in id order, inside a block
/// spines in id order): first the census of the step's start (per-dendrite counts and volume sums; snapshots and
/// imaging sessions from every spine's row on the steps that need them), then the
/// spines' events, then the formation events, episodes and exposures, then the step's metrics. Rows stream to the
/// Parquet writers (a row group at a time); only the imaging sessions (ids and widths of visible spines) stay in
/// memory until the end, since the imaging and cohort tables compare sessions and arms.
/// </summary>
public sealed class PopulationRecorder(RecorderSetup setup, StepEnvironmentSource environment,
    TableWriter<EventRecord> events, TableWriter<SnapshotRecord> snapshots, TableWriter<MetricRecord> metrics, ParquetFileWriter? episodes,
    ExchangeTables? exchange)
{
    private readonly int[] _spines = new int[setup.ObservedDendrites];
    private readonly int[] _formed = new int[setup.ObservedDendrites];
    private readonly int[] _eliminated = new int[setup.ObservedDendrites];
    private readonly double[] _volumeSum = new double[setup.ObservedDendrites];
    private readonly int[] _censusCount = new int[setup.ObservedDendrites];
    private readonly List<SessionCensus> _sessions = new();
    private readonly List<double> _daily = new(), _dailyPersistent = new();
    private bool _counted;

    public long Formed { get; private set; }
    public long Eliminated { get; private set; }
    public long EventRows { get; private set; }
    public long LiveSpines => _spines.Sum();

    public void Record(RecordStep m)
    {
        bool census = false;
        foreach (var block in m.Segments) census |= block.Counts != null;
        if (census) ProcessCensus(m);
        // the event and census arrays are the blocks' (lent until this step is acknowledged): read here, kept nowhere
        foreach (var block in m.Segments)
            foreach (ref readonly var e in block.SpineEvents.AsSpan()) Log(in e);
        foreach (var block in m.Segments)
            foreach (ref readonly var e in block.FormationEvents.AsSpan()) Log(in e);
        if (episodes != null)
            foreach (var block in m.Segments)
                foreach (ref readonly var e in block.Episodes.AsSpan()) EpisodeTable.Append(episodes, in e, setup.Arm);
        if (exchange != null)
            foreach (var rows in m.Exposures) exchange.Append(rows);
        if (m.EndH > m.TimeH || m.Step == 0) WriteMetrics(m, census);
    }

    public RunSummaryParts Finish()
    {
        events.Close();
        snapshots.Close();
        metrics.Close();
        episodes?.Close();
        exchange?.Close();
        return new RunSummaryParts(_sessions, _daily, _dailyPersistent, Formed, Eliminated);
    }

    private int Local(ulong segmentId) => SpineId.DendriteOfSegment(segmentId) - setup.FirstDendrite;

    private void Log(in StructuralEvent e)
    {
        int d = Local(e.SegmentId);
        bool formed = e.EventType == StructuralEvent.Formed, eliminated = e.EventType == StructuralEvent.Eliminated;
        bool filopodium = formed ? e.StageAfter == LifeStage.Filopodium : e.StageBefore == LifeStage.Filopodium;
        if (formed && !filopodium) { _formed[d]++; Formed++; _spines[d]++; }
        if (eliminated && !filopodium) { _eliminated[d]++; Eliminated++; _spines[d]--; }
        if (e.EventType == StructuralEvent.StateChanged && e.StageBefore == LifeStage.Filopodium && e.StageAfter != LifeStage.Filopodium) _spines[d]++;
        events.Append(new EventRecord(e.TimeH, d + setup.FirstDendrite, (long)e.SegmentId, (long)e.SpineId, e.EventType,
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

    /// <summary>The census of the step's start: per-dendrite sizes for the metrics, snapshots, the daily density, imaging sessions.</summary>
    private void ProcessCensus(RecordStep m)
    {
        Array.Clear(_volumeSum);
        Array.Clear(_censusCount);
        int trueSpines = 0, persistent = 0;
        foreach (var block in m.Segments)
            foreach (var c in block.Counts!)
            {
                int d = c.Dendrite - setup.FirstDendrite;
                _volumeSum[d] = c.HeadVolumeSumUm3;
                _censusCount[d] = c.TrueSpines;
                trueSpines += c.TrueSpines;
                persistent += c.Persistent;
            }
        if (!_counted)
        {
            Array.Copy(_censusCount, _spines, _spines.Length); // the first census sets the live counts; events keep them after
            _counted = true;
        }
        if (setup.SnapshotSteps.Contains(m.Step))
            foreach (var block in m.Segments)
                foreach (ref readonly var r in Rows(block).AsSpan())
                    snapshots.Append(new SnapshotRecord(m.TimeH, Local(r.SegmentId) + setup.FirstDendrite, (long)r.SegmentId, (long)r.SpineId, r.PositionUm,
                        Stage(r.Stage), r.Silent, r.HeadVolumeUm3, r.HeadWidthUm, r.NeckLengthUm, r.NeckDiameterUm, r.AgeH, r.FormedAtH, setup.Arm,
                        r.AmpaContent, r.NmdaContent));
        if (m.Step % setup.StepsPerDay == 0)
        {
            _daily.Add(trueSpines / (setup.ObservedDendrites * setup.DendriteLengthUm));
            _dailyPersistent.Add(trueSpines > 0 ? (double)persistent / trueSpines : 0);
        }
        if (setup.SessionSteps.TryGetValue(m.Step, out double day))
        {
            var scope = new VirtualMicroscope(setup.Imaging, setup.DendriteLengthUm, setup.ObservedDendrites, setup.Key, day);
            foreach (var block in m.Segments)
                foreach (ref readonly var r in Rows(block).AsSpan())
                    scope.Observe(r.SpineId, VirtualMicroscope.DendriteStartUm(SpineId.DendriteOfSegment(r.SegmentId)), r.PositionUm, r.Stage,
                        r.HeadVolumeUm3, r.HeadWidthUm, r.Persistent);
            _sessions.Add(scope.TakeSession());
        }
    }

    private static ArraySegment<SpineCensusRow> Rows(SegmentsStepped block)
        => block.Census ?? throw new InvalidOperationException($"block {block.Block} sent no census rows at step {block.Step}, a snapshot or imaging step");

    private void WriteMetrics(RecordStep m, bool census)
    {
        for (int d = 0; d < _spines.Length; d++)
        {
            int dendrite = d + setup.FirstDendrite;
            double? meanVolume = census && _censusCount[d] > 0 ? _volumeSum[d] / _censusCount[d] : null;
            double? occupancy = setup.HasDrug ? environment.At(m.TimeH, dendrite).Occupancy : null;
            metrics.Append(new MetricRecord(m.EndH, dendrite, setup.Arm, _spines[d], _spines[d] / setup.DendriteLengthUm,
                _formed[d], _eliminated[d], meanVolume, null, occupancy));
            _formed[d] = _eliminated[d] = 0;
        }
    }
}
