using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using AgentSpines.Actors.Simulation;
using AgentSpines.Core.Random;
using AgentSpines.Physics.Electrodiffusion;
using AgentSpines.Physics.Electrodiffusion.Surface;
using AgentSpines.Plasticity.Model;
using AgentSpines.Plasticity.State;

namespace AgentSpines.Actors.Population;

/// <summary>
/// Synaptic activity reaching spines: each functional spine receives Poisson(rate x step) input episodes. Each
/// episode's electrodiffusion on the spine's own geometry comes from an episode response surface (built once per
/// parameter set with the fast solver and kept in the surface cache; docs/electrodiffusion.md), or from an
/// <see cref="IEpisodeModel"/> when one is given. Its NMDA charge becomes the calcium proxy of plasticity: free
/// [Ca2+] excess integrated over time, f_Ca Q / (2 F V_head) / (1 + kappa) x tau_Ca, in uM*s. The step's dopamine
/// (regime mechanism Dopamine) comes with the episodes, for D1-gated enlargement.
/// </summary>
public sealed partial class EpisodeActivity : ISpineActivity
{
    private const double FaradayCPerMol = 96485.33212;
    private const double MinNeckLengthNm = 50, MaxNeckLengthNm = 5000;
    private readonly ActivityOptions _options;
    private readonly IEpisodeModel? _model;
    private readonly SpineGeometry _template;
    private readonly SynapticInput _input;
    /// <summary>Episodes per step: Poisson by table inversion for the run's step (replaced if a step of another length comes).</summary>
    private volatile PoissonTable _episodesPerStep;
    /// <summary>Calcium (uM*s) per fC of NMDA charge per um^3 of head: see <see cref="CalciumUMS"/>.</summary>
    private readonly double _calciumPerFcUm3;

    /// <summary>Episodes from a model (one solve per spine and step with episodes): tests and reference comparisons.</summary>
    public EpisodeActivity(ActivityOptions options, double dendriteRadiusUm, IEpisodeModel model)
    {
        _options = options;
        _model = model;
        _template = SpineGeometry.SpineA with { HeadLengthNm = options.HeadLengthNm, DendriteRadiusNm = dendriteRadiusUm * 1000 };
        _input = new SynapticInput { CurrentPA = options.CurrentPA, DurationMs = options.DurationMs };
        _episodesPerStep = new PoissonTable(options.EpisodesPerSpinePerHour);
        // f_Ca Q / (2 F) mol in V um^3 = V 1e-15 L; in uM (1e6), free (1 / (1 + kappa)), times tau_Ca in s
        _calciumPerFcUm3 = options.CalciumFractionOfNmdaCurrent * 1e-15 / (2 * FaradayCPerMol) / 1e-15 * 1e6
                           / (1 + options.CalciumBufferCapacity) * options.CalciumDecayMs * 1e-3;
        Logging = new ActivityLogging(options.EpisodeRows, options.SizeEventRows);
    }

    /// <summary>How the run logs activity (Activity:EpisodeRows, Activity:SizeEventRows).</summary>
    public ActivityLogging Logging { get; }

    /// <summary>Episodes from a response surface (tens of nanoseconds per query; exact fast solves outside its range).</summary>
    /// <param name="vectorized">false: the arrays' inputs one spine at a time on any processor (tests compare both paths)</param>
    public static EpisodeActivity FromSurface(ActivityOptions options, double dendriteRadiusUm, EpisodeResponseSurface surface, bool vectorized = true)
        => new(options, dendriteRadiusUm, (IEpisodeModel)null!) { Surface = surface, Vectorized = vectorized };

    public EpisodeResponseSurface? Surface { get; private init; }
    /// <summary>How the surface was obtained (memory, cache file, built) and the build time in seconds (0 unless built).</summary>
    public SurfaceOrigin SurfaceOrigin { get; private init; }
    public double SurfaceBuildSeconds { get; private init; }

    /// <summary>The activity of a run: its surface from the cache directory (Activity:SurfaceCacheDir), built on first use.</summary>
    public static EpisodeActivity Create(ActivityOptions options, double dendriteRadiusUm)
    {
        var store = new EpisodeSurfaceStore(string.IsNullOrWhiteSpace(options.SurfaceCacheDir) ? EpisodeSurfaceStore.DefaultDirectory : options.SurfaceCacheDir);
        var spec = SurfaceSpec(options, dendriteRadiusUm);
        bool announced = false;
        var surface = store.GetOrBuild(spec, out var origin, out double seconds, line =>
        {
            if (announced) return;
            announced = true; // one line: a build takes a while once per parameter set, later runs load it
            Console.Error.WriteLine($"agentspines: building the episode response surface {spec.Key()[..12]} in {store.Directory} (once per parameter set)");
        });
        return new EpisodeActivity(options, dendriteRadiusUm, (IEpisodeModel)null!) { Surface = surface, SurfaceOrigin = origin, SurfaceBuildSeconds = seconds };
    }

