using System.Runtime.CompilerServices;
using AgentSpines.Core.Random;
using AgentSpines.Plasticity.Model;
using AgentSpines.Plasticity.Population;
using AgentSpines.Plasticity.State;

namespace AgentSpines.Actors.Population;

/// <summary>Activity-dependent inputs of a spine for one step (electrodiffusion episodes), drawn from the spine's activity stream.</summary>
public interface ISpineActivity
{
    SpineInputs InputsFor(SpineState spine, in StepEnvironment env, RandomStream rng, out SpineEpisodes episodes);

    /// <summary>
    /// The inputs of a segment's spines for one step, all before any of them steps (each spine's inputs depend only
    /// on its own state and stream, so this is the per-spine call in a loop; an implementation may do it faster).
    /// Spine i's activity stream is (runKey, ids[i], StreamId.Activity) at word activityWords[i], moved past the words
    /// drawn; nextWords[i] is that word, already made (the engine makes them for a block's spines at once).
    /// </summary>
    void InputsFor(ReadOnlySpan<SpineState> spines, in StepEnvironment env, ulong runKey, ReadOnlySpan<ulong> ids, Span<ulong> activityWords,
        ReadOnlySpan<uint> nextWords, Span<SpineInputs> inputs, Span<SpineEpisodes> episodes)
    {
        for (int i = 0; i < spines.Length; i++)
        {
            var rng = RandomStream.AtWord(runKey, ids[i], StreamId.Activity, activityWords[i]);
            inputs[i] = InputsFor(spines[i], in env, rng, out episodes[i]);
            activityWords[i] = rng.WordsUsed;
        }
    }

    /// <summary>
    /// Whether the activity takes a segment's spines as their arrays (the InputsFor below): then the engine need not bring
    /// every spine's object up to date before the step, nor read it.
    /// </summary>
    bool ReadsSpineArrays => false;

    /// <summary>
    /// InputsFor from the spines' arrays (QuietSpine: class, flags, head volume; ActivitySpine: neck) instead of their
    /// objects, with the same numbers, segment by segment (only called when ReadsSpineArrays): BeginInputs for a
    /// dendrite of count spines, DrawInputs for each of its segments in order (their slices of ids, the words at their
    /// activity streams' positions, which it moves on), EndInputs for the dendrite's inputs and episodes.
    /// </summary>
    void BeginInputs(in StepEnvironment env, int count) => throw new NotSupportedException($"{GetType().Name} reads the spines' objects");

    void DrawInputs(ReadOnlySpan<QuietSpine> hot, ReadOnlySpan<ActivitySpine> activity, ulong runKey, ReadOnlySpan<ulong> ids, Span<ulong> activityWords,
        ReadOnlySpan<uint> nextWords) => throw new NotSupportedException($"{GetType().Name} reads the spines' objects");

    void EndInputs(Span<SpineInputs> inputs, Span<SpineEpisodes> episodes) => throw new NotSupportedException($"{GetType().Name} reads the spines' objects");

    /// <summary>How the run logs activity: the `episodes` table per dendrite and step unless spine rows, early LTP/LTD events counted there unless size event rows.</summary>
    ActivityLogging Logging => ActivityLogging.Default;
}

/// <summary>Activity:EpisodeRows (one `episodes` row per spine and step) and Activity:SizeEventRows (early LTP/LTD size changes as events).</summary>
public readonly record struct ActivityLogging(bool SpineRows, bool SizeEventRows)
{
    public static readonly ActivityLogging Default = new(false, false);
}

