using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using AgentSpines.Core.Random;
using AgentSpines.Physics.Electrodiffusion.Surface;
using AgentSpines.Plasticity.Model;
using AgentSpines.Plasticity.State;

namespace AgentSpines.Actors.Population;

/// <summary>
/// InputsOfSlots' first and third passes with 256-bit vectors, for processors with AVX2 but without AVX-512 (where the
/// eight-lane passes of EpisodeActivity.Vector.cs do not run): eight slots per iteration as two halves of four, the
/// fields read by scalar loads composed into vectors (on an AMD EPYC without AVX-512 the form with AVX2 gathers was
/// slower than the scalar loop: docs/electrodiffusion.md, tenth pass); what AVX2 lacks is emulated exactly: the words and counts become doubles through the
/// 2^52 exponent (exact below 2^52), and the queries of the spines with episodes are appended with a lane permutation
/// per half (four written, as many kept) instead of a compress. The numbers are the scalar loop's, bit for bit
/// (EpisodeActivityTests runs this path against the per-spine reference on such a processor).
/// </summary>
public sealed partial class EpisodeActivity
{
    /// <summary>Whether the four-lane passes run here: AVX2 without the eight-lane passes, and the fields where the loads read them.</summary>
    internal static readonly bool FourLanes = !EightLanes && Avx2.IsSupported && FieldsWhereGathered();

    /// <summary>Slots per iteration of InputsOfSlots' vector passes here (8: AVX-512, 4: AVX2, 1: the scalar loop), for tests and the benchmark.</summary>
    public static int PassLanes => EightLanes ? 8 : FourLanes ? 4 : 1;

    /// <summary>2^52 as a double's bits: a value v below 2^52 in the low bits gives the double 2^52 + v exactly.</summary>
    private const ulong TwoTo52Bits = 0x4330000000000000UL;
    private const double TwoTo52 = 4503599627370496.0;

    /// <summary>
    /// Per mask of four lanes (0..15): the 32-bit lane indices that move its set lanes to the front, in order, for 64-bit
    /// lanes (two 32-bit indices each; pinned: read by address) and for 32-bit lanes (the lower four of eight).
    /// </summary>
    private static readonly int[] Front64 = FrontIndices(wide: true), Front32 = FrontIndices(wide: false);

    private static int[] FrontIndices(bool wide)
    {
        var t = GC.AllocateArray<int>(16 * 8, pinned: true);
        for (int mask = 0; mask < 16; mask++)
        {
            int k = 0;
            for (int l = 0; l < 4; l++)
            {
                if ((mask >> l & 1) == 0) continue;
                if (wide) (t[mask * 8 + 2 * k], t[mask * 8 + 2 * k + 1]) = (2 * l, 2 * l + 1);
                else t[mask * 8 + k] = l;
                k++;
            }
        }
        return t;
    }