    /// <summary>The surface a run needs: the Activity section's protocol and ranges, the dendrite radius of the run.</summary>
    public static EpisodeSurfaceSpec SurfaceSpec(ActivityOptions o, double dendriteRadiusUm) => new()
    {
        // Peak depolarisation, boost and NMDA charge are all measured up to the end of the input, so a short tail
        // gives the same values bit for bit as the 10 ms tail of the episode command, at half the solver steps.
        Input = new SynapticInput { CurrentPA = o.CurrentPA, DurationMs = o.DurationMs, TailMs = 0.1 },
        Template = SpineGeometry.SpineA with { HeadLengthNm = o.HeadLengthNm, DendriteRadiusNm = dendriteRadiusUm * 1000 },
        HeadVolumeUm3 = new SurfaceRange(o.SurfaceHeadVolumeMinUm3, o.SurfaceHeadVolumeMaxUm3),
        NeckLengthNm = new SurfaceRange(MinNeckLengthNm, MaxNeckLengthNm),
        NeckDiameterNm = new SurfaceRange(o.SurfaceNeckDiameterMinUm * 1000, o.SurfaceNeckDiameterMaxUm * 1000),
        CurrentPA = SurfaceRange.Fixed(o.CurrentPA),
        DendriteRadiusNm = SurfaceRange.Fixed(dendriteRadiusUm * 1000),
        RefineTolerance = o.SurfaceTolerance,
    };

    /// <summary>
    /// The step's episodes of one spine and what they hand to plasticity. Hot path (every functional spine, every
    /// step): no allocation, no lookup; one 32-bit word for the Poisson draw.
    /// </summary>
    public SpineInputs InputsFor(SpineState spine, in StepEnvironment env, RandomStream rng, out SpineEpisodes episodes)
    {
        episodes = SpineEpisodes.None;
        if (spine.Stage == LifeStage.Filopodium || spine.Silent) return SpineInputs.None; // no AMPA current: no episode
        long n = Table(env.StepH).Next(rng);
        if (n == 0) return SpineInputs.None;
        if (!TryResponse(spine, out var e)) return SpineInputs.None;
        // Every episode of a step is the same input on the same geometry: one response, n times the charge.
        double calcium = n * (_calciumPerFcUm3 * Math.Abs(e.NmdaChargeFC) / spine.HeadVolumeUm3);
        episodes = new SpineEpisodes((int)n, e.PeakHeadDepolarizationMV, e.NmdaCurrentBoostRatio, n * e.NmdaChargeFC, calcium);
        // dopamine from the drug environment is tonic: present at the time of the activity (delay 0)
        return new SpineInputs(calcium, 0, env.Dopamine, 0);
    }