/// <summary>What one step of some segments produced, gathered by their block actor (spine order, then formation order).</summary>
public sealed class SegmentStepOutput
{
    public readonly List<DendriteCensus> Counts = new();
    public readonly List<StructuralEvent> SpineEvents = new();
    public readonly List<StructuralEvent> FormationEvents = new();
    /// <summary>The step's `episodes` rows (per dendrite, or per spine).</summary>
    public readonly ActivityTally Activity = new();
    public readonly List<RosterChange> Rosters = new();
    /// <summary>
    /// Scratch of a block's step: a segment's births; every spine's stream (id, word position), step words and size
    /// noise (PlasticityModel.SizeNormals and SizeGrowths: growth factor, normal), drawn for all the block's spines at once.
    /// </summary>
    internal readonly List<SpineBirth> Births = new();
    internal ulong[] Ids = new ulong[256];
    internal ulong[] Positions = new ulong[256];
    internal uint[] Words = new uint[256 * PlasticityModel.WordsPerStep];
    internal double[] Noise = new double[256 * 2];
    /// <summary>Every spine's activity-stream position and the word there (PhiloxBatch.Draw1), with activity.</summary>
    internal ulong[] ActivityPositions = new ulong[256];
    internal uint[] ActivityWords = new uint[256];
    internal SpineState[] Spines = new SpineState[256];
    /// <summary>
    /// The current dendrite's spines' activity inputs and episodes for the step (ISpineActivity.InputsFor per dendrite;
    /// from entry 0 for each dendrite, so that they stay in the processor's nearest cache).
    /// </summary>
    internal SpineInputs[] Inputs = new SpineInputs[256];
    internal SpineEpisodes[] Episodes = new SpineEpisodes[256];
    /// <summary>A segment's spines that stepped on the quiet path (PlasticityModel.StepQuiet), and their early-phase changes there.</summary>
    internal bool[] Quiet = new bool[256];
    internal EarlyPhaseStep[] EarlyPhase = new EarlyPhaseStep[256];

    internal void Reserve(int spines)
    {
        if (Ids.Length >= spines) return;
        int n = Math.Max(spines, 2 * Ids.Length);
        Ids = new ulong[n];
        Positions = new ulong[n];
        Words = new uint[n * PlasticityModel.WordsPerStep];
        Noise = new double[2 * n];
        ActivityPositions = new ulong[n];
        ActivityWords = new uint[n];
        Spines = new SpineState[n];
        Inputs = new SpineInputs[n];
        Episodes = new SpineEpisodes[n];
        Quiet = new bool[n];
        EarlyPhase = new EarlyPhaseStep[n];
    }

    public void Clear()
    {
        Counts.Clear(); SpineEvents.Clear(); FormationEvents.Clear(); Activity.Rows.Clear(); Rosters.Clear();
    }

    /// <summary>The step's `episodes` rows, the last dendrite's included.</summary>
    public EpisodeRow[] EpisodeRows()
    {
        Activity.Flush();
        return Activity.Rows.ToArray();
    }
}

