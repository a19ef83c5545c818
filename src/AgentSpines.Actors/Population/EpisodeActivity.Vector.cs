using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using AgentSpines.Physics.Electrodiffusion.Surface;
using AgentSpines.Plasticity.Model;
using AgentSpines.Plasticity.State;

namespace AgentSpines.Actors.Population;

/// <summary>
/// InputsOfSlots' first and third passes eight spines at a time with 512-bit vectors (where accelerated). The scalar
/// loop kept about twenty values in stack slots and waited at almost every slot for the first touch of its QuietSpine
/// and ActivitySpine (docs/electrodiffusion.md, eighth pass); eight slots per iteration, with the fields gathered, keep
/// many slots' loads in flight. The numbers are the scalar loop's, bit for bit: the episode count of a word is the
/// number of P(X &lt;= k) entries below its u, which is what the guided scan finds (PoissonTable.Cdf); the calcium proxy
/// is the same product and quotient lane by lane (EpisodeActivityTests runs both paths against the per-spine reference).
/// </summary>
public sealed partial class EpisodeActivity
{
    /// <summary>Whether the eight-lane passes run here: AVX-512, and the spines' fields where the gathers read them.</summary>
    internal static readonly bool EightLanes = Avx512F.IsSupported && Avx512F.VL.IsSupported && Avx512DQ.IsSupported && Avx2.IsSupported && FieldsWhereGathered();

    /// <summary>False: InputsOfSlots one spine at a time on any processor (tests compare both paths with the reference).</summary>
    public bool Vectorized { get; init; } = true;

    // QuietSpine: 48 bytes (12 ints, 6 doubles), HeadVolumeUm3 at double 1, Stage and Flags at int 10 (bytes 40, 41);
    // ActivitySpine: 32 bytes (8 ints, 4 doubles), NeckCellFraction at double 2, NeckCell at int 6
    private const int HotInts = 12, HotDoubles = 6, HotHead = 1, HotStageFlags = 10, ActivityInts = 8, ActivityDoubles = 4, ActivityFraction = 2, ActivityCell = 6;

    private static bool FieldsWhereGathered()
    {
        var h = new QuietSpine();
        var a = new ActivitySpine();
        ref byte h0 = ref Unsafe.As<QuietSpine, byte>(ref h);
        ref byte a0 = ref Unsafe.As<ActivitySpine, byte>(ref a);
        return Unsafe.SizeOf<QuietSpine>() == 4 * HotInts && Unsafe.SizeOf<ActivitySpine>() == 4 * ActivityInts
            && Unsafe.ByteOffset(ref h0, ref Unsafe.As<double, byte>(ref h.HeadVolumeUm3)) == 8 * HotHead
            && Unsafe.ByteOffset(ref h0, ref Unsafe.As<LifeStage, byte>(ref h.Stage)) == 4 * HotStageFlags
            && Unsafe.ByteOffset(ref h0, ref Unsafe.As<QuietFlags, byte>(ref h.Flags)) == 4 * HotStageFlags + 1
            && Unsafe.ByteOffset(ref a0, ref Unsafe.As<double, byte>(ref a.NeckCellFraction)) == 8 * ActivityFraction
            && Unsafe.ByteOffset(ref a0, ref Unsafe.As<int, byte>(ref a.NeckCell)) == 4 * ActivityCell;
    }