    /// <summary>
    /// The step's episodes of a segment's spines: the per-spine call's numbers, bit for bit, in three passes (draws,
    /// then the surface queries four at a time, then the inputs), with the surface's query counter bumped once per
    /// segment. The words come made (nextWords: the engine makes a block's in one batch, PhiloxBatch.Draw1): a stream
    /// is its spine's id and word position, not an object per spine. Per spine and step this was the largest cost of
    /// activity (docs/electrodiffusion.md, profile).
    /// </summary>
    public void InputsFor(ReadOnlySpan<SpineState> spines, in StepEnvironment env, ulong runKey, ReadOnlySpan<ulong> ids, Span<ulong> activityWords,
        ReadOnlySpan<uint> nextWords, Span<SpineInputs> inputs, Span<SpineEpisodes> episodes)
    {
        int count = spines.Length;
        if (ids.Length < count || activityWords.Length < count || nextWords.Length < count || inputs.Length < count || episodes.Length < count)
            throw new ArgumentException($"{count} spines need as many ids, activity words, inputs and episodes");
        var surface = Surface;
        var table = Table(env.StepH);
        if (surface is null || !table.IsTable)
        {
            // a model instead of a surface, no inputs (mean 0: no word drawn) or 10 and more per step (PTRS: words vary)
            for (int i = 0; i < count; i++)
            {
                if (table.Mean == 0) { inputs[i] = SpineInputs.None; episodes[i] = SpineEpisodes.None; continue; }
                var rng = RandomStream.AtWord(runKey, ids[i], StreamId.Activity, activityWords[i]);
                inputs[i] = InputsFor(spines[i], in env, rng, out episodes[i]);
                activityWords[i] = rng.WordsUsed;
            }
            return;
        }
        double dopamine = env.Dopamine;
        var q = t_queries ??= new QueryScratch();
        q.Reserve(count);
        var words = nextWords[..count];
        // 1: which spines get episodes and how many (their own streams, in spine order). Every functional spine's query
        // is written at the next free slot, which only a spine with episodes keeps: no branch on the draw (a third of
        // the draws are 0, at random, so that branch was mispredicted at nearly every other spine).
        inputs[..count].Clear();     // SpineInputs.None
        episodes[..count].Clear();   // SpineEpisodes.None
        int m = 0;
        // the scratch holds at least count entries (Reserve) and m <= i < count: written through references, unchecked
        ref int qSpine = ref MemoryMarshal.GetArrayDataReference(q.Spine);
        ref long qCount = ref MemoryMarshal.GetArrayDataReference(q.Count);
        ref double qVolume = ref MemoryMarshal.GetArrayDataReference(q.Volume);
        ref double qNeck = ref MemoryMarshal.GetArrayDataReference(q.Neck);
        ref double qDiameter = ref MemoryMarshal.GetArrayDataReference(q.Diameter);
        for (int i = 0; i < count; i++)
        {
            var spine = spines[i];
            if (spine.Stage == LifeStage.Filopodium || spine.Silent) continue; // no AMPA current: no episode, no word drawn
            long n = table.FromWord(words[i]);
            activityWords[i]++;
            Unsafe.Add(ref qSpine, m) = i;
            Unsafe.Add(ref qCount, m) = n;
            Unsafe.Add(ref qVolume, m) = spine.HeadVolumeUm3;
            Unsafe.Add(ref qNeck, m) = Math.Clamp(spine.NeckLengthUm * 1000, MinNeckLengthNm, MaxNeckLengthNm);
            Unsafe.Add(ref qDiameter, m) = spine.NeckDiameterUm * 1000;
            m += n != 0 ? 1 : 0;
        }
        Respond(surface, q, m, dopamine, inputs, episodes);
    }

    /// <summary>
    /// The same from the spines' arrays instead of their objects (what the engine keeps of every spine: its QuietSpine
    /// and ActivitySpine), so that a step with activity need not touch the objects of the spines to which nothing
    /// happens: InputsOfSlots. The same numbers, bit for bit.
    /// </summary>
    public bool ReadsSpineArrays => Surface is not null;

