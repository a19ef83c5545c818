using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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
    /// InputsFor from the spines' arrays (QuietSpine: class, flags, head volume; ActivitySpine: the activity's own cache of
    /// where the spine's neck lies on its surface; the full states spines[i] only to locate a neck not located yet) instead of
    /// their full states, with the same numbers, for one
    /// dendrite's slots at once and in their order (only called when ReadsSpineArrays): live gives each segment's live
    /// spines as (start, count) within the spans; each one's activity stream is (runKey, ids[i], StreamId.Activity) at
    /// word positions[i], which it moves on (it makes the words there: nextWords is scratch for them). Writes every live spine's inputs as calcium[i]
    /// (SlotCalcium: the calcium proxy with the step's dopamine, or no inputs) and either its episodes[i] or, when episodes
    /// is empty, their sums into tally's open row.
    /// </summary>
    void InputsOfSlots(in StepEnvironment env, ReadOnlySpan<QuietSpine> hot, Span<ActivitySpine> activity, ReadOnlySpan<SpineState> spines, ReadOnlySpan<(int Start, int Count)> live,
        ulong runKey, ReadOnlySpan<ulong> ids, Span<ulong> positions, Span<uint> nextWords, Span<double> calcium, Span<SpineEpisodes> episodes,
        ActivityTally? tally) => throw new NotSupportedException($"{GetType().Name} reads the spines' objects");

    /// <summary>How the run logs activity: the `episodes` table per dendrite and step unless spine rows, early LTP/LTD events counted there unless size event rows.</summary>
    ActivityLogging Logging => ActivityLogging.Default;
}

/// <summary>
/// A spine's activity inputs of a step as one double (what InputsOfSlots writes per slot, 8 bytes where SpineInputs takes
/// 32): its calcium proxy, with the step's dopamine at delay 0 and no PRPs, or -0 for no inputs at all (SpineInputs.None).
/// A calcium proxy is never -0 (a count times a magnitude), and -0 compares as 0, which the quiet step with activity sees.
/// </summary>
public static class SlotCalcium
{
    public static readonly double NoInputs = BitConverter.Int64BitsToDouble(long.MinValue);

    /// <summary>The inputs a slot's value stands for under the step's dopamine.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static SpineInputs Inputs(double calcium, double dopamine)
        => BitConverter.DoubleToInt64Bits(calcium) == long.MinValue ? SpineInputs.None : new SpineInputs(calcium, 0, dopamine, 0);
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
    /// Scratch of a block's step: a segment's births; every slot's step words and size noise (PlasticityModel.SizeNormals
    /// and SizeGrowths: growth factor, normal) and whether it stepped on the quiet path, drawn for all the block's slots at
    /// once (indexed like the block's arrays, SpineStore).
    /// </summary>
    internal readonly List<SpineBirth> Births = new();
    internal uint[] Words = [];
    internal double[] Noise = [];
    internal bool[] Quiet = [];
    /// <summary>
    /// With activity, per slot (placed like the block's arrays): the word at each stream's position (PhiloxBatch.Draw1),
    /// each spine's inputs (as SlotCalcium when the activity reads the arrays, else as SpineInputs), its head volume change
    /// on the quiet path, and with spine rows its episodes. Used within one
    /// step only, so kept per thread, not per block: a thread steps its blocks one after another, and one set of these
    /// stays in its cache where one per block came from memory at every step.
    /// </summary>
    internal uint[] SlotWords => Slots.Words;
    internal SpineInputs[] SlotInputs => Slots.Inputs;
    internal double[] CalciumOfSlots => Slots.Calcium;
    internal double[] VolumeChanges => Slots.VolumeChanges;
    internal SpineEpisodes[] SlotEpisodes => Slots.Episodes;
    /// <summary>Scratch: each segment's live spines of a dendrite, as (start, count) within its slots.</summary>
    internal (int Start, int Count)[] Live = [];
    // the throw in a helper of its own, so that this getter (several calls per segment and step) is inlined
    private SlotScratch Slots => _slots ?? NoSlots();
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static SlotScratch NoSlots() => throw new InvalidOperationException("the activity's slot arrays are used before ReserveActivity");
    [ThreadStatic] private static SlotScratch? t_slots;
    /// <summary>The running thread's scratch, looked up once per step by ReserveActivity (a thread-static read per dendrite and array cost
    /// a call into the runtime's thread-local lookup each time); a block's step runs on one thread.</summary>
    private SlotScratch? _slots;

    private sealed class SlotScratch
    {
        public uint[] Words = [];
        public SpineInputs[] Inputs = [];
        public double[] Calcium = [];
        public double[] VolumeChanges = [];
        public SpineEpisodes[] Episodes = [];
    }
    /// <summary>
    /// With an activity that reads the spines' objects, per live spine in block order (no gaps): ids, activity-stream
    /// positions and the word there, objects, inputs and episodes.
    /// </summary>
    internal ulong[] Ids = [];
    internal ulong[] ActivityPositions = [];
    internal uint[] ActivityWords = [];
    internal SpineState[] Spines = [];
    internal SpineInputs[] Inputs = [];
    internal SpineEpisodes[] Episodes = [];

    /// <summary>Room for a step over this many slots (the arrays of a step without activity: activity's are made only when used).</summary>
    internal void Reserve(int slots)
    {
        if (Quiet.Length >= slots) return;
        int n = Math.Max(slots, 2 * Quiet.Length);
        Words = new uint[n * PlasticityModel.WordsPerStep];
        Noise = new double[2 * n];
        Quiet = new bool[n];
    }