    /// <summary>
    /// Pass 1 of InputsOfSlots with 256-bit vectors for one dendrite's slots (live: each segment's live spines as (start,
    /// count)): every live slot's calcium set to no inputs (and its episodes cleared with spine rows), and the draws and
    /// queries of all the slots in slot order, eight at a time (<see cref="DrawFour"/>), the last few one by one.
    /// The same queries, in the same order, as the per-segment loop. The activity words are made here (stream
    /// (runKey, ids[i], Activity) at positions[i]), only for the groups of eight with a spine that draws, and never
    /// stored: until the twelfth pass the engine made every slot's word of the block beforehand (PhiloxBatch.Draw1),
    /// free slots, silent spines and filopodia too, and pass 1 read them back. The caller checked the spans' lengths.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // once per dendrite and step: optimised at once
    [SkipLocalsInit] // (its frame, 960 bytes with the keys' temporary, was zeroed at every call)
    private static void DrawDendriteFour(ReadOnlySpan<QuietSpine> hot, Span<ActivitySpine> activity, ReadOnlySpan<SpineState> spines,
        ReadOnlySpan<(int Start, int Count)> live, ulong runKey, ReadOnlySpan<ulong> ids, Span<ulong> positions, Span<double> calcium, Span<SpineEpisodes> episodes,
        PoissonTable table, EpisodeResponseSurface surface, QueryScratch q, ref int m)
    {
        int slots = hot.Length;
        var bits = q.Live.AsSpan(0, (slots >> 3) + 1);
        // cleared eight bytes at a time (the scratch has room past the last byte; Span.Clear was a call per dendrite)
        ref byte bits0 = ref MemoryMarshal.GetArrayDataReference(q.Live);
        for (int b = 0; b < bits.Length; b += 8) Unsafe.WriteUnaligned(ref Unsafe.Add(ref bits0, b), 0UL);
        double noInputs = SlotCalcium.NoInputs; // read once (a static's initialisation is checked where it is read)
        bool spineRows = !episodes.IsEmpty;
        ref double calcium0 = ref MemoryMarshal.GetReference(calcium);
        foreach (var (start, count) in live)
        {
            if ((uint)start > (uint)slots || (uint)count > (uint)(slots - start)) throw new ArgumentOutOfRangeException(nameof(live), $"live spines {start}+{count} beyond {slots} slots");
            if (count == 0) continue;
            if (spineRows) episodes.Slice(start, count).Clear();
            // the range's bits, 64 at a time (bit l of byte b is bit 8b + l of the little-endian word: the same bitmap; a
            // byte at a time, each segment's stores waited on the one before to the byte they share); the words lie
            // within the scratch (it has eight bytes past the last byte of bits)
            int end = start + count;
            for (int w = start >> 6; w <= (end - 1) >> 6; w++)
            {
                int lo = Math.Max(start - 64 * w, 0), hi = Math.Min(end - 64 * w, 64);
                ref ulong word = ref Unsafe.As<byte, ulong>(ref Unsafe.Add(ref bits0, 8 * w));
                word |= (ulong.MaxValue << lo) & (ulong.MaxValue >> (64 - hi));
            }
        }
        // (DrawFour also sets the calcium of its live slots to no inputs, unless episodes come in pass 3)
        if (!q.HasKeys || q.KeysOf != runKey) (q.Keys, q.KeysOf, q.HasKeys) = (new PhiloxBatch.OneWordKeys(runKey, StreamId.Activity), runKey, true); // once per thread and run
        int i = DrawFour(hot, activity, spines, ids, positions, in q.Keys, table.Cdf, surface, q, ref m, bits, calcium, noInputs);
        // fewer than eight slots: their words one by one (DrawFour took all the slots of eight and more)
        Span<uint> words = stackalloc uint[8];
        int w0 = 0;
        if (i < slots) PhiloxBatch.Draw1(runKey, StreamId.Activity, ids[..slots], positions[..slots], words);
        for (; i < slots; i++)
        {
            if ((bits[i >> 3] >> (i & 7) & 1) == 0) continue;
            Unsafe.Add(ref calcium0, i) = noInputs;
            ref readonly var h = ref hot[i];
            if (h.Stage == LifeStage.Filopodium || (h.Flags & QuietFlags.Silent) != 0) continue; // no AMPA current: no episode, no word drawn
            long n = table.FromWord(words[i - w0]);
            positions[i]++;
            ref var a = ref activity[i];
            if (a.NeckCell == 0) a.NeckCell = Locate(surface, in spines[i], out a.NeckCellFraction); // once per spine (its neck is fixed)
            (q.Spine[m], q.Count[m], q.Volume[m], q.Cell[m], q.Fraction[m]) = (i, n, h.HeadVolumeUm3, a.NeckCell, a.NeckCellFraction);
            m += n != 0 ? 1 : 0;
        }
    }