    /// <summary>
    /// The inputs of one dendrite's spines from their arrays, in the order of their slots (the spans are the dendrite's
    /// slots; live holds each segment's live spines as (start, count) within them; other slots are not read or
    /// written): pass 1 draws each functional spine's episode count from its activity stream (the word at its position,
    /// made here: with 256-bit vectors in the pass itself, else into the scratch nextWords first; positions[i] moved past
    /// what was drawn) and notes its query, with its neck located on the surface
    /// once (activity[i].NeckCell, kept while the slot holds the spine; the neck read from its object spines[i], which is
    /// otherwise not read); pass 2 answers the queries (eight or four at a time);
    /// pass 3 writes every live spine's calcium[i] (its inputs: SlotCalcium) and either its episodes[i] (spine rows) or,
    /// when episodes is empty, adds them to tally's open row in spine order (the sums of one Add per spine, bit for bit).
    /// Passes 1 and 3 take eight slots at a time where 512-bit vectors are accelerated (EpisodeActivity.Vector.cs), or
    /// with 256-bit vectors where AVX2 is (EpisodeActivity.Four.cs).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // optimised at once: an activity run's path starts cold (tier 0 for its first second or more)
    [SkipLocalsInit] // (once per dendrite and step: its frame need not be zeroed)
    public void InputsOfSlots(in StepEnvironment env, ReadOnlySpan<QuietSpine> hot, Span<ActivitySpine> activity, ReadOnlySpan<SpineState> spines,
        ReadOnlySpan<(int Start, int Count)> live, ulong runKey, ReadOnlySpan<ulong> ids, Span<ulong> positions, Span<uint> nextWords, Span<double> calcium, Span<SpineEpisodes> episodes,
        ActivityTally? tally)
    {
        var surface = Surface ?? throw new InvalidOperationException("the spines' arrays are read only with a response surface");
        int slots = hot.Length;
        if (activity.Length < slots || spines.Length < slots || ids.Length < slots || positions.Length < slots || nextWords.Length < slots || calcium.Length < slots)
            throw new ArgumentException($"{slots} slots need as many activity fields, spines, ids, positions, words and calcium values");
        bool spineRows = !episodes.IsEmpty;
        if (spineRows ? episodes.Length < slots : tally is null) throw new ArgumentException("episodes for every slot, or a tally for their sums");
        var table = Table(env.StepH);
        var q = t_queries ??= new QueryScratch();
        q.Reserve(slots + 3); // (+3: the queries padded to a multiple of four)
        int m = 0;
        // the scratch holds at least slots entries (Reserve) and m <= i < slots: written through references, unchecked
        ref int qSlot = ref MemoryMarshal.GetArrayDataReference(q.Spine);
        ref long qCount = ref MemoryMarshal.GetArrayDataReference(q.Count);
        ref double qVolume = ref MemoryMarshal.GetArrayDataReference(q.Volume);
        ref int qCell = ref MemoryMarshal.GetArrayDataReference(q.Cell);
        ref double qFraction = ref MemoryMarshal.GetArrayDataReference(q.Fraction);
        bool isTable = table.IsTable, none = table.Mean == 0;
        // every span holds at least slots entries (checked above) and each range lies inside them (checked below): read
        // and written through references, unchecked
        ref QuietSpine hot0 = ref MemoryMarshal.GetReference(hot);
        ref ActivitySpine activity0 = ref MemoryMarshal.GetReference(activity);
        ref ulong positions0 = ref MemoryMarshal.GetReference(positions);
        ref uint words0 = ref MemoryMarshal.GetReference(nextWords);
        // eight slots at a time where 512-bit vectors are accelerated (the table draws only: PTRS takes a varying number of words)
        bool eight = EightLanes && Vectorized && isTable;
        bool four = FourLanes && Vectorized && isTable; // the same with 256-bit vectors (AVX2 without AVX-512)
        var cdf = table.Cdf;
        ref double calcium0 = ref MemoryMarshal.GetReference(calcium);
        double noInputs = SlotCalcium.NoInputs; // read once (a static's initialisation is checked where it is read)
        if (four && !none)
        {
            // with 256-bit vectors the dendrite's slots in one pass, the live ones masked, the words made as it goes (EpisodeActivity.Four.cs)
            DrawDendriteFour(hot, activity, spines, live, runKey, ids, positions, calcium, episodes, table, surface, q, ref m);
            live = default;
        }
        else if (isTable && !none) PhiloxBatch.Draw1(runKey, StreamId.Activity, ids[..slots], positions[..slots], nextWords[..slots]); // the word at each slot's position
        foreach (var (start, count) in live)
        {
            if ((uint)start > (uint)slots || (uint)count > (uint)(slots - start)) throw new ArgumentOutOfRangeException(nameof(live), $"live spines {start}+{count} beyond {slots} slots");
            if (spineRows) episodes.Slice(start, count).Clear();
            // no inputs, unless episodes come (pass 3); a plain loop: a segment holds about a dozen spines, and the call
            // to Span.Fill per segment cost more than these stores
            for (int k = start; k < start + count; k++) Unsafe.Add(ref calcium0, k) = noInputs;
            if (none) continue; // no inputs: no word drawn
            int i = eight ? DrawEight(hot, activity, spines, positions, nextWords, cdf, surface, q, ref m, start, start + count) : start;
            for (; i < start + count; i++)
            {
                ref readonly var h = ref Unsafe.Add(ref hot0, i);
                if (h.Stage == LifeStage.Filopodium || (h.Flags & QuietFlags.Silent) != 0) continue; // no AMPA current: no episode, no word drawn
                long n;
                if (isTable)
                {
                    n = table.FromWord(Unsafe.Add(ref words0, i));
                    Unsafe.Add(ref positions0, i)++;
                }
                else
                {
                    // 10 and more inputs per step: the PTRS draw takes a varying number of words from the stream
                    var rng = RandomStream.AtWord(runKey, ids[i], StreamId.Activity, positions[i]);
                    n = table.Next(rng);
                    positions[i] = rng.WordsUsed;
                }
                ref var a = ref Unsafe.Add(ref activity0, i);
                if (a.NeckCell == 0) a.NeckCell = Locate(surface, in spines[i], out a.NeckCellFraction); // once per spine (its neck is fixed)
                Unsafe.Add(ref qSlot, m) = i;
                Unsafe.Add(ref qCount, m) = n;
                Unsafe.Add(ref qVolume, m) = h.HeadVolumeUm3;
                Unsafe.Add(ref qCell, m) = a.NeckCell;
                Unsafe.Add(ref qFraction, m) = a.NeckCellFraction;
                m += n != 0 ? 1 : 0;
            }
        }
        if (m == 0) return;
        // 2: their responses, four at a time with the quantities as lanes (no branch on a spine's kind in the way); those not
        // interpolated there (a neck or head outside the grid, ...) as before, one by one: solved exactly and counted, or no episode
        var ok = q.Ok;
        var (peak, boost, charge) = (q.Peak, q.Boost, q.Charge);
        // the last group of four filled up with copies of the last query (their answers are never read): the run's loop
        // takes it as a whole group instead of the separate path for the last one to three (TailLanes), once per dendrite
        int padded = (m + 3) & ~3;
        for (int k = m; k < padded; k++) (q.Volume[k], q.Cell[k], q.Fraction[k]) = (q.Volume[m - 1], q.Cell[m - 1], q.Fraction[m - 1]);
        surface.TryQueryManyLocated(q.Volume.AsSpan(0, padded), q.Cell.AsSpan(0, padded), q.Fraction.AsSpan(0, padded), peak, boost, charge, ok);
        surface.AddQueries(m);
        var (counts, charges, calciums) = (q.Episodes, q.ChargeTotal, q.Calcium);
        // 3: every episode of a step is the same input on the same geometry: one response, n times the charge (eight or four
        // at a time while all were interpolated, without spine rows)
        for (int k = spineRows ? 0 : eight ? RespondEight(q, m, calcium) : four ? RespondFour(q, m, calcium) : 0; k < m; k++)
        {
            int i = q.Spine[k];
            if (!ok[k])
            {
                ref readonly var s = ref spines[i];
                if (!surface.TryQueryUncounted(q.Volume[k], NeckNm(s), s.NeckDiameterUm * 1000, out var e))
                {
                    (counts[k], peak[k], boost[k], charges[k], calciums[k]) = (0, 0, 0, 0, 0); // no episode (SpineEpisodes.None)
                    continue;
                }
                (peak[k], boost[k], charge[k]) = (e.PeakHeadDepolarizationMV, e.NmdaCurrentBoostRatio, e.NmdaChargeFC);
            }
            long n = q.Count[k];
            double spineCalcium = n * (_calciumPerFcUm3 * Math.Abs(charge[k]) / q.Volume[k]);
            (counts[k], charges[k], calciums[k]) = ((int)n, n * charge[k], spineCalcium);
            if (spineRows) episodes[i] = new SpineEpisodes((int)n, peak[k], boost[k], charges[k], spineCalcium);
            calcium[i] = spineCalcium;
        }
        // their sums in spine order (the spines without episodes would add +0 and maxima with 0: the same bits)
        if (!spineRows) tally!.AddEpisodes(counts.AsSpan(0, m), peak.AsSpan(0, m), boost.AsSpan(0, m), charges.AsSpan(0, m), calciums.AsSpan(0, m));
    }