    /// <summary>Room for the activity of this many slots, and this many live spines when the activity reads their objects.</summary>
    internal void ReserveActivity(int spines, int slots, bool spineRows, bool objects)
    {
        var t = _slots = t_slots ??= new SlotScratch();
        if (t.Words.Length < slots)
        {
            int m = Math.Max(slots, t.Words.Length + t.Words.Length / 4);
            t.Words = new uint[m];
            t.VolumeChanges = new double[m];
            if (t.Inputs.Length != 0) t.Inputs = new SpineInputs[m];
            if (t.Calcium.Length != 0) t.Calcium = new double[m];
        }
        // the inputs as the activity writes them
        if (objects && t.Inputs.Length < t.Words.Length) t.Inputs = new SpineInputs[t.Words.Length];
        if (!objects && t.Calcium.Length < t.Words.Length) t.Calcium = new double[t.Words.Length];
        if (spineRows && t.Episodes.Length < t.Words.Length) t.Episodes = new SpineEpisodes[t.Words.Length];
        if (!objects || Ids.Length >= spines) return;
        int n = Math.Max(spines, 2 * Ids.Length);
        Ids = new ulong[n];
        ActivityPositions = new ulong[n];
        ActivityWords = new uint[n];
        Spines = new SpineState[n];
        Inputs = new SpineInputs[n];
        Episodes = new SpineEpisodes[n];
    }

    public void Clear()
    {
        Counts.Clear(); SpineEvents.Clear(); FormationEvents.Clear(); Activity.Rows.Clear(); Rosters.Clear();
    }

    /// <summary>The step's `episodes` rows, the last dendrite's included (the list is the output's: copy it before the next step).</summary>
    public List<EpisodeRow> EpisodeRows()
    {
        Activity.Flush();
        return Activity.Rows;
    }
}

/// <summary>
/// The arrays of a block's spines (SegmentSpines.Create): one set for all its segments, each segment a range of slots
/// [start, start + capacity) in id order, its live spines first. A step draws, normalises and steps the whole block's
/// slots in one pass per array (segments of about 12 spines each in arrays of their own cost a cache miss per segment
/// and array, and a gather of ids and stream positions before every batch). A slot without a spine is inert: id 0,
/// no state, flagged NotQuiet (its words are drawn and unused). A segment whose births outgrow its range keeps them
/// aside until the step ends, when the store is laid out again with room for every segment.
/// </summary>
internal sealed class SpineStore
{
    /// <summary>
    /// Each spine's full state, as a value (an inert slot's is default): the full step works on it in place. Its running
    /// values of age, volume and the integrals (and, with activity, its early phase) are those of Hot (and Activity) when
    /// its segment is not stale (SegmentSpines.Current brings them in).
    /// </summary>
    public SpineState[] States = [];
    /// <summary>Each spine's id (as in its state): what the batched draw and the id lookups read, without touching the states.</summary>
    public ulong[] Ids = [];
    /// <summary>Next word of each spine's life-cycle stream (RandomStream(key, id, LifeCycle).WordsUsed).</summary>
    public ulong[] LifeCycleWord = [];
    /// <summary>The hot fields (QuietSpine) the quiet step reads and writes.</summary>
    public QuietSpine[] Hot = [];
    /// <summary>Next word of each spine's activity stream (RandomStream(key, id, Activity).WordsUsed); made at the first step with activity.</summary>
    public ulong[]? ActivityWord;
    /// <summary>
    /// With activity, each spine's early phase and neck (PlasticityModel.ActivitySpineOf), kept up to date like Hot: the
    /// quiet step with activity moves the early phases on here, and the activity reads the necks here.
    /// </summary>
    public ActivitySpine[]? Activity;
    /// <summary>The activity whose places of the necks on its surface Activity holds (ActivitySpine.NeckCell).</summary>
    public ISpineActivity? NecksLocatedBy;
    /// <summary>Inbox: PRP occupancy delivered for the next step (0 when the exchange reported nothing); null when exchange is off.</summary>
    public double[]? Prp;
    public SegmentSpines[] Segments = [];
    public int Slots;
    /// <summary>Scratch: the stream each newborn's first state is drawn from, made anew for each (RandomStream.Restart).</summary>
    public RandomStream? BirthStream;
    /// <summary>Some segment keeps births aside (SegmentSpines.Add): lay out again at the end of the step.</summary>
    public bool Overflowed;

    public static readonly QuietSpine Inert = new() { Flags = QuietFlags.NotQuiet };

    /// <summary>Room for n spines in a segment's range: an eighth more (births between layouts), at least 4.</summary>
    public static int CapacityFor(int n) => Math.Max(4, n + n / 8);

    /// <summary>
    /// Moves slots [from, end) by d (right when positive) in every array; the slots left behind become inert. The
    /// slots moved onto must be inert (free slots of a segment).
    /// </summary>
    public void Shift(int from, int end, int d)
    {
        int n = end - from;
        States.AsSpan(from, n).CopyTo(States.AsSpan(from + d, n));
        Ids.AsSpan(from, n).CopyTo(Ids.AsSpan(from + d, n));
        LifeCycleWord.AsSpan(from, n).CopyTo(LifeCycleWord.AsSpan(from + d, n));
        Hot.AsSpan(from, n).CopyTo(Hot.AsSpan(from + d, n));
        ActivityWord?.AsSpan(from, n).CopyTo(ActivityWord.AsSpan(from + d, n));
        Activity?.AsSpan(from, n).CopyTo(Activity.AsSpan(from + d, n));
        Prp?.AsSpan(from, n).CopyTo(Prp.AsSpan(from + d, n));
        // the slots no spine occupies now (those beyond the moved ones were free already)
        int a = d > 0 ? from : Math.Max(end + d, from), b = d > 0 ? Math.Min(from + d, end) : end;
        for (int i = a; i < b; i++) MakeInert(i);
    }