    /// <summary>
    /// <see cref="DrawEight"/> with 256-bit vectors: pass 1 for all the dendrite's slots from 0 in one call, eight at a
    /// time while eight slots lie inside the spans, the lanes of each group those of its byte of live (bit l of live[g]:
    /// slot 8g + l holds a live spine; free slots between the segments are inert, not silent, so they are masked here);
    /// returns the first slot left to the scalar loop (a multiple of eight). Until the eleventh pass a call per segment
    /// (about a dozen spines: two groups, the second mostly empty, and the call's set-up each time). The caller checked
    /// that every span holds hot.Length slots, live hot.Length / 8 bytes, and the scratch at least as many queries.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
    [SkipLocalsInit]
    private static unsafe int DrawFour(ReadOnlySpan<QuietSpine> hot, Span<ActivitySpine> activity, ReadOnlySpan<SpineState> spines, ReadOnlySpan<ulong> ids,
        Span<ulong> positions, ref readonly PhiloxBatch.OneWordKeys keys, ReadOnlySpan<double> cdf, EpisodeResponseSurface surface, QueryScratch q, ref int m, ReadOnlySpan<byte> live,
        Span<double> calcium, double noInputs)
    {
        var noCalcium = Vector256.Create(noInputs);
        int slots = hot.Length;
        int full = slots >> 3, groups = slots > 8 * full && slots >= 8 ? full + 1 : full;
        var lane = Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7);
        var stageMask = Vector256.Create(0xFF);
        var filopodium = Vector256.Create((int)LifeStage.Filopodium);
        var silent = Vector256.Create((int)QuietFlags.Silent << 8);
        var exponent = Vector256.Create(TwoTo52Bits);
        var twoTo52 = Vector256.Create(TwoTo52);
        var half = Vector256.Create(0.5);
        var scale = Vector256.Create(1.0 / 4294967296.0);
        int entries = cdf.Length;
        int sure = Math.Min(entries, 4); // entries compared without the test whether any lane is still above
        int queries = m;
        int* front64 = (int*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(Front64));
        int* front32 = (int*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(Front32));
        fixed (QuietSpine* h = hot)
        fixed (ActivitySpine* a = activity)
        fixed (ulong* p = positions, id = ids)
        fixed (double* c = cdf, ca = calcium)
        fixed (int* qSlot = q.Spine, qCell = q.Cell)
        fixed (long* qCount = q.Count)
        fixed (double* qVolume = q.Volume, qFraction = q.Fraction)
        {
            for (int k = 0; k < groups; k++)
            {
                // the groups of eight from slot 0, then (slots not a multiple of eight) the last eight slots with the lanes
                // of the last full group masked off (their words made again, not used); bit l of the 16 bits from byte i / 8
                // on is slot i + l - i % 8, all inside live (its last byte is (slots - 8) / 8 + 1 = slots / 8)
                int i = k < full ? 8 * k : slots - 8;
                int lanes = k < full ? live[k] : (live[i >> 3] | live[(i >> 3) + 1] << 8) >> (i & 7) & (0xFF << (8 * full - i)) & 0xFF;
                if (lanes == 0) continue;
                // the fields of the group after next asked for now (each dendrite's call starts cold, and a group's spines
                // reach over six lines of QuietSpine and four of ActivitySpine); a prefetch past the spans' end reads nothing
                byte* ahead = (byte*)(h + i + 16), aheadA = (byte*)(a + i + 16);
                Sse.Prefetch0(ahead);
                Sse.Prefetch0(ahead + 64);
                Sse.Prefetch0(ahead + 128);
                Sse.Prefetch0(ahead + 192);
                Sse.Prefetch0(ahead + 256);
                Sse.Prefetch0(ahead + 320);
                Sse.Prefetch0(aheadA);
                Sse.Prefetch0(aheadA + 64);
                Sse.Prefetch0(aheadA + 128);
                Sse.Prefetch0(aheadA + 192);
                // the live slots' calcium: no inputs, unless episodes come (pass 3); the free slots' kept as they were
                Vector256.ConditionalSelect(Lanes4(lanes).AsDouble(), noCalcium, Vector256.Load(ca + i)).Store(ca + i);
                Vector256.ConditionalSelect(Lanes4(lanes >> 4).AsDouble(), noCalcium, Vector256.Load(ca + i + 4)).Store(ca + i + 4);
                // no AMPA current (a filopodium, a silent synapse): no episode, no word drawn
                var stageFlags = Ints8((int*)(h + i) + HotStageFlags, HotInts);
                var off = Vector256.Equals(stageFlags & stageMask, filopodium) | ~Vector256.Equals(stageFlags & silent, Vector256<int>.Zero);
                int functional = (int)(~off).ExtractMostSignificantBits() & lanes;
                if (functional == 0) continue; // no word made
                // the necks' places, located once per spine (rare: a spine new in its slot)
                var cell = Ints8((int*)(a + i) + ActivityCell, ActivityInts);
                int unlocated = (int)Vector256.Equals(cell, Vector256<int>.Zero).ExtractMostSignificantBits() & functional;
                if (unlocated != 0)
                {
                    LocateLanes(surface, activity, spines, i, unlocated);
                    cell = Ints8((int*)(a + i) + ActivityCell, ActivityInts);
                }
                // (after the call above: the words and counts are not kept across it, which spilled them at every entry of the count loop)
                // the eight streams' words at their positions (made for all eight lanes, used by the functional ones), and
                // each functional spine's stream moved past its word (the other lanes get their own value back)
                var pa = Vector256.Load(p + i);
                var pb = Vector256.Load(p + i + 4);
                var word = PhiloxBatch.OneWords(in keys, pa, pb, Vector256.Load(id + i), Vector256.Load(id + i + 4));
                (pa - Lanes4(functional).AsUInt64()).Store(p + i);
                (pb - Lanes4(functional >> 4).AsUInt64()).Store(p + i + 4);
                // u = (word + 0.5) 2^-32 of the eight words, the word made a double exactly through the 2^52 exponent
                var u0 = (((Vector256.WidenLower(word) | exponent).AsDouble() - twoTo52) + half) * scale;
                var u1 = (((Vector256.WidenUpper(word) | exponent).AsDouble() - twoTo52) + half) * scale;
                // the episode count: how many entries of P(X <= k) lie below u (nondecreasing: stop when none does for any lane);
                // the first few entries without the test (the largest of eight counts is 0-3 at 1 input per step most of the
                // time, so where the loop left was a mispredicted branch at about every other group; adding none changes nothing)
                var n0 = Vector256<long>.Zero;
                var n1 = Vector256<long>.Zero;
                int j = 0;
                for (; j < sure; j++)
                {
                    var cj = Vector256.Create(c[j]);
                    n0 -= Vector256.GreaterThan(u0, cj).AsInt64();
                    n1 -= Vector256.GreaterThan(u1, cj).AsInt64();
                }
                for (; j < entries; j++)
                {
                    var cj = Vector256.Create(c[j]);
                    var below0 = Vector256.GreaterThan(u0, cj);
                    var below1 = Vector256.GreaterThan(u1, cj);
                    if ((below0 | below1) == Vector256<double>.Zero) break;
                    n0 -= below0.AsInt64();
                    n1 -= below1.AsInt64();
                }
                int none = (int)Vector256.Equals(n0, Vector256<long>.Zero).ExtractMostSignificantBits()
                           | (int)Vector256.Equals(n1, Vector256<long>.Zero).ExtractMostSignificantBits() << 4;
                int asked = functional & ~none;
                if (asked == 0) continue;
                // the queries of the spines with episodes, appended in slot order, half by half (four written, as many kept)
                var slot = Vector256.Create(i) + lane;
                queries = AppendFour(asked & 0xF, 0, n0, (double*)(h + i) + HotHead, (double*)(a + i) + ActivityFraction, cell, slot, front64, front32,
                    qSlot, qCell, qCount, qVolume, qFraction, queries);
                queries = AppendFour(asked >> 4, 4, n1, (double*)(h + i + 4) + HotHead, (double*)(a + i + 4) + ActivityFraction, cell, slot, front64, front32,
                    qSlot, qCell, qCount, qVolume, qFraction, queries);
            }
        }
        m = queries;
        return groups > full ? slots : 8 * full;
    }

    /// <summary>
    /// The queries of the lanes in bits (four slots: their counts n, heads and fractions loaded from head and fraction at
    /// the fields' strides, the cells and slots of lanes upper..upper+3 of cell and slot) appended at queries in lane order:
    /// four written, as many kept. Returns the new number of queries.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe int AppendFour(int bits, int upper, Vector256<long> n, double* head, double* fraction, Vector256<int> cell, Vector256<int> slot,
        int* front64, int* front32, int* qSlot, int* qCell, long* qCount, double* qVolume, double* qFraction, int queries)
    {
        var move64 = Vector256.Load(front64 + 8 * bits);
        var move32 = Vector256.Load(front32 + 8 * bits) + Vector256.Create(upper);
        Avx2.PermuteVar8x32(n.AsInt32(), move64).Store((int*)(qCount + queries));
        Avx2.PermuteVar8x32(Doubles4(head, HotDoubles).AsInt32(), move64).Store((int*)(qVolume + queries));
        Avx2.PermuteVar8x32(Doubles4(fraction, ActivityDoubles).AsInt32(), move64).Store((int*)(qFraction + queries));
        Avx2.PermuteVar8x32(cell, move32).GetLower().Store(qCell + queries);
        Avx2.PermuteVar8x32(slot, move32).GetLower().Store(qSlot + queries);
        return queries + BitOperations.PopCount((uint)bits);
    }

    /// <summary>
    /// Eight ints at a stride (in ints) from at, by scalar loads: AVX2 has gathers, but on this machine's processor (AMD
    /// EPYC without AVX-512) a gather cost more than the loads it replaces (measured: the pass took half as long again
    /// as the scalar loop with gathers, docs/electrodiffusion.md, tenth pass).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe Vector256<int> Ints8(int* at, int stride)
        => Vector256.Create(at[0], at[stride], at[2 * stride], at[3 * stride], at[4 * stride], at[5 * stride], at[6 * stride], at[7 * stride]);

    /// <summary>Four doubles at a stride (in doubles) from at, by scalar loads (see <see cref="Ints8"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe Vector256<double> Doubles4(double* at, int stride) => Vector256.Create(at[0], at[stride], at[2 * stride], at[3 * stride]);

    /// <summary>All ones in the four 64-bit lanes whose bit (of the low four) is set: one load from <see cref="LaneMasks"/>
    /// (the broadcast, and and compare it replaces were five instructions, four times per group).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe Vector256<long> Lanes4(int bits)
        => Vector256.Load((long*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(LaneMasks)) + 4 * (bits & 15));

    /// <summary>The masks of <see cref="Lanes4"/> for the bits 0..15, four longs each (pinned: read by address).</summary>
    private static readonly long[] LaneMasks = MakeLaneMasks();

    private static long[] MakeLaneMasks()
    {
        var t = GC.AllocateArray<long>(16 * 4, pinned: true);
        for (int bits = 0; bits < 16; bits++)
            for (int l = 0; l < 4; l++) t[4 * bits + l] = (bits >> l & 1) != 0 ? -1L : 0;
        return t;
    }

    /// <summary>
    /// <see cref="RespondEight"/> with 256-bit vectors: pass 3 for the queries [0, m) in groups of four that were all
    /// interpolated (the count made a double through the 2^52 exponent, exact); returns the first query left to the
    /// scalar loop.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
    private unsafe int RespondFour(QueryScratch q, int m, Span<double> calcium)
    {
        var perFcUm3 = Vector256.Create(_calciumPerFcUm3);
        var exponent = Vector256.Create(TwoTo52Bits);
        var twoTo52 = Vector256.Create(TwoTo52);
        var narrow = Vector256.Create(0, 2, 4, 6, 0, 2, 4, 6);
        int k = 0;
        fixed (bool* ok = q.Ok)
        fixed (int* slot = q.Spine, counts = q.Episodes)
        fixed (long* count = q.Count)
        fixed (double* volume = q.Volume, charge = q.Charge, charges = q.ChargeTotal, calciums = q.Calcium)
        {
            for (; k + 4 <= m; k += 4)
            {
                if (*(uint*)(ok + k) != 0x01010101u) break; // a query solved exactly or without an episode: the scalar loop from here
                var n = Vector256.Load(count + k); // 1 <= n, far below 2^52
                var nd = (n.AsUInt64() | exponent).AsDouble() - twoTo52;
                var qk = Vector256.Load(charge + k);
                var ca = nd * (perFcUm3 * Vector256.Abs(qk) / Vector256.Load(volume + k));
                Avx2.PermuteVar8x32(n.AsInt32(), narrow).GetLower().Store(counts + k);
                (nd * qk).Store(charges + k);
                ca.Store(calciums + k);
                for (int l = 0; l < 4; l++) calcium[slot[k + l]] = calciums[k + l];
            }
        }
        return k;
    }
}