    /// <summary>
    /// Pass 1 for the slots [i, end) of one segment, eight at a time while eight slots lie inside the spans (the lanes
    /// beyond end are left as they are: their positions written back unchanged, nothing else written); returns the
    /// first slot left to the scalar loop. Each functional spine's episode count from its word, its position moved on,
    /// its neck located if not yet, and its query appended at m when it has episodes: what the scalar loop does.
    /// The caller checked that every span holds hot.Length slots and the scratch at least as many queries.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
    private static unsafe int DrawEight(ReadOnlySpan<QuietSpine> hot, Span<ActivitySpine> activity, ReadOnlySpan<SpineState> spines, Span<ulong> positions,
        ReadOnlySpan<uint> words, ReadOnlySpan<double> cdf, EpisodeResponseSurface surface, QueryScratch q, ref int m, int i, int end)
    {
        int slots = hot.Length;
        var lane = Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7);
        var stageAt = lane * Vector256.Create(HotInts);
        var cellAt = lane * Vector256.Create(ActivityInts);
        var four = Vector128.Create(0, 1, 2, 3);
        var headAt = four * Vector128.Create(HotDoubles);
        var fractionAt = four * Vector128.Create(ActivityDoubles);
        var stageMask = Vector256.Create(0xFF);
        var filopodium = Vector256.Create((int)LifeStage.Filopodium);
        var silent = Vector256.Create((int)QuietFlags.Silent << 8);
        var half = Vector512.Create(0.5);
        var scale = Vector512.Create(1.0 / 4294967296.0);
        int entries = cdf.Length;
        int queries = m;
        fixed (QuietSpine* h = hot)
        fixed (ActivitySpine* a = activity)
        fixed (ulong* p = positions)
        fixed (uint* w = words)
        fixed (double* c = cdf)
        fixed (int* qSlot = q.Spine, qCell = q.Cell)
        fixed (long* qCount = q.Count)
        fixed (double* qVolume = q.Volume, qFraction = q.Fraction)
        {
            for (; i < end && i + 8 <= slots; i += 8)
            {
                int lanes = end - i >= 8 ? 0xFF : (1 << (end - i)) - 1;
                // no AMPA current (a filopodium, a silent synapse): no episode, no word drawn
                var stageFlags = Avx2.GatherVector256((int*)(h + i) + HotStageFlags, stageAt, 4);
                var off = Vector256.Equals(stageFlags & stageMask, filopodium) | ~Vector256.Equals(stageFlags & silent, Vector256<int>.Zero);
                int functional = (int)(~off).ExtractMostSignificantBits() & lanes;
                if (functional == 0) continue;
                // the episode count: how many entries of P(X <= k) lie below u (nondecreasing: stop when none does for any lane)
                var u = (Avx512F.ConvertToVector512Double(Vector256.Load(w + i)) + half) * scale;
                var n = Vector512<long>.Zero;
                for (int j = 0; j < entries; j++)
                {
                    var below = Vector512.GreaterThan(u, Vector512.Create(c[j]));
                    if (below == Vector512<double>.Zero) break;
                    n -= below.AsInt64();
                }
                var f = Lanes(functional);
                // each functional spine's stream moves past its word (the other lanes get their own value back)
                (Vector512.Load(p + i) - f.AsUInt64()).Store(p + i);
                // the necks' places, located once per spine (rare: a spine new in its slot)
                var cell = Avx2.GatherVector256((int*)(a + i) + ActivityCell, cellAt, 4);
                int unlocated = (int)Vector256.Equals(cell, Vector256<int>.Zero).ExtractMostSignificantBits() & functional;
                if (unlocated != 0)
                {
                    LocateLanes(surface, activity, spines, i, unlocated);
                    cell = Avx2.GatherVector256((int*)(a + i) + ActivityCell, cellAt, 4);
                }
                int asked = functional & ~(int)Vector512.Equals(n, Vector512<long>.Zero).ExtractMostSignificantBits();
                if (asked == 0) continue;
                // the queries of the spines with episodes, appended in slot order (eight written, as many kept)
                var ask = Lanes(asked);
                var head = Vector512.Create(Avx2.GatherVector256((double*)(h + i) + HotHead, headAt, 8), Avx2.GatherVector256((double*)(h + i + 4) + HotHead, headAt, 8));
                var fraction = Vector512.Create(Avx2.GatherVector256((double*)(a + i) + ActivityFraction, fractionAt, 8),
                    Avx2.GatherVector256((double*)(a + i + 4) + ActivityFraction, fractionAt, 8));
                var ask32 = Vector256.Equals(Vector256.Create(asked) & Vector256.Create(1, 2, 4, 8, 16, 32, 64, 128), Vector256.Create(1, 2, 4, 8, 16, 32, 64, 128));
                Avx512F.Compress(Vector512<long>.Zero, ask, n).Store(qCount + queries);
                Avx512F.Compress(Vector512<double>.Zero, ask.AsDouble(), head).Store(qVolume + queries);
                Avx512F.Compress(Vector512<double>.Zero, ask.AsDouble(), fraction).Store(qFraction + queries);
                Avx512F.VL.Compress(Vector256<int>.Zero, ask32, cell).Store(qCell + queries);
                Avx512F.VL.Compress(Vector256<int>.Zero, ask32, Vector256.Create(i) + lane).Store(qSlot + queries);
                queries += BitOperations.PopCount((uint)asked);
            }
        }
        m = queries;
        return i;
    }

    /// <summary>The necks of the lanes in bits (slots i..i+7), located on the surface from the spines' full states.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void LocateLanes(EpisodeResponseSurface surface, Span<ActivitySpine> activity, ReadOnlySpan<SpineState> spines, int i, int bits)
    {
        for (int l = 0; l < 8; l++)
        {
            if ((bits >> l & 1) == 0) continue;
            ref var a = ref activity[i + l];
            a.NeckCell = Locate(surface, in spines[i + l], out a.NeckCellFraction);
        }
    }

    /// <summary>All ones in the 64-bit lanes whose bit is set.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<long> Lanes(int bits)
    {
        var b = Vector512.Create(1L, 2, 4, 8, 16, 32, 64, 128);
        return Vector512.Equals(Vector512.Create((long)bits) & b, b);
    }

    /// <summary>
    /// Pass 3 for the queries [0, m) in groups of eight that were all interpolated: each spine's episode count, total
    /// NMDA charge and calcium proxy (n (C |Q| / V), the scalar expression lane by lane) into the scratch, and its
    /// calcium into its slot. Returns the first query left to the scalar loop (the rest, and any group with a query
    /// the surface did not answer).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
    private unsafe int RespondEight(QueryScratch q, int m, Span<double> calcium)
    {
        var perFcUm3 = Vector512.Create(_calciumPerFcUm3);
        int k = 0;
        fixed (bool* ok = q.Ok)
        fixed (int* slot = q.Spine, counts = q.Episodes)
        fixed (long* count = q.Count)
        fixed (double* volume = q.Volume, charge = q.Charge, charges = q.ChargeTotal, calciums = q.Calcium)
        {
            for (; k + 8 <= m; k += 8)
            {
                if (*(ulong*)(ok + k) != 0x0101010101010101UL) break; // a query solved exactly or without an episode: the scalar loop from here
                var n = Vector512.Load(count + k);
                var nd = Avx512DQ.ConvertToVector512Double(n);
                var qk = Vector512.Load(charge + k);
                var ca = nd * (perFcUm3 * Vector512.Abs(qk) / Vector512.Load(volume + k));
                Avx512F.ConvertToVector256Int32(n).Store(counts + k);
                (nd * qk).Store(charges + k);
                ca.Store(calciums + k);
                for (int l = 0; l < 8; l++) calcium[slot[k + l]] = calciums[k + l];
            }
        }
        return k;
    }
}