/// <summary>
/// The spines of one dendritic segment, kept as parallel arrays in id order: each spine is still an agent with its
/// own id, state (<see cref="SpineState"/>), life-cycle and activity streams and an inbox (the PRP occupancy the
/// exchange reported for it). A spine's life-cycle stream is kept as its word position only (the stream is keyed by
/// run key and spine id): each step draws every spine's five words in one batch (PhiloxBatch), the very words its
/// RandomStream would give. A step is the plain PopulationDriver's: every spine in id order through
/// PlasticityModel.StepSpine, losses recorded on the segment, then StepFormation and NewSpine for the births.
/// The fields a step reads and writes for most spines (age, head volume, the two occupancy integrals, class, flags,
/// turnover multiplier) are also kept in one array of QuietSpine: the spines to which nothing happens in a step are
/// stepped on that array alone (PlasticityModel.StepQuiet), without touching their state objects; any other spine
/// takes the full StepSpine on its object, brought up to date first and read back after. The array holds the running
/// values of age, volume and the integrals; an object's copies are brought up to date (Current) before anything
/// reads it.
/// </summary>
public sealed class SegmentSpines
{
    private readonly ulong _key;
    private readonly PlasticityModel _model;
    private readonly RandomStream _formation;
    /// <summary>Spines lost this step, for the exchange's roster (null when exchange is off).</summary>
    private List<ulong>? _lost;
    private SpineState[] _spines;
    /// <summary>Each spine's id (as in its state): what the batched draw and the id lookups read, without touching the states.</summary>
    private ulong[] _ids;
    /// <summary>Next word of each spine's life-cycle stream (RandomStream(key, id, LifeCycle).WordsUsed).</summary>
    private ulong[] _lifeCycleWord;
    /// <summary>Next word of each spine's activity stream (RandomStream(key, id, Activity).WordsUsed); made at the first step with activity.</summary>
    private ulong[]? _activityWord;
    /// <summary>Inbox: PRP occupancy delivered for the next step (0 when the exchange reported nothing).</summary>
    private double[]? _prp;
    /// <summary>The hot fields, one array for the segment (per-field arrays cost a cache miss on each array per segment of about 12 spines).</summary>
    private QuietSpine[] _hot;
    /// <summary>
    /// With activity, each spine's early phase and neck (PlasticityModel.ActivitySpineOf), kept up to date like _hot: the
    /// quiet step with activity moves the early phases on here, and the activity reads the necks here.
    /// </summary>
    private ActivitySpine[]? _activity;
    /// <summary>Some spine stepped quietly since the objects were last brought up to date (their four running values are old).</summary>
    private bool _stale;
    private int _count;

    /// <param name="model">the model that steps the segment (its options decide the flags kept per spine)</param>
    public SegmentSpines(SeededSegment seeded, PlasticityModel model, ulong key, bool exchange) : this(seeded, model, key, seeded.Context)
    {
        AllocateStates(seeded);
        AllocateHot();
        AllocateStreams(seeded);
        AllocateInbox(exchange);
    }

    private SegmentSpines(SeededSegment seeded, PlasticityModel model, ulong key, SegmentContext context)
    {
        _model = model;
        Dendrite = seeded.Dendrite;
        _key = key;
        _formation = new RandomStream(key, context.SegmentId, StreamId.Formation);
        Context = context;
        _count = seeded.Spines.Count;
        _spines = [];
        _hot = [];
        _ids = [];
        _lifeCycleWord = [];
    }

    /// <summary>
    /// The segments of some seeded ones, with each kind of array allocated in its own pass: a step walks the segments
    /// in order, so the segments' hot fields (and their ids, their stream positions) lie one after another in memory,
    /// where the processor's prefetcher finds them (allocated segment by segment, each step missed the cache on every
    /// segment's arrays).
    /// </summary>
    public static SegmentSpines[] Create(IEnumerable<SeededSegment> seeded, PlasticityModel model, ulong key, bool exchange)
    {
        var list = seeded.ToList();
        // what every step reads per segment, together: the segment, its formation stream, its context (a copy: the
        // seeded ones lie between their spines' objects)
        var segments = list.Select(g => new SegmentSpines(g, model, key, g.Context.Copy())).ToArray();
        for (int k = 0; k < segments.Length; k++) segments[k].AllocateStates(list[k]);
        foreach (var g in segments) g.AllocateHot();
        for (int k = 0; k < segments.Length; k++) segments[k].AllocateStreams(list[k]);
        foreach (var g in segments) g.AllocateInbox(exchange);
        return segments;
    }

    private void AllocateStates(SeededSegment seeded)
    {
        _spines = new SpineState[Math.Max(4, _count + _count / 8)];
        seeded.Spines.CopyTo(_spines);
    }

    private void AllocateHot()
    {
        _hot = new QuietSpine[_spines.Length];
        for (int i = 0; i < _count; i++) Load(i, _spines[i]);
    }

    private void AllocateStreams(SeededSegment seeded)
    {
        _ids = new ulong[_spines.Length];
        for (int i = 0; i < _count; i++) _ids[i] = _spines[i].Id;
        _lifeCycleWord = new ulong[_spines.Length];
        for (int i = 0; i < _count; i++) _lifeCycleWord[i] = seeded.Streams[i].WordsUsed;
    }