    public void MakeInert(int slot)
    {
        States[slot] = default;
        Ids[slot] = 0;
        LifeCycleWord[slot] = 0;
        Hot[slot] = Inert;
        if (ActivityWord != null) ActivityWord[slot] = 0;
        if (Activity != null) Activity[slot] = default;
        if (Prp != null) Prp[slot] = 0;
    }

    public void Allocate(int slots, bool exchange, bool activity)
    {
        Slots = slots;
        States = new SpineState[slots];
        Ids = new ulong[slots];
        LifeCycleWord = new ulong[slots];
        Hot = new QuietSpine[slots];
        Hot.AsSpan().Fill(Inert);
        ActivityWord = activity ? new ulong[slots] : null;
        Activity = activity ? new ActivitySpine[slots] : null;
        Prp = exchange ? new double[slots] : null;
    }
}

/// <summary>
/// The spines of one dendritic segment: a range of its block's arrays (SpineStore) in id order. Each spine is still an
/// agent with its own id, state (<see cref="SpineState"/>), life-cycle and activity streams and an inbox (the PRP
/// occupancy the exchange reported for it). A spine's life-cycle stream is kept as its word position only (the stream
/// is keyed by run key and spine id): each step draws every spine's five words in one batch (PhiloxBatch), the very
/// words its RandomStream would give. A step is the plain PopulationDriver's: every spine in id order through
/// PlasticityModel.StepSpine, losses recorded on the segment, then StepFormation and NewSpine for the births.
/// The fields a step reads and writes for most spines (age, head volume, the two occupancy integrals, class, flags,
/// turnover multiplier) are also kept in one array of QuietSpine: the spines to which nothing happens in a step are
/// stepped on that array alone (PlasticityModel.StepQuiet, a dendrite's slots at once), without touching their full
/// states; any other spine takes the full StepSpine on its state, in place in the block's array (SpineStore.States, a
/// value per slot: no object per spine), brought up to date first and read back after. The hot array holds the running
/// values of age, volume and the integrals; a state's copies are brought up to date (Current) before anything reads it.
/// </summary>
public sealed class SegmentSpines
{
    private readonly ulong _key;
    private readonly PlasticityModel _model;
    private readonly RandomStream _formation;
    /// <summary>Spines lost this step, for the exchange's roster (null when exchange is off).</summary>
    private List<ulong>? _lost;
    private SpineStore _store = null!;
    /// <summary>This segment's slots in the store: [_start, _start + _capacity), the live spines in the first _count.</summary>
    private int _start, _capacity, _count;
    /// <summary>Births beyond the range (state, life-cycle word), moved in when the step ends (SpineStore.Overflowed).</summary>
    private List<(SpineState State, ulong Word)>? _overflow;
    /// <summary>Some spine stepped quietly since the states were last brought up to date (their four running values are old).</summary>
    private bool _stale;

    /// <summary>A segment alone (its own store).</summary>
    /// <param name="model">the model that steps the segment (its options decide the flags kept per spine)</param>
    public SegmentSpines(SeededSegment seeded, PlasticityModel model, ulong key, bool exchange) : this(seeded, model, key, seeded.Context, exchange)
    {
        Lay([this], [seeded], model, exchange);
    }

    private SegmentSpines(SeededSegment seeded, PlasticityModel model, ulong key, SegmentContext context, bool exchange)
    {
        _model = model;
        Dendrite = seeded.Dendrite;
        _key = key;
        _formation = new RandomStream(key, context.SegmentId, StreamId.Formation);
        Context = context;
        if (exchange) _lost = new List<ulong>();
    }

    /// <summary>
    /// The segments of some seeded ones, in one store: a step walks the segments in order, so their spines' hot
    /// fields, ids and stream positions lie one after another in memory, where the processor's prefetcher finds them.
    /// </summary>
    public static SegmentSpines[] Create(IEnumerable<SeededSegment> seeded, PlasticityModel model, ulong key, bool exchange)
    {
        var list = seeded.ToList();
        // what every step reads per segment, together: the segment, its formation stream, its context (a copy: the
        // seeded ones lie among the seeding's other objects)
        var segments = list.Select(g => new SegmentSpines(g, model, key, g.Context.Copy(), exchange)).ToArray();
        Lay(segments, list, model, exchange);
        return segments;
    }

    private static void Lay(SegmentSpines[] segments, List<SeededSegment> seeded, PlasticityModel model, bool exchange)
    {
        var store = new SpineStore { Segments = segments };
        int slots = 0;
        foreach (var g in seeded) slots += SpineStore.CapacityFor(g.Spines.Count);
        store.Allocate(slots, exchange, activity: false);
        int at = 0;
        for (int k = 0; k < segments.Length; k++)
        {
            var g = segments[k];
            var spines = seeded[k].Spines;
            g._store = store;
            g._start = at;
            g._count = spines.Count;
            g._capacity = SpineStore.CapacityFor(g._count);
            for (int i = 0; i < g._count; i++)
            {
                ref var s = ref store.States[at + i];
                s = spines[i];
                store.Ids[at + i] = s.Id;
                store.LifeCycleWord[at + i] = seeded[k].LifeCycleWords[i];
                store.Hot[at + i] = model.QuietSpineOf(in s);
            }
            at += g._capacity;
        }
    }