    /// <summary>The neck length the surface is asked at (the surface's range: necks beyond it are taken at its ends).</summary>
    private static double NeckNm(in SpineState s) => Math.Clamp(s.NeckLengthUm * 1000, MinNeckLengthNm, MaxNeckLengthNm);

    /// <summary>
    /// The place of a spine's neck on the surface (read from its full state: rare, once per spine, so the neck need not be
    /// kept in the spine's activity fields that every step streams).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int Locate(EpisodeResponseSurface surface, in SpineState s, out double fraction)
        => surface.LocateNeck(NeckNm(s), s.NeckDiameterUm * 1000, out fraction);

    /// <summary>Passes 2 and 3 of the batch call: the m queries' responses, then each spine's episodes and inputs.</summary>
    private void Respond(EpisodeResponseSurface surface, QueryScratch q, int m, double dopamine, Span<SpineInputs> inputs, Span<SpineEpisodes> episodes)
    {
        // 2: their responses, four at a time (no branch on a spine's kind in the way)
        surface.TryQueryManyUncounted(q.Volume.AsSpan(0, m), q.Neck.AsSpan(0, m), q.Diameter.AsSpan(0, m), q.Response, q.Ok);
        surface.AddQueries(m);
        // 3: every episode of a step is the same input on the same geometry: one response, n times the charge
        for (int k = 0; k < m; k++)
        {
            if (!q.Ok[k]) continue;
            ref readonly var e = ref q.Response[k];
            long n = q.Count[k];
            double v = q.Volume[k];
            double calcium = n * (_calciumPerFcUm3 * Math.Abs(e.NmdaChargeFC) / v);
            int i = q.Spine[k];
            episodes[i] = new SpineEpisodes((int)n, e.PeakHeadDepolarizationMV, e.NmdaCurrentBoostRatio, n * e.NmdaChargeFC, calcium);
            inputs[i] = new SpineInputs(calcium, 0, dopamine, 0);
        }
    }