    private void AllocateInbox(bool exchange)
    {
        if (!exchange) return;
        _prp = new double[_spines.Length];
        _lost = new List<ulong>();
    }

    public int Dendrite { get; }
    public SegmentContext Context { get; }
    public int Count => _count;
    /// <summary>Spine i's state, up to date.</summary>
    public SpineState this[int i] => Current(i);

    /// <summary>Spine i's state object with the running values of the arrays written into it.</summary>
    private SpineState Current(int i)
    {
        var s = _spines[i];
        if (_stale)
        {
            _hot[i].WriteTo(s);
            if (_activity != null) _activity[i].WriteTo(s);
        }
        return s;
    }

    /// <summary>Brings every spine's object up to date (before a batch reads them all).</summary>
    private void SyncAll()
    {
        if (!_stale) return;
        for (int i = 0; i < _count; i++) Current(i);
        _stale = false;
    }

    /// <summary>Spine i's hot fields from its object (after the object changed: seeding, birth, a full step).</summary>
    private void Load(int i, SpineState s)
    {
        _hot[i] = _model.QuietSpineOf(s);
        if (_activity != null) _activity[i] = PlasticityModel.ActivitySpineOf(s);
    }

    /// <summary>Every live spine with its position: the exchange's initial roster.</summary>
    public RosterChange InitialRoster()
        => new(Context.SegmentId, Enumerable.Range(0, _count).Select(i => (_spines[i].Id, _spines[i].PositionUm)).ToArray(), []);

    /// <summary>Hands each listed spine still alive its PRP occupancy (spines lost since the exchange stepped get nothing).</summary>
    public void Deliver(ExposureBatch batch)
    {
        if (_prp is null) throw new InvalidOperationException($"segment {Context.SegmentId} got exposures but exchange is off");
        for (int j = 0; j < batch.SpineIds.Length; j++)
        {
            int i = IndexOf(batch.SpineIds[j]);
            if (i >= 0) _prp[i] = batch.PrpOccupancy[j];
        }
    }