    /// <summary>Every segment's range made again with room for its spines and the births kept aside (after a step that overflowed one).</summary>
    private static void Relayout(SpineStore store, PlasticityModel model)
    {
        var old = new SpineStore { Segments = store.Segments };
        (old.States, old.Ids, old.LifeCycleWord, old.Hot, old.ActivityWord, old.Activity, old.Prp) =
            (store.States, store.Ids, store.LifeCycleWord, store.Hot, store.ActivityWord, store.Activity, store.Prp);
        int slots = 0;
        foreach (var g in store.Segments) slots += SpineStore.CapacityFor(g._count + (g._overflow?.Count ?? 0));
        store.Allocate(slots, old.Prp != null, old.ActivityWord != null);
        int at = 0;
        foreach (var g in store.Segments)
        {
            int n = g._count;
            old.States.AsSpan(g._start, n).CopyTo(store.States.AsSpan(at));
            old.Ids.AsSpan(g._start, n).CopyTo(store.Ids.AsSpan(at));
            old.LifeCycleWord.AsSpan(g._start, n).CopyTo(store.LifeCycleWord.AsSpan(at));
            old.Hot.AsSpan(g._start, n).CopyTo(store.Hot.AsSpan(at));
            old.ActivityWord?.AsSpan(g._start, n).CopyTo(store.ActivityWord.AsSpan(at));
            old.Activity?.AsSpan(g._start, n).CopyTo(store.Activity.AsSpan(at));
            old.Prp?.AsSpan(g._start, n).CopyTo(store.Prp.AsSpan(at));
            g._start = at;
            g._capacity = SpineStore.CapacityFor(n + (g._overflow?.Count ?? 0));
            if (g._overflow != null)
            {
                foreach (var (s, word) in g._overflow) g.Put(in s, word);
                g._overflow = null;
            }
            at += g._capacity;
        }
        store.Overflowed = false;
    }

    public int Dendrite { get; }
    public SegmentContext Context { get; }
    public int Count => _count;
    /// <summary>Spine i's state, up to date (a copy).</summary>
    public SpineState this[int i] => (uint)i < (uint)_count ? Current(_start + i) : throw new ArgumentOutOfRangeException(nameof(i));

    /// <summary>The state of the spine in a slot, in place, with the running values of the arrays written into it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref SpineState Current(int slot)
    {
        ref var s = ref _store.States[slot];
        if (_stale)
        {
            _store.Hot[slot].WriteTo(ref s);
            _store.Activity?[slot].WriteTo(ref s);
        }
        return ref s;
    }

    /// <summary>Brings every spine's state up to date (before a batch reads them all).</summary>
    private void SyncAll()
    {
        if (!_stale) return;
        for (int i = 0; i < _count; i++) Current(_start + i);
        _stale = false;
    }

    /// <summary>A slot's hot fields from its spine's state (after the state changed: birth, a full step).</summary>
    private void Load(int slot, in SpineState s)
    {
        _store.Hot[slot] = _model.QuietSpineOf(s);
        if (_store.Activity != null) _store.Activity[slot] = PlasticityModel.ActivitySpineOf(s);
    }

    /// <summary>
    /// Load after a full step of the spine in the slot: the neck's place on the activity's surface is kept (a neck is set
    /// when the spine forms and never changes; locating it again would read the spine's state at the next step).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Reload(int slot, in SpineState s)
    {
        _store.Hot[slot] = _model.QuietSpineOf(s);
        if (_store.Activity is not { } activity) return;
        ref var a = ref activity[slot];
        var (cell, fraction) = (a.NeckCell, a.NeckCellFraction);
        a = PlasticityModel.ActivitySpineOf(s);
        (a.NeckCell, a.NeckCellFraction) = (cell, fraction);
    }

    /// <summary>Every live spine with its position: the exchange's initial roster.</summary>
    public RosterChange InitialRoster()
        => new(Context.SegmentId, Enumerable.Range(_start, _count).Select(i => (_store.States[i].Id, _store.States[i].PositionUm)).ToArray(), []);

    /// <summary>Hands each listed spine still alive its PRP occupancy (spines lost since the exchange stepped get nothing).</summary>
    public void Deliver(ExposureBatch batch)
    {
        var prp = _store.Prp ?? throw new InvalidOperationException($"segment {Context.SegmentId} got exposures but exchange is off");
        for (int j = 0; j < batch.SpineIds.Length; j++)
        {
            int i = IndexOf(batch.SpineIds[j]);
            if (i >= 0) prp[_start + i] = batch.PrpOccupancy[j];
        }
    }

