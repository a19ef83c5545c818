using AgentSpines.Plasticity.Model;
using AgentSpines.Plasticity.Population;
using Akka.Actor;

namespace AgentSpines.Actors.Population;

/// <summary>What a segment block needs to draw and step its spines.</summary>
/// <param name="DendriteLengthUm">Length of every dendrite.</param>
/// <param name="SegmentLengthUm">Length of a segment (the last one of a dendrite may be shorter).</param>
public sealed record SegmentBlockSetup(int Block, int FirstDendrite, int EndDendrite, double DendriteLengthUm, double SegmentLengthUm, ulong Key,
    PlasticityModel Model, StepEnvironmentSource Environment, ISpineActivity? Activity, bool Exchange, InjectedFault? Fault = null);

/// <summary>
/// The segments of a block of whole dendrites, with their spines as data (<see cref="SegmentSpines"/>). It draws its
/// initial population when asked (the shared PopulationSeeding), and on each StepSegments delivers the exposures to
/// the spines, takes the census and steps every segment in id order; it answers the coordinator with one message
/// that carries the step's rows and roster changes. It reads nothing but its own state and its messages.
/// </summary>
public sealed class SegmentBlockActor : ReceiveActor
{
    private readonly SegmentBlockSetup _setup;
    private readonly SegmentStepOutput _output = new();
    private SegmentSpines[] _segments = [];
    /// <summary>Each dendrite's environment of the running step (scratch).</summary>
    private Plasticity.State.StepEnvironment[] _envs = [];
    private Dictionary<ulong, SegmentSpines> _byId = new();
    /// <summary>The arrays of the events and census rows, lent to the recorder and taken back once it wrote their step.</summary>
    private readonly LentArrays<Plasticity.State.StructuralEvent> _eventArrays = new();
    private readonly LentArrays<SpineCensusRow> _censusArrays = new();
    /// <summary>The `episodes` rows of a step, lent likewise: a new array per block and step was most of an activity run's extra allocation.</summary>
    private readonly LentArrays<EpisodeRow> _episodeArrays = new();
    /// <summary>Density restoration (when the preparation has it): each dendrite's true spines at seeding and at the step's start.</summary>
    private int[] _spinesAtStart = [];
    private readonly List<DendriteCensus> _restorationCounts = new();

    public SegmentBlockActor(SegmentBlockSetup setup)
    {
        _setup = setup;
        Receive<SeedSegments>(_ => PopulationActorException.Guard(Self.Path.Name, -1, 0, Seed));
        Receive<StepSegments>(m => PopulationActorException.Guard(Self.Path.Name, m.Step, m.TimeH, () => Step(m)));
    }

    public static string NameOf(int block) => $"segments-{block:D5}";

    private void Seed()
    {
        var s = _setup;
        _segments = SegmentSpines.Create(PopulationSeeding.Segments(s.Model, s.Key, s.FirstDendrite, s.EndDendrite, s.DendriteLengthUm, s.SegmentLengthUm),
            s.Model, s.Key, s.Exchange);
        _byId = _segments.ToDictionary(g => g.Context.SegmentId);
        if (s.Model.Restoration.Enabled) _spinesAtStart = TrueSpines();
        long spines = _segments.Sum(g => (long)g.Count);
        var rosters = s.Exchange ? _segments.Select(g => g.InitialRoster()).ToArray() : [];
        Sender.Tell(new SegmentsSeeded(s.Block, spines, rosters));
    }

    private void Step(StepSegments m)
    {
        InjectedFault.ThrowIfPlanted(_setup.Fault, Self.Path.Name, m.Step);
        _output.Clear();
        _eventArrays.Recorded(m.RecordedThrough);
        _censusArrays.Recorded(m.RecordedThrough);
        _episodeArrays.Recorded(m.RecordedThrough);
        foreach (var batch in m.Exposures)
        {
            if (!_byId.TryGetValue(batch.SegmentId, out var target))
                throw new InvalidOperationException($"exposures for segment {batch.SegmentId}, which block {_setup.Block} does not hold");
            target.Deliver(batch);
        }
        if (m.Census != CensusKind.None) foreach (var g in _segments) g.CountInto(_output.Counts);
        ArraySegment<SpineCensusRow>? census = null;
        if (m.Census == CensusKind.Rows)
        {
            // a lent array (the last census's, once written), not a kept list: that would hold a whole population's rows between censuses
            int n = 0, at = 0;
            foreach (var g in _segments) n += g.Count;
            var rows = _censusArrays.Take(n, m.Step);
            foreach (var g in _segments) at = g.Census(rows, at);
            census = new ArraySegment<SpineCensusRow>(rows, 0, n);
        }
        if (!m.Frozen)
        {
            int first = _setup.FirstDendrite;
            if (_envs.Length != _setup.EndDendrite - first) _envs = new Plasticity.State.StepEnvironment[_setup.EndDendrite - first];
            for (int d = first; d < _setup.EndDendrite; d++) _envs[d - first] = _setup.Environment.At(m.TimeH, d);
            if (_setup.Model.Restoration.Enabled) Restore();
            SegmentSpines.StepAll(_segments, _setup.Model, _envs, first, _setup.Activity, _output);
        }
        Sender.Tell(new SegmentsStepped(m.Step, _setup.Block, m.Census != CensusKind.None ? _output.Counts.ToArray() : null,
            census, _eventArrays.Lend(_output.SpineEvents, m.Step),
            _eventArrays.Lend(_output.FormationEvents, m.Step), _episodeArrays.Lend(_output.EpisodeRows(), m.Step), _output.Rosters.ToArray()));
    }

    /// <summary>Each dendrite's environment under the preparation's density restoration, from its count at the step's start.</summary>
    private void Restore()
    {
        var model = _setup.Model;
        var now = TrueSpines();
        for (int j = 0; j < _envs.Length; j++)
            _envs[j] = model.Restoration.ForDendrite(_envs[j], now[j], _spinesAtStart[j], _setup.DendriteLengthUm, model.BaselineFormationPerUmPerH);
    }

    /// <summary>Each of the block's dendrites' spines, filopodia excluded (index: dendrite - FirstDendrite).</summary>
    private int[] TrueSpines()
    {
        _restorationCounts.Clear();
        foreach (var g in _segments) g.CountInto(_restorationCounts);
        var counts = new int[_setup.EndDendrite - _setup.FirstDendrite];
        foreach (var c in _restorationCounts) counts[c.Dendrite - _setup.FirstDendrite] = c.TrueSpines;
        return counts;
    }
}