    /// <summary>Per-thread scratch of the batch calls (a block's thread steps one dendrite at a time).</summary>
    [ThreadStatic] private static QueryScratch? t_queries;

    private sealed class QueryScratch
    {
        public int[] Spine = [], Cell = [], Episodes = [];
        public long[] Count = [];
        public double[] Volume = [], Neck = [], Diameter = [], Fraction = [];
        /// <summary>The answers as arrays (of the arrays' queries) and what a spine's episodes add to the row: charge and calcium.</summary>
        public double[] Peak = [], Boost = [], Charge = [], ChargeTotal = [], Calcium = [];
        public EpisodeResponse[] Response = [];
        public bool[] Ok = [];
        /// <summary>Which of a dendrite's slots hold live spines, a bit each (the four-lane pass 1), and eight bytes to spare.</summary>
        public byte[] Live = [];
        /// <summary>The round keys of the activity words of run KeysOf (the four-lane pass 1 makes the words).</summary>
        public PhiloxBatch.OneWordKeys Keys;
        public ulong KeysOf;
        public bool HasKeys;

        public void Reserve(int n)
        {
            if (Spine.Length >= n) return;
            n = Math.Max(n, 64);
            (Spine, Cell, Episodes, Count, Volume, Neck, Diameter, Fraction, Response, Ok) =
                (new int[n], new int[n], new int[n], new long[n], new double[n], new double[n], new double[n], new double[n], new EpisodeResponse[n], new bool[n]);
            (Peak, Boost, Charge, ChargeTotal, Calcium) = (new double[n], new double[n], new double[n], new double[n], new double[n]);
            Live = new byte[n / 8 + 9];
        }
    }

    /// <summary>Episodes per step for this step length (the table is replaced if a step of another length comes; same table whichever thread builds it).</summary>
    private PoissonTable Table(double stepH)
    {
        double mean = _options.EpisodesPerSpinePerHour * stepH;
        var table = _episodesPerStep;
        if (table.Mean != mean) _episodesPerStep = table = new PoissonTable(mean);
        return table;
    }

    /// <summary>The episode response of a spine's current shape; false if the solver does not take the shape (no episode).</summary>
    public bool TryResponse(SpineState s, out EpisodeResponse response)
    {
        double neckNm = Math.Clamp(s.NeckLengthUm * 1000, MinNeckLengthNm, MaxNeckLengthNm);
        if (Surface is { } surface) return surface.TryQuery(s.HeadVolumeUm3, neckNm, s.NeckDiameterUm * 1000, out response);
        response = default;
        var g = Geometry(s);
        if (g is null) return false;
        response = EpisodeResponse.From(_model!.Run(g, _input));
        return true;
    }

    /// <summary>Time integral of the free head [Ca2+] excess after one episode of the given NMDA charge, in uM*s.</summary>
    public double CalciumUMS(double nmdaChargeFC, double headVolumeUm3) => _calciumPerFcUm3 * Math.Abs(nmdaChargeFC) / headVolumeUm3;

    /// <summary>The electrodiffusion geometry of a spine, or null if its shape is outside what the solver takes.</summary>
    public SpineGeometry? Geometry(SpineState s)
    {
        var g = SpineGeometry.WithHeadVolume(_template, s.HeadVolumeUm3) with
        {
            NeckDiameterNm = s.NeckDiameterUm * 1000,
            NeckLengthNm = Math.Clamp(s.NeckLengthUm * 1000, MinNeckLengthNm, MaxNeckLengthNm),
        };
        try
        {
            g.Validate();
            return g;
        }
        catch (Core.AgentSpinesInputException)
        {
            return null;
        }
    }
}