    /// <summary>Index of a live spine by id (ids ascend along the range), or -1.</summary>
    public int IndexOf(ulong spineId)
    {
        var ids = _store.Ids;
        int lo = 0, hi = _count - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            ulong id = ids[_start + mid];
            if (id == spineId) return mid;
            if (id < spineId) lo = mid + 1; else hi = mid - 1;
        }
        return -1;
    }

    /// <summary>Every spine's census row, written into rows from index at; returns the index after the last.</summary>
    public int Census(SpineCensusRow[] rows, int at)
    {
        for (int i = 0; i < _count; i++) rows[at++] = SpineCensusRow.Of(in Current(_start + i));
        return at;
    }

    /// <summary>Adds this segment's true spines to its dendrite's census (the last entry when it is this dendrite's).</summary>
    public void CountInto(List<DendriteCensus> counts)
    {
        var c = counts.Count > 0 && counts[^1].Dendrite == Dendrite ? counts[^1] : new DendriteCensus(Dendrite, 0, 0, 0);
        int n = c.TrueSpines, persistent = c.Persistent;
        double volume = c.HeadVolumeSumUm3;
        var hot = _store.Hot;
        for (int i = _start; i < _start + _count; i++)
        {
            ref readonly var h = ref hot[i];
            if (h.Stage == LifeStage.Filopodium) continue;
            n++;
            if ((h.Flags & QuietFlags.Persistent) != 0) persistent++;
            volume += h.HeadVolumeUm3;
        }
        c = new DendriteCensus(Dendrite, n, persistent, volume);
        if (counts.Count > 0 && counts[^1].Dendrite == Dendrite) counts[^1] = c;
        else counts.Add(c);
    }

    /// <summary>One step of this segment alone (what <see cref="StepAll"/> does for a block's segments); a segment made alone only.</summary>
    public void Step(PlasticityModel model, in StepEnvironment env, ISpineActivity? activity, SegmentStepOutput output)
        => StepAll([this], model, [env], Dendrite, activity, output);

    /// <summary>
    /// One step of all the segments of one store (in id order, as Create made them; envs[d - firstDendrite] is dendrite
    /// d's environment): the random words and size noise of all their slots are made in one batch (PhiloxBatch sixteen
    /// streams at a time, the normals and growth factors four at a time), each dendrite's quiet spines step in one
    /// StepQuiet over its slots, then each segment steps its other spines and runs its formation. Each spine gets the
    /// very words and noise of its own streams, so the grouping never shows in the results.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // optimised at once: tier 0 on a million spines' first step took seconds
    public static void StepAll(ReadOnlySpan<SegmentSpines> segments, PlasticityModel model, ReadOnlySpan<StepEnvironment> envs, int firstDendrite,
        ISpineActivity? activity, SegmentStepOutput output)
    {
        if (segments.Length == 0) return;
        var store = segments[0]._store;
        if (segments.Length != store.Segments.Length)
            throw new ArgumentException($"a step takes all {store.Segments.Length} segments of their store, given {segments.Length}", nameof(segments));
        int live = 0;
        for (int j = 0; j < segments.Length; j++)
        {
            var g = segments[j];
            if (g != store.Segments[j]) throw new ArgumentException("segments of different stores, or out of order, in one batch", nameof(segments));
            if (g._model != model) throw new ArgumentException($"segment {g.Context.SegmentId} was made for another model", nameof(model));
            if ((uint)(g.Dendrite - firstDendrite) >= (uint)envs.Length)
                throw new ArgumentException($"no environment for dendrite {g.Dendrite} (given {envs.Length} from {firstDendrite})", nameof(envs));
            live += g._count;
        }
        const int w = PlasticityModel.WordsPerStep;
        ulong key = store.Segments[0]._key;
        int slots = store.Slots;
        output.Reserve(slots);
        var words = output.Words.AsSpan(0, w * slots);
        // every slot's stream moves past this step's words in place (an inert slot's is reset when a spine takes it)
        PhiloxBatch.Draw5(key, StreamId.LifeCycle, store.Ids.AsSpan(0, slots), store.LifeCycleWord.AsSpan(0, slots), words);
        var noise = output.Noise.AsSpan(0, 2 * slots);
        PlasticityModel.SizeNormals(words, noise);
        var quiet = output.Quiet.AsSpan(0, slots);
        if (activity != null) ActivityWords(segments, activity, output, live);
        var logging = activity?.Logging ?? ActivityLogging.Default;
        int at = 0; // live spines before the segment (the activity arrays have no gaps)
        for (int j = 0; j < segments.Length;)
        {
            var g0 = segments[j];
            int k = j + 1, liveEnd = at + g0._count;
            for (; k < segments.Length && segments[k].Dendrite == g0.Dendrite; k++) liveEnd += segments[k]._count;
            ref readonly var env = ref envs[g0.Dendrite - firstDendrite];
            int from = g0._start, end = segments[k - 1]._start + segments[k - 1]._capacity;
            model.SizeGrowths(noise[(2 * from)..(2 * end)], in env);
            if (activity != null)
            {
                // a dendrite's activity just before its segments step (its spines' arrays are then still in the cache);
                // its episodes open its row, where its spines' early-phase counts go
                ActivityInputs(segments[j..k], in env, activity, output, at, liveEnd, logging.SpineRows);
            }
            QuietDendrite(segments[j..k], model, in env, activity, output, words, noise, quiet);
            for (int m = j; m < k; m++)
            {
                if (m + 2 < segments.Length) segments[m + 2].HintObjects();
                var g = segments[m];
                int count = g._count, start = g._start;
                g.StepDrawn(model, in env, activity, output, words.Slice(w * start, w * count), noise.Slice(2 * start, 2 * count), quiet.Slice(start, count),
                    activity is { ReadsSpineArrays: false } ? output.SlotInputs.AsSpan(start, count) : default,
                    activity is { ReadsSpineArrays: true } ? output.CalciumOfSlots.AsSpan(start, count) : default,
                    logging.SpineRows ? output.SlotEpisodes.AsSpan(start, count) : default);
                at += count;
            }
            j = k;
        }
        if (store.Overflowed) MakeRoom(store, model);
    }

    /// <summary>
    /// After a step in which some segments kept births aside: each gets the slots it lacks from the nearest segment
    /// with enough free ones (at most Reach away on either side), the segments between moved over (a few dozen slots
    /// each time); only when none has them is the whole store laid out again in new arrays (a layout per step cost more
    /// than the step's draw).
    /// </summary>
    private static void MakeRoom(SpineStore store, PlasticityModel model)
    {
        const int Reach = 16;
        var segments = store.Segments;
        for (int j = 0; j < segments.Length; j++)
        {
            var g = segments[j];
            if (g._overflow is null) continue;
            int need = g._count + g._overflow.Count - g._capacity;
            bool made = false;
            for (int k = j + 1; k < segments.Length && k <= j + Reach && !made; k++)
            {
                var h = segments[k];
                if (h._capacity - h._count < need) continue;
                // segments j+1..k move right by need: their slots from the first one's start to k's last live spine
                int from = segments[j + 1]._start, end = h._start + h._count;
                store.Shift(from, end, need);
                for (int m = j + 1; m <= k; m++) segments[m]._start += need;
                h._capacity -= need;
                g._capacity += need;
                made = true;
            }
            for (int k = j - 1; k >= 0 && k >= j - Reach && !made; k--)
            {
                var h = segments[k];
                if (h._capacity - h._count < need) continue;
                // segments k+1..j move left by need: their slots from k+1's start to j's last live spine
                int from = segments[k + 1]._start, end = g._start + g._count;
                store.Shift(from, end, -need);
                for (int m = k + 1; m <= j; m++) segments[m]._start -= need;
                h._capacity -= need;
                g._capacity += need;
                made = true;
            }
            if (!made)
            {
                Relayout(store, model);
                return;
            }
            foreach (var (st, word) in g._overflow) g.Put(in st, word);
            g._overflow = null;
        }
        store.Overflowed = false;
    }

    /// <summary>
    /// The quiet path for one dendrite's segments (one environment), on their slots at once: quiet[slot] tells whether
    /// the spine there stepped on its hot fields. With activity, the quiet step with activity (spines with calcium and in
    /// an early phase of LTP/LTD too, PlasticityModel.StepQuietWithActivity), not with per-spine episode rows (every
    /// spine writes one) nor with an activity that reads the spines' objects (its inputs may be any SpineInputs: the
    /// full step takes them; such activities solve an episode per spine, tests and reference comparisons).
    /// </summary>
    private static void QuietDendrite(ReadOnlySpan<SegmentSpines> segments, PlasticityModel model, in StepEnvironment env, ISpineActivity? activity,
        SegmentStepOutput output, ReadOnlySpan<uint> words, ReadOnlySpan<double> noise, Span<bool> quiet)
    {
        const int w = PlasticityModel.WordsPerStep;
        var store = segments[0]._store;
        int from = segments[0]._start, end = segments[^1]._start + segments[^1]._capacity;
        var quietStep = activity == null || (!activity.Logging.SpineRows && activity.ReadsSpineArrays) ? model.QuietStepFor(in env) : default;
        if (!quietStep.Possible)
        {
            quiet[from..end].Clear();
            return;
        }
        var prp = store.Prp != null ? store.Prp.AsSpan(from, end - from) : default;
        if (activity != null)
        {
            // the quiet step with activity (calcium, early LTP/LTD) on the slots' inputs (free slots are never quiet): its
            // early-phase counts into the dendrite's open row, its volume changes added by StepDrawn in spine order
            var logging = activity.Logging;
            model.StepQuietWithActivity(in quietStep, store.Hot.AsSpan(from, end - from), store.Activity.AsSpan(from, end - from),
                output.CalciumOfSlots.AsSpan(from, end - from), env.Dopamine, prp, words[(w * from)..(w * end)], noise[(2 * from)..(2 * end)],
                !logging.SpineRows && !logging.SizeEventRows, quiet[from..end], output.VolumeChanges.AsSpan(from, end - from), ref output.Activity.Early);
        }
        else model.StepQuiet(in quietStep, store.Hot.AsSpan(from, end - from), prp, words[(w * from)..(w * end)], noise[(2 * from)..(2 * end)], quiet[from..end]);
        foreach (var g in segments)
        {
            if (g._count == 0) continue;
            g._stale = true;
            // the spines that take the full step read their states (about 2 %, scattered over the block's array): ask for
            // them now, while the walk reaches them (without the hint the misses move to the full step's first touch)
            int end1 = g._start + g._count;
            for (int i = NextNotQuiet(quiet, g._start, end1); i < end1; i = NextNotQuiet(quiet, i + 1, end1)) MemoryHint.Elements(store.States, i, 1);
        }
    }

    private const ulong EightQuiet = 0x0101010101010101UL;

    /// <summary>
    /// The first slot in [from, end) that did not step quietly, or end: eight flags at a time (about 98 % of spines step
    /// quietly, and a test per spine cost a mispredicted branch at every other one).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int NextNotQuiet(ReadOnlySpan<bool> quiet, int from, int end)
    {
        var bytes = MemoryMarshal.AsBytes(quiet);
        int i = from;
        while (i + 8 <= end && BinaryPrimitives.ReadUInt64LittleEndian(bytes[i..]) == EightQuiet) i += 8;
        while (i < end && quiet[i]) i++;
        return i;
    }

    /// <summary>
    /// The word at each live spine's activity-stream position when the activity reads the spines' objects (PhiloxBatch.Draw1);
    /// one that reads their arrays makes its words itself (InputsOfSlots). And the activity fields at the first such step.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ActivityWords(ReadOnlySpan<SegmentSpines> segments, ISpineActivity activity, SegmentStepOutput output, int n)
    {
        var store = segments[0]._store;
        bool arrays = activity.ReadsSpineArrays;
        output.ReserveActivity(n, store.Slots, activity.Logging.SpineRows, objects: !arrays);
        var activityWord = store.ActivityWord ??= new ulong[store.Slots];
        if (store.Activity is null)
        {
            // the spines' activity fields, at the first step with activity (until then only full steps changed their early phases)
            store.Activity = new ActivitySpine[store.Slots];
            foreach (var g in segments)
                for (int i = g._start; i < g._start + g._count; i++) store.Activity[i] = PlasticityModel.ActivitySpineOf(in store.States[i]);
        }
        if (!ReferenceEquals(store.NecksLocatedBy, activity))
        {
            // the necks' places on a surface are that activity's: another one locates them afresh
            if (store.NecksLocatedBy != null) foreach (ref var a in store.Activity.AsSpan()) (a.NeckCell, a.NeckCellFraction) = (0, 0);
            store.NecksLocatedBy = activity;
        }
        if (arrays) return; // InputsOfSlots makes the words of each dendrite's slots (with 256-bit vectors only those it draws, as it goes)
        int at = 0;
        foreach (var g in segments)
        {
            store.Ids.AsSpan(g._start, g._count).CopyTo(output.Ids.AsSpan(at));
            activityWord.AsSpan(g._start, g._count).CopyTo(output.ActivityPositions.AsSpan(at));
            at += g._count;
        }
        PhiloxBatch.Draw1(segments[0]._key, StreamId.Activity, output.Ids.AsSpan(0, n), output.ActivityPositions.AsSpan(0, n), output.ActivityWords.AsSpan(0, n));
    }

    /// <summary>
    /// The activity inputs of one dendrite's segments (live spines from..end of the block in spine order), before any of
    /// its spines steps (a spine's inputs depend only on its own state and stream): one ISpineActivity call over all of
    /// them (segments hold about a dozen spines: calls per segment left the surface's four-lane queries and the per-call
    /// work to small remainders), into the slot arrays (SlotInputs, and SlotEpisodes with spine rows); without spine rows
    /// the dendrite's row is opened and gets their sums.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ActivityInputs(ReadOnlySpan<SegmentSpines> segments, in StepEnvironment env, ISpineActivity activity, SegmentStepOutput output,
        int from, int end, bool spineRows)
    {
        if (end == from) return;
        var store = segments[0]._store;
        double endH = env.TimeH + env.StepH;
        if (activity.ReadsSpineArrays)
        {
            // from the arrays, in slot order (the objects of most spines are not touched in such a step), each stream
            // moved on in place
            int first = segments[0]._start, slots = segments[^1]._start + segments[^1]._capacity - first;
            if (output.Live.Length < segments.Length) output.Live = new (int, int)[Math.Max(segments.Length, 2 * output.Live.Length)];
            var live = output.Live.AsSpan(0, segments.Length);
            for (int k = 0; k < segments.Length; k++) live[k] = (segments[k]._start - first, segments[k]._count);
            if (!spineRows) output.Activity.Open(segments[0].Dendrite, endH);
            activity.InputsOfSlots(in env, store.Hot.AsSpan(first, slots), store.Activity.AsSpan(first, slots), store.States.AsSpan(first, slots), live, segments[0]._key, store.Ids.AsSpan(first, slots),
                store.ActivityWord.AsSpan(first, slots), output.SlotWords.AsSpan(first, slots), output.CalciumOfSlots.AsSpan(first, slots),
                spineRows ? output.SlotEpisodes.AsSpan(first, slots) : default, spineRows ? null : output.Activity);
            return;
        }
        var spines = output.Spines.AsSpan(from, end - from);
        var activityPositions = output.ActivityPositions.AsSpan(from, end - from);
        int at = 0;
        foreach (var g in segments)
        {
            g.SyncAll(); // the activity model reads the spines' states
            store.States.AsSpan(g._start, g._count).CopyTo(spines[at..]);
            at += g._count;
        }
        var inputs = output.Inputs.AsSpan(from, end - from);
        var episodes = output.Episodes.AsSpan(from, end - from);
        activity.InputsFor(spines, in env, segments[0]._key, output.Ids.AsSpan(from, end - from), activityPositions, output.ActivityWords.AsSpan(from, end - from),
            inputs, episodes);
        if (!spineRows) output.Activity.AddEpisodes(segments[0].Dendrite, endH, episodes);
        at = 0;
        foreach (var g in segments)
        {
            activityPositions.Slice(at, g._count).CopyTo(store.ActivityWord.AsSpan(g._start));
            inputs.Slice(at, g._count).CopyTo(output.SlotInputs.AsSpan(g._start));
            if (spineRows) episodes.Slice(at, g._count).CopyTo(output.SlotEpisodes.AsSpan(g._start));
            at += g._count;
        }
        spines.Clear(); // the scratch holds no spine beyond the step
    }

    /// <summary>The rest of this segment's step, after the quiet path: the full step of every other spine, losses, formation.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void StepDrawn(PlasticityModel model, in StepEnvironment env, ISpineActivity? activity, SegmentStepOutput output,
        ReadOnlySpan<uint> words, ReadOnlySpan<double> noise, ReadOnlySpan<bool> quiet, ReadOnlySpan<SpineInputs> activityInputs,
        ReadOnlySpan<double> activityCalcium, ReadOnlySpan<SpineEpisodes> episodes)
    {
        double endH = env.TimeH + env.StepH;
        var logging = activity?.Logging ?? ActivityLogging.Default;
        // dendrite rows without size events: the model counts early-phase changes into the open row (no events made and taken out)
        bool countEarly = activity != null && !logging.SpineRows && !logging.SizeEventRows;
        const int w = PlasticityModel.WordsPerStep;
        var prpIn = _store.Prp;
        int start = _start, keep = 0, i0 = 0;
        // the quiet spines before the first other one need nothing here (no inbox, no activity, nothing to move up)
        if (prpIn == null && activity == null) keep = i0 = NextNotQuiet(quiet, 0, _count);
        // the early-phase volume changes of the quiet spines, summed in spine order in a register (through the open row's
        // field, each add waited for the one before it to be stored and loaded again); handed over around each full step
        var volumeChanges = activity != null ? output.VolumeChanges : null;
        ref var early = ref output.Activity.Early;
        double volumeChange = early.VolumeChangeUm3;
        for (int i = i0; i < _count; i++)
        {
            int slot = start + i;
            double prp = 0;
            if (prpIn != null)
            {
                prp = prpIn[slot];
                prpIn[slot] = 0;
            }
            if (quiet[i])
            {
                if (volumeChanges != null) volumeChange += volumeChanges[slot]; // +0 without a change: no bit moves
                if (keep != i) Move(slot, start + keep);
                keep++;
                continue;
            }
            ref var s = ref Current(slot);
            // the activity's inputs: as SlotCalcium when it reads the arrays, else as it gave them
            var inputs = activity == null ? SpineInputs.None : activityCalcium.IsEmpty ? activityInputs[i] : SlotCalcium.Inputs(activityCalcium[i], env.Dopamine);
            if (prpIn != null) inputs = inputs with { PrpOccupancy = prp };
            // the spine appends straight to the block's list (a copy per spine cost more than the step's bookkeeping)
            var events = output.SpineEvents;
            int before = events.Count;
            early.VolumeChangeUm3 = volumeChange;
            var fate = model.StepSpine(ref s, in env, in inputs, words.Slice(w * i, w), noise[2 * i], noise[2 * i + 1], events, ref early, countEarly);
            if (activity != null && !countEarly)
            {
                if (logging.SpineRows) output.Activity.Add(s, Dendrite, endH, in episodes[i], events, before, logging.SizeEventRows, spineRows: true);
                else if (events.Count > before) output.Activity.TakeSizeEvents(events, before, logging.SizeEventRows);
            }
            volumeChange = early.VolumeChangeUm3; // after the tally's own additions (and, with spine rows, its flush)
            if (fate == SpineFate.Eliminated)
            {
                string cause = events.Count > before ? events[^1].Cause : StructuralEvent.Intrinsic;
                if (s.Stage != LifeStage.Filopodium && model.LeavesLossSite(s)) Context.RecordLoss(s.PositionUm, endH, cause);
                _lost?.Add(s.Id);
                continue;
            }
            Reload(slot, in s);
            if (keep != i) Move(slot, start + keep);
            keep++;
        }
        early.VolumeChangeUm3 = volumeChange;
        for (int i = keep; i < _count; i++) Clear(start + i);
        _count = keep;
        Form(model, in env, output);
    }

    /// <summary>Prefetch hints for this segment's step (MemoryHint): the objects it reads, two segments ahead.</summary>
    private void HintObjects()
    {
        MemoryHint.Object(Context);
        MemoryHint.Object(_formation);
        MemoryHint.Object(_lost);
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
            // the newborn's stream draws its first state; the block keeps only its position (one object for all births)
            var rng = _store.BirthStream ??= new RandomStream(_key, b.SpineId, StreamId.LifeCycle);
            rng.Restart(_key, b.SpineId, StreamId.LifeCycle);
            var s = model.NewSpine(b.SpineId, Context.SegmentId, b.PositionUm, bornAt, rng, initial: false, filopodium: b.Filopodium,
                events: output.FormationEvents, cause: b.Cause, effects: Context.Effects);
            Add(in s, rng.WordsUsed);
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
        var st = _store;
        st.States[to] = st.States[from];
        st.Ids[to] = st.Ids[from];
        st.LifeCycleWord[to] = st.LifeCycleWord[from];
        st.Hot[to] = st.Hot[from];
        if (st.ActivityWord != null) st.ActivityWord[to] = st.ActivityWord[from];
        if (st.Activity != null) st.Activity[to] = st.Activity[from];
        if (st.Prp != null) st.Prp[to] = st.Prp[from];
    }

    /// <summary>Makes a slot inert (no spine).</summary>
    private void Clear(int slot) => _store.MakeInert(slot);

    /// <summary>A new spine after the live ones; beyond the range it waits aside for the layout at the step's end.</summary>
    private void Add(in SpineState s, ulong lifeCycleWord)
    {
        if (_count == _capacity || _overflow != null)
        {
            (_overflow ??= new()).Add((s, lifeCycleWord));
            _store.Overflowed = true;
            return;
        }
        Put(in s, lifeCycleWord);
    }

    /// <summary>A spine into the first free slot of the range (there is one).</summary>
    private void Put(in SpineState s, ulong lifeCycleWord)
    {
        var st = _store;
        int slot = _start + _count;
        st.States[slot] = s;
        st.Ids[slot] = s.Id;
        st.LifeCycleWord[slot] = lifeCycleWord;
        if (st.ActivityWord != null) st.ActivityWord[slot] = 0; // a new spine's activity stream starts at its first word
        if (st.Prp != null) st.Prp[slot] = 0;
        Load(slot, s);
        _count++;
    }
}