    /// <summary>Index of a live spine by id (ids ascend along the arrays), or -1.</summary>
    public int IndexOf(ulong spineId)
    {
        int lo = 0, hi = _count - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            ulong id = _ids[mid];
            if (id == spineId) return mid;
            if (id < spineId) lo = mid + 1; else hi = mid - 1;
        }
        return -1;
    }

    /// <summary>Every spine's census row, written into rows from index at; returns the index after the last.</summary>
    public int Census(SpineCensusRow[] rows, int at)
    {
        for (int i = 0; i < _count; i++) rows[at++] = SpineCensusRow.Of(Current(i));
        return at;
    }

    /// <summary>Adds this segment's true spines to its dendrite's census (the last entry when it is this dendrite's).</summary>
    public void CountInto(List<DendriteCensus> counts)
    {
        var c = counts.Count > 0 && counts[^1].Dendrite == Dendrite ? counts[^1] : new DendriteCensus(Dendrite, 0, 0, 0);
        int n = c.TrueSpines, persistent = c.Persistent;
        double volume = c.HeadVolumeSumUm3;
        for (int i = 0; i < _count; i++)
        {
            ref readonly var h = ref _hot[i];
            if (h.Stage == LifeStage.Filopodium) continue;
            n++;
            if ((h.Flags & QuietFlags.Persistent) != 0) persistent++;
            volume += h.HeadVolumeUm3;
        }
        c = new DendriteCensus(Dendrite, n, persistent, volume);
        if (counts.Count > 0 && counts[^1].Dendrite == Dendrite) counts[^1] = c;
        else counts.Add(c);
    }

    /// <summary>One step of this segment alone (what <see cref="StepAll"/> does for a block's segments).</summary>
    public void Step(PlasticityModel model, in StepEnvironment env, ISpineActivity? activity, SegmentStepOutput output)
        => StepAll([this], model, [env], Dendrite, activity, output);

    /// <summary>
    /// One step of some segments (in id order; envs[d - firstDendrite] is dendrite d's environment): the random
    /// words and size noise of all their spines are made in one batch (PhiloxBatch sixteen streams at a time, the normals
    /// and growth factors four at a time: small segments alone would leave most of it to the scalar tails), then each
    /// segment steps its spines from its slice. Each spine gets the very words and noise of its own streams, so the
    /// grouping never shows in the results.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // optimised at once: tier 0 on a million spines' first step took seconds
    public static void StepAll(ReadOnlySpan<SegmentSpines> segments, PlasticityModel model, ReadOnlySpan<StepEnvironment> envs, int firstDendrite,
        ISpineActivity? activity, SegmentStepOutput output)
    {
        if (segments.Length == 0) return;
        foreach (var g in segments)
            if ((uint)(g.Dendrite - firstDendrite) >= (uint)envs.Length)
                throw new ArgumentException($"no environment for dendrite {g.Dendrite} (given {envs.Length} from {firstDendrite})", nameof(envs));
        const int w = PlasticityModel.WordsPerStep;
        ulong key = segments[0]._key;
        int n = 0;
        foreach (var g in segments)
        {
            if (g._key != key) throw new ArgumentException("segments of different runs in one batch", nameof(segments));
            if (g._model != model) throw new ArgumentException($"segment {g.Context.SegmentId} was made for another model", nameof(model));
            n += g._count;
        }
        output.Reserve(n);
        var ids = output.Ids.AsSpan(0, n);
        var positions = output.Positions.AsSpan(0, n);
        int at = 0;
        for (int j = 0; j < segments.Length; j++)
        {
            var g = segments[j];
            if (j + 1 < segments.Length)
            {
                MemoryHint.Elements(segments[j + 1]._ids, segments[j + 1]._count);
                MemoryHint.Elements(segments[j + 1]._lifeCycleWord, segments[j + 1]._count);
            }
            g._ids.AsSpan(0, g._count).CopyTo(ids[at..]);
            g._lifeCycleWord.AsSpan(0, g._count).CopyTo(positions[at..]);
            at += g._count;
        }
        var words = output.Words.AsSpan(0, w * n);
        PhiloxBatch.Draw5(key, StreamId.LifeCycle, ids, positions, words);
        var noise = output.Noise.AsSpan(0, 2 * n);
        PlasticityModel.SizeNormals(words, noise);
        // growth factors per run of segments with one environment (a dendrite's)
        at = 0;
        for (int j = 0; j < segments.Length;)
        {
            int start = at, k = j;
            for (; k < segments.Length && segments[k].Dendrite == segments[j].Dendrite; k++) at += segments[k]._count;
            model.SizeGrowths(noise[(2 * start)..(2 * at)], in envs[segments[j].Dendrite - firstDendrite]);
            j = k;
        }
        if (activity != null) ActivityWords(segments, output, n);
        var logging = activity?.Logging ?? ActivityLogging.Default;
        at = 0;
        int dendriteAt = 0; // the block entry of the current dendrite's first spine: its inputs and episodes start at 0 of the scratch
        for (int j = 0; j < segments.Length; j++)
        {
            // hints: the segment after next (its objects), the next one (its spines' hot fields, its recent losses)
            if (j + 2 < segments.Length) segments[j + 2].HintObjects();
            if (j + 1 < segments.Length) segments[j + 1].HintArrays();
            var g = segments[j];
            int count = g._count;
            ref readonly var env = ref envs[g.Dendrite - firstDendrite];
            if (activity != null && (j == 0 || segments[j - 1].Dendrite != g.Dendrite))
            {
                // a dendrite's activity just before its segments step (its spines' states are then still in the cache);
                // its episodes open its row, where its spines' early-phase counts go
                int end = at, k = j;
                for (; k < segments.Length && segments[k].Dendrite == g.Dendrite; k++) end += segments[k]._count;
                ActivityInputs(segments[j..k], in env, activity, output, at, end);
                dendriteAt = at;
                if (!logging.SpineRows && end > at) output.Activity.AddEpisodes(g.Dendrite, env.TimeH + env.StepH, output.Episodes.AsSpan(0, end - at));
            }
            g.StepDrawn(model, in env, activity, output, positions.Slice(at, count), words.Slice(w * at, w * count), noise.Slice(2 * at, 2 * count),
                activity != null ? output.Inputs.AsSpan(at - dendriteAt, count) : default, activity != null ? output.Episodes.AsSpan(at - dendriteAt, count) : default);
            at += count;
        }
    }
    /// <summary>The word at each spine's activity-stream position, for all the block's spines at once (PhiloxBatch.Draw1).</summary>
    private static void ActivityWords(ReadOnlySpan<SegmentSpines> segments, SegmentStepOutput output, int n)
    {
        var activityPositions = output.ActivityPositions.AsSpan(0, n);
        int at = 0;
        foreach (var g in segments)
        {
            (g._activityWord ??= new ulong[g._spines.Length]).AsSpan(0, g._count).CopyTo(activityPositions[at..]);
            g.AllocateActivity();
            at += g._count;
        }
        PhiloxBatch.Draw1(segments[0]._key, StreamId.Activity, output.Ids.AsSpan(0, n), activityPositions, output.ActivityWords.AsSpan(0, n));
    }

    /// <summary>The spines' activity fields, at the first step with activity (until then only full steps changed their early phases).</summary>
    private void AllocateActivity()
    {
        if (_activity != null) return;
        _activity = new ActivitySpine[_spines.Length];
        for (int i = 0; i < _count; i++) _activity[i] = PlasticityModel.ActivitySpineOf(_spines[i]);
    }

    /// <summary>
    /// The activity inputs of one dendrite's segments (block entries from..end), before any of its spines steps (a
    /// spine's inputs depend only on its own state and stream): one ISpineActivity call over all of them (segments hold
    /// about a dozen spines: calls per segment left the surface's four-lane queries and the per-call work to small
    /// remainders), then each stream moved on.
    /// </summary>
    private static void ActivityInputs(ReadOnlySpan<SegmentSpines> segments, in StepEnvironment env, ISpineActivity activity, SegmentStepOutput output,
        int from, int end)
    {
        if (end == from) return;
        var activityPositions = output.ActivityPositions.AsSpan(from, end - from);
        int at = 0;
        if (activity.ReadsSpineArrays)
        {
            // segment by segment from the arrays (the objects of most spines are not touched in such a step), each
            // stream moved on in place
            activity.BeginInputs(in env, end - from);
            for (int k = 0; k < Math.Min(2, segments.Length); k++) segments[k].HintActivity();
            for (int k = 0; k < segments.Length; k++)
            {
                // the arrays of the segment after next on their way (the first touch of a step: each segment's arrays are small
                // and apart, so the processor's own prefetch rarely starts in time)
                if (k + 2 < segments.Length) segments[k + 2].HintActivity();
                var g = segments[k];
                int c = g._count;
                activity.DrawInputs(g._hot.AsSpan(0, c), g._activity.AsSpan(0, c), g._key, output.Ids.AsSpan(from + at, c), g._activityWord.AsSpan(0, c),
                    output.ActivityWords.AsSpan(from + at, c));
                at += c;
            }
            activity.EndInputs(output.Inputs.AsSpan(0, end - from), output.Episodes.AsSpan(0, end - from));
            return;
        }
        var spines = output.Spines.AsSpan(from, end - from);
        foreach (var g in segments)
        {
            g.SyncAll(); // the activity model reads the spines' objects
            g._spines.AsSpan(0, g._count).CopyTo(spines[at..]);
            at += g._count;
        }
        activity.InputsFor(spines, in env, segments[0]._key, output.Ids.AsSpan(from, end - from), activityPositions, output.ActivityWords.AsSpan(from, end - from),
            output.Inputs.AsSpan(0, end - from), output.Episodes.AsSpan(0, end - from));
        MoveStreams(segments, activityPositions);
        spines.Clear(); // the scratch holds no spine beyond the step
    }

    /// <summary>Each spine's activity stream moved past the words drawn (positions: the dendrite's, in block order).</summary>
    private static void MoveStreams(ReadOnlySpan<SegmentSpines> segments, ReadOnlySpan<ulong> positions)
    {
        int at = 0;
        foreach (var g in segments)
        {
            positions.Slice(at, g._count).CopyTo(g._activityWord);
            at += g._count;
        }
    }


    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void StepDrawn(PlasticityModel model, in StepEnvironment env, ISpineActivity? activity, SegmentStepOutput output,
        ReadOnlySpan<ulong> positions, ReadOnlySpan<uint> words, ReadOnlySpan<double> noise, ReadOnlySpan<SpineInputs> activityInputs,
        ReadOnlySpan<SpineEpisodes> episodes)
    {
        double endH = env.TimeH + env.StepH;
        var logging = activity?.Logging ?? ActivityLogging.Default;
        // dendrite rows without size events: the model counts early-phase changes into the open row (no events made and taken out)
        bool countEarly = activity != null && !logging.SpineRows && !logging.SizeEventRows;
        const int w = PlasticityModel.WordsPerStep;
        positions.CopyTo(_lifeCycleWord); // each stream past this step's words
        // the quiet path first, for the whole segment on its arrays. With activity, the quiet step with activity (calcium,
        // early LTP/LTD; their early-phase changes counted below in spine order), not with per-spine episode rows (every
        // spine writes one)
        var quietStep = activity == null || !logging.SpineRows ? model.QuietStepFor(in env) : default;
        var quiet = output.Quiet.AsSpan(0, _count);
        var early = output.EarlyPhase.AsSpan(0, _count);
        if (quietStep.Possible && _count > 0)
        {
            int n = _count;
            var prp = _prp != null ? _prp.AsSpan(0, n) : default;
            if (activity != null)
                model.StepQuietWithActivity(in quietStep, _hot.AsSpan(0, n), _activity.AsSpan(0, n), activityInputs, prp, words, noise, countEarly, quiet, early);
            else model.StepQuiet(in quietStep, _hot.AsSpan(0, n), prp, words, noise, quiet);
            _stale = true;
        }
        else quiet.Clear();
        int keep = 0;
        for (int i = 0; i < _count; i++)
        {
            double prp = 0;
            if (_prp != null)
            {
                prp = _prp[i];
                _prp[i] = 0;
            }
            if (quiet[i])
            {
                if (activity != null) early[i].AddTo(ref output.Activity.Early);
                if (keep != i) Move(i, keep);
                keep++;
                continue;
            }
            var s = Current(i);
            var inputs = activity != null ? activityInputs[i] : SpineInputs.None;
            if (_prp != null) inputs = inputs with { PrpOccupancy = prp };
            // the spine appends straight to the block's list (a copy per spine cost more than the step's bookkeeping)
            var events = output.SpineEvents;
            int before = events.Count;
            var fate = model.StepSpine(s, in env, in inputs, words.Slice(w * i, w), noise[2 * i], noise[2 * i + 1], events, ref output.Activity.Early, countEarly);
            if (activity != null && !countEarly)
            {
                if (logging.SpineRows) output.Activity.Add(s, Dendrite, endH, in episodes[i], events, before, logging.SizeEventRows, spineRows: true);
                else if (events.Count > before) output.Activity.TakeSizeEvents(events, before, logging.SizeEventRows);
            }
            if (fate == SpineFate.Eliminated)
            {
                string cause = events.Count > before ? events[^1].Cause : StructuralEvent.Intrinsic;
                if (s.Stage != LifeStage.Filopodium && model.LeavesLossSite(s)) Context.RecordLoss(s.PositionUm, endH, cause);
                _lost?.Add(s.Id);
                continue;
            }
            Load(i, s);
            if (keep != i) Move(i, keep);
            keep++;
        }
        for (int i = keep; i < _count; i++) Clear(i);
        _count = keep;
        Form(model, in env, output);
    }

    /// <summary>Prefetch hints for this segment's step (MemoryHint): the objects it reads (two segments ahead)...</summary>
    private void HintObjects()
    {
        MemoryHint.Object(Context);
        MemoryHint.Object(_formation);
        MemoryHint.Object(_lost);
    }

    /// <summary>What the activity reads of this segment's spines (its arrays: hot and activity fields, stream positions).</summary>
    private void HintActivity()
    {
        MemoryHint.Elements(_hot, _count);
        if (_activity != null) MemoryHint.Elements(_activity, _count);
        if (_activityWord != null) MemoryHint.Elements(_activityWord, _count);
    }

    /// <summary>... and its spines' hot fields (one segment ahead).</summary>
    private void HintArrays()
    {
        MemoryHint.Elements(_hot, _count);
    }

    private void Form(PlasticityModel model, in StepEnvironment env, SegmentStepOutput output)
    {
        var births = output.Births;
        births.Clear();
        model.StepFormation(Context, in env, _formation, births);
        double bornAt = env.TimeH + env.StepH;
        for (int j = 0; j < births.Count; j++)
        {
            var b = births[j];
            var rng = new RandomStream(_key, b.SpineId, StreamId.LifeCycle);
            var s = model.NewSpine(b.SpineId, Context.SegmentId, b.PositionUm, bornAt, rng, initial: false, filopodium: b.Filopodium,
                events: output.FormationEvents, cause: b.Cause, effects: Context.Effects);
            Add(s, rng.WordsUsed);
        }
        if (_lost != null && (births.Count > 0 || _lost.Count > 0))
        {
            // a segment that only lost spines reports too: the exchange must stop feeding them from the next step
            var born = new (ulong, double)[births.Count];
            for (int j = 0; j < born.Length; j++) born[j] = (births[j].SpineId, births[j].PositionUm);
            output.Rosters.Add(new RosterChange(Context.SegmentId, born, _lost.ToArray()));
            _lost.Clear();
        }
    }

    private void Move(int from, int to)
    {
        _spines[to] = _spines[from];
        _ids[to] = _ids[from];
        _lifeCycleWord[to] = _lifeCycleWord[from];
        _hot[to] = _hot[from];
        if (_activity != null) _activity[to] = _activity[from];
        if (_activityWord != null) _activityWord[to] = _activityWord[from];
        if (_prp != null) _prp[to] = _prp[from];
    }

    private void Clear(int i)
    {
        _spines[i] = null!;
        _ids[i] = 0;
        _lifeCycleWord[i] = 0;
        if (_activityWord != null) _activityWord[i] = 0;
        if (_prp != null) _prp[i] = 0;
    }

    private void Add(SpineState s, ulong lifeCycleWord)
    {
        if (_count == _spines.Length)
        {
            int n = _spines.Length * 2;
            Array.Resize(ref _spines, n);
            Array.Resize(ref _lifeCycleWord, n);
            Array.Resize(ref _ids, n);
            Array.Resize(ref _hot, n);
            if (_activity != null) Array.Resize(ref _activity, n);
            if (_activityWord != null) Array.Resize(ref _activityWord, n);
            if (_prp != null) Array.Resize(ref _prp, n);
        }
        _spines[_count] = s;
        _ids[_count] = s.Id;
        _lifeCycleWord[_count] = lifeCycleWord;
        if (_activityWord != null) _activityWord[_count] = 0; // a new spine's activity stream starts at its first word
        Load(_count, s);
        _count++;
    }
}
