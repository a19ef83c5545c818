using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using AgentSpines.Plasticity.State;

namespace AgentSpines.Plasticity.Model;

/// <summary>
/// The quiet step with activity four spines at once: ActivityStep's decisions and early phase lane by lane (masks instead
/// of branches: which case a spine is in is random from spine to spine), then StepQuietVectors' structural step from the
/// head after ActivityStep with the class boundary moved by the early-phase factor, then the early phases and counts of
/// the quiet lanes. Every quantity is PlasticityModel.StepOneWithActivity's operations in its order (additions, products,
/// divisions correctly rounded in a lane as in a scalar, no fused multiply-add; the maxima as selects, which equal
/// Math.Max when the first operand, the minimum head volume, is a positive number), so the bits are StepSpine's
/// (QuietStepTests compares both paths with the full step).
/// </summary>
internal readonly partial struct QuietStructure
{
    /// <summary>
    /// StepQuietWithActivity for the spines of whole groups of four from the first: the quiet ones move on (with their
    /// early phase, their counts added to counts, their volume change in volumeChanges[i]) and quiet[i] is true, the
    /// others are left as they were (volume change +0); returns how many spines it took (the rest, fewer than four, are
    /// the scalar step's). Needs VectorsExact. prpOccupancy: empty when all are 0. No call in the loop (a call, even one
    /// not taken, made the JIT keep every vector live across it on the stack): the pulse is computed in the lanes
    /// (VectorHill) where CamKiiSwitch.Hill's power is a product; a group that needs a pulse otherwise, or any group with
    /// calcium or an early phase when CaMKII may stay on, takes the scalar step (ScalarSteps, out of the loop).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int StepVectorsWithActivity(in QuietActivityRule c, Span<QuietSpine> spines, Span<ActivitySpine> activity, ReadOnlySpan<double> calcium,
        ReadOnlySpan<double> prpOccupancy, ReadOnlySpan<uint> words, ReadOnlySpan<double> noise, Span<bool> quiet, Span<double> volumeChanges,
        ref EarlyPhaseCounts counts)
    {
        const int w = PlasticityModel.WordsPerStep;
        int n = spines.Length & ~3;
        if (activity.Length < n || calcium.Length < n || words.Length < w * n || noise.Length < 2 * n || quiet.Length < n || volumeChanges.Length < n
            || (prpOccupancy.Length != 0 && prpOccupancy.Length < n))
            throw new ArgumentException($"spans shorter than the {n} spines");
        bool withPrp = prpOccupancy.Length != 0;
        var zero = Vector256<double>.Zero;
        var one = Vector256<double>.One;
        // ActivityStep's constants
        var nothingBelow = Vector256.Create(c.NothingBelowUMS);
        var calciumBelowLtp = Vector256.Create(c.CalciumBelowLtpUMS);
        var ltpThreshold = Vector256.Create(c.LtpThreshold);
        var ltdMinCalcium = Vector256.Create(c.LtdMinCalciumUMS);
        var halfActivation = Vector256.Create(c.HalfActivationUMS);
        var gated = c.Gated ? Vector256<double>.AllBitsSet : zero;
        var ltpFactor = Vector256.Create(c.LtpFactor);
        var ltdKeep = Vector256.Create(c.LtdKeep);
        var minHead = Vector256.Create(c.MinHeadVolumeUm3);
        var captureThreshold = Vector256.Create(c.CaptureThreshold);
        var endH = Vector256.Create(c.EndH);
        var earlyPhaseH = Vector256.Create(c.EarlyPhaseH);
        var earlyLtp = Vector256.Create((double)LtpPhase.Early);
        var earlyLtd = Vector256.Create((double)LtpPhase.EarlyLtd);
        var eventsOnly = c.CountEarlyPhase ? zero : Vector256<double>.AllBitsSet; // an early-phase change is to be an event
        var k = new StructuralVectors(this);
        bool lanePulses = c.CamKiiAlwaysOff && c.HillN is 1 or 2 or 4;
        var half = Vector256.Create(c.HalfActivationUMS);
        bool pairs = EarlyPhasesAsPairs; // once per call (in the loop the static was tested twice per group)
        ref var activity0 = ref MemoryMarshal.GetReference(activity); // spines i..i+3's: activity.Length >= n
        ref var spines0 = ref MemoryMarshal.GetReference(spines);
        int ltpInductions = 0, ltpReversals = 0, ltdInductions = 0, ltdReversals = 0;
        for (int i = 0; i < n; i += 4)
        {
            ref var s0 = ref Unsafe.Add(ref spines0, i);
            ref var s1 = ref Unsafe.Add(ref s0, 1);
            ref var s2 = ref Unsafe.Add(ref s0, 2);
            ref var s3 = ref Unsafe.Add(ref s0, 3);
            var flags = Vector256.Create((long)s0.Flags, (long)s1.Flags, (long)s2.Flags, (long)s3.Flags);
            // a filopodium, CaMKII, late LTP: the full step
            int eligible = (int)Mask(flags, (long)QuietFlags.NotQuiet).ExtractMostSignificantBits() ^ 0xF;
            if (eligible == 0)
            {
                quiet.Slice(i, 4).Clear();
                Vector256<double>.Zero.StoreUnsafe(ref volumeChanges[i]);
                continue;
            }
            var early = Mask(flags, (long)QuietFlags.EarlyPhase);
            var ca = Vector256.Create(calcium.Slice(i, 4));
            var head = Vector256.Create(s0.HeadVolumeUm3, s1.HeadVolumeUm3, s2.HeadVolumeUm3, s3.HeadVolumeUm3);
            var prp = withPrp ? Vector256.Create(prpOccupancy.Slice(i, 4)) : zero;

            // ActivityStep, where it may do anything: outside an early phase, calcium below NothingBelowUMS (or NaN) leaves
            // the head and the factor (1) as they are
            var maybe = early | Vector256.GreaterThanOrEqual(ca, nothingBelow);
            int maybeBits = (int)maybe.ExtractMostSignificantBits() & eligible;
            Vector256<double> from = head, factor = one, ltp = zero, since = zero, change = zero, earlyFactor = zero, earlySince = zero, earlyPhase = zero;
            // what ActivityStep did, as lane masks in four nibbles: LTP induced, LTD induced, LTP reversed, LTD reversed
            int kinds = 0;
            ref var a0 = ref Unsafe.Add(ref activity0, i);
            ref var a1 = ref Unsafe.Add(ref a0, 1);
            ref var a2 = ref Unsafe.Add(ref a0, 2);
            ref var a3 = ref Unsafe.Add(ref a0, 3);
            if (maybeBits != 0)
            {
                // StepSpine calls ActivityStep for calcium or an LTP phase (CaMKII is 0 here)
                var active = Vector256.AndNot(Vector256<double>.AllBitsSet, Vector256.LessThanOrEqual(ca, zero)) | early;
                // the pulse from 0, H(ca) when ca > 0; 0 below the LTP calcium, where only "under the threshold" matters
                var peak = zero;
                var hill = Vector256.AndNot(maybe, Vector256.LessThan(ca, calciumBelowLtp)) & Vector256.GreaterThan(ca, zero);
                if (((int)hill.ExtractMostSignificantBits() & maybeBits) != 0 || !c.CamKiiAlwaysOff)
                {
                    if (!lanePulses)
                    {
                        ScalarSteps(in c, spines, activity, calcium, prpOccupancy, words, noise, quiet, volumeChanges, i, ref counts);
                        continue;
                    }
                    peak = hill & VectorHill(ca, half, c.HillN);
                }
                var notEarly = Vector256.AndNot(active, early);
                var ltpInduction = notEarly & Vector256.GreaterThanOrEqual(peak, ltpThreshold) & gated;
                var ltdInduction = Vector256.AndNot(notEarly, ltpInduction) & Vector256.GreaterThanOrEqual(ca, ltdMinCalcium)
                                   & Vector256.LessThan(ca, halfActivation) & Vector256.LessThan(peak, ltpThreshold);
                var induced = ltpInduction | ltdInduction;
                EarlyPhases(pairs, ref a0, ref a1, ref a2, ref a3, out earlySince, out earlyFactor, out earlyPhase);
                var ltdVolume = Max(minHead, head * ltdKeep);
                var volume = Blend(ltpInduction, head * ltpFactor, Blend(ltdInduction, ltdVolume, head));
                // one division for both quotients: an LTD induction's factor ltdVolume / head, and the head an early
                // phase's end undoes, volume / factor (an early lane is not induced: its volume is its head, its factor
                // the loaded one); no quiet lane needs both (an induction that ends at once takes the full step)
                var quotient = Blend(early, head, ltdVolume) / Blend(early, earlyFactor, head);
                var f = Blend(early, earlyFactor, Blend(ltpInduction, ltpFactor, Blend(ltdInduction, quotient, one)));
                since = Blend(induced, endH, earlySince);
                ltp = (early & earlyPhase) | (ltpInduction & earlyLtp) | (ltdInduction & earlyLtd);
                change = induced & (volume - head);
                // consolidation (late LTP stabilises the spine: an event); else the end of the early phase, undone
                var inPhase = early | induced;
                var capture = inPhase & Vector256.GreaterThanOrEqual(prp, captureThreshold);
                var expire = Vector256.AndNot(inPhase, capture) & Vector256.GreaterThanOrEqual(endH - since, earlyPhaseH);
                var undone = Max(minHead, quotient);
                int expireBits = (int)expire.ExtractMostSignificantBits(), wasLtp = (int)Vector256.Equals(ltp, earlyLtp).ExtractMostSignificantBits();
                kinds = (int)ltpInduction.ExtractMostSignificantBits() | (int)ltdInduction.ExtractMostSignificantBits() << 4
                        | (expireBits & wasLtp) << 8 | (expireBits & ~wasLtp) << 12;
                change = Blend(expire, undone - volume, change);
                volume = Blend(expire, undone, volume);
                f = Blend(expire, one, f);
                ltp = Vector256.AndNot(ltp, expire);
                // induced and reversed in one step (two changes), captured, or a change that is to be an event: the full step
                var full = capture | (expire & induced) | (eventsOnly & (induced | expire));
                eligible &= ~((int)(full & maybe).ExtractMostSignificantBits());
                from = Blend(maybe, volume, head);
                factor = Blend(maybe, f, one);
            }

            var stage = Vector256.Create((long)s0.Stage, (long)s1.Stage, (long)s2.Stage, (long)s3.Stage);
            var age0 = Vector256.Create(s0.AgeH, s1.AgeH, s2.AgeH, s3.AgeH);
            var tm = Vector256.Create(s0.TurnoverMultiplier, s1.TurnoverMultiplier, s2.TurnoverMultiplier, s3.TurnoverMultiplier);
            // the structural step from the head after ActivityStep, the class boundary moved by the early-phase factor
            var quietLanes = StructuralQuietLanes(k, flags, stage, age0, from, tm, factor, prp, words, noise, i, out var age, out var size);
            int bits = (int)quietLanes.ExtractMostSignificantBits() & eligible;
            quiet[i] = (bits & 1) != 0;
            quiet[i + 1] = (bits & 2) != 0;
            quiet[i + 2] = (bits & 4) != 0;
            quiet[i + 3] = (bits & 8) != 0;
            int written = bits & maybeBits; // quiet spines whose early phase ActivityStep may have moved
            (written == 0 ? zero : Lanes(written) & change).StoreUnsafe(ref volumeChanges[i]);
            if (bits == 0) continue;

            MoveQuietLanesOn(k, bits, ref s0, ref s1, ref s2, ref s3, age, age0, size, head, prp);
            if (written == 0) continue;

            // their early phases (unchanged values where nothing changed), flags and counts
            var wl = Lanes(written);
            var newLtp = Blend(wl, ltp, earlyPhase);
            var newSince = Blend(wl, since, earlySince);
            var newFactor = Blend(wl, factor, earlyFactor);
            int inPhaseBits = (int)Vector256.AndNot(wl, Vector256.Equals(ltp, zero)).ExtractMostSignificantBits();
            if (pairs)
                WriteEarlyPairs(ref a0, ref a1, ref a2, ref a3, ref s0, ref s1, ref s2, ref s3,
                    newLtp, newSince, newFactor, (inPhaseBits ^ (int)early.ExtractMostSignificantBits()) & written);
            else
            {
                WriteEarly(ref a0, ref s0, newLtp.GetElement(0), newSince.GetElement(0), newFactor.GetElement(0), written & 1, inPhaseBits & 1);
                WriteEarly(ref a1, ref s1, newLtp.GetElement(1), newSince.GetElement(1), newFactor.GetElement(1), written & 2, inPhaseBits & 2);
                WriteEarly(ref a2, ref s2, newLtp.GetElement(2), newSince.GetElement(2), newFactor.GetElement(2), written & 4, inPhaseBits & 4);
                WriteEarly(ref a3, ref s3, newLtp.GetElement(3), newSince.GetElement(3), newFactor.GetElement(3), written & 8, inPhaseBits & 8);
            }
            // the written lanes' early-phase changes (an induction that expires at once is not written: full step)
            int done = kinds & written * 0x1111;
            ltpInductions += BitOperations.PopCount((uint)done & 0xF);
            ltdInductions += BitOperations.PopCount((uint)done & 0xF0);
            ltpReversals += BitOperations.PopCount((uint)done & 0xF00);
            ltdReversals += BitOperations.PopCount((uint)done & 0xF000);
        }
        counts.LtpInductions += ltpInductions;
        counts.LtpReversals += ltpReversals;
        counts.LtdInductions += ltdInductions;
        counts.LtdReversals += ltdReversals;
        return n;
    }

    /// <summary>
    /// A lane's early phase written back (its values unchanged unless written), its EarlyPhase flag set to inPhase when
    /// written (bits: the lane's bit of each; without a branch, as which lanes are written is random).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void WriteEarly(ref ActivitySpine a, ref QuietSpine sp, double ltp, double since, double factor, int written, int inPhase)
    {
        (a.Ltp, a.LtpSinceH, a.EarlyLtpFactor) = ((LtpPhase)(byte)ltp, since, factor);
        int keep = -Unsafe.BitCast<bool, byte>(written == 0) | ~(int)QuietFlags.EarlyPhase; // all bits, or all but EarlyPhase
        sp.Flags = (QuietFlags)(((int)sp.Flags & keep) | (Unsafe.BitCast<bool, byte>(inPhase != 0) * (int)QuietFlags.EarlyPhase));
    }

    /// <summary>
    /// ConditionalSelect(mask, a, b) for a mask whose lanes are all ones or all zeros (comparisons, their ands and ors), as
    /// one blend: the JIT made such a select of a combined mask three instructions (and, and-not, or; six micro-operations
    /// on a processor that splits 256-bit operations), a blend takes one. The same lanes, bit for bit.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Blend(Vector256<double> mask, Vector256<double> a, Vector256<double> b)
        => Avx.IsSupported ? Avx.BlendVariable(b, a, mask) : Vector256.ConditionalSelect(mask, a, b);

    /// <summary>Math.Max(a, b) lane by lane for a positive number a (then equal to a select, NaN in b included).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Max(Vector256<double> a, Vector256<double> b) => Vector256.ConditionalSelect(Vector256.LessThan(b, a), a, b);

    /// <summary>
    /// CamKiiSwitch.Hill(x, half, n) lane by lane for n 1, 2 or 4: the same operations (a division, the products in the
    /// same order, r / (1 + r)), each correctly rounded in a lane as in a scalar, so the same bits.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> VectorHill(Vector256<double> x, Vector256<double> half, double n)
    {
        var q = x / half;
        var r = n == 4 ? q * q * (q * q) : n == 2 ? q * q : q;
        return r / (Vector256<double>.One + r);
    }

    /// <summary>Spines i..i+3 by StepOneWithActivity, the scalar form of the same rule (a pulse the lanes do not compute, or CaMKII that may stay on).</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)] // rare, but at once optimised (an activity run starts cold)
    private void ScalarSteps(in QuietActivityRule c, Span<QuietSpine> spines, Span<ActivitySpine> activity, ReadOnlySpan<double> calcium,
        ReadOnlySpan<double> prpOccupancy, ReadOnlySpan<uint> words, ReadOnlySpan<double> noise, Span<bool> quiet, Span<double> volumeChanges, int i,
        ref EarlyPhaseCounts counts)
    {
        for (int j = i; j < i + 4; j++)
            quiet[j] = PlasticityModel.StepOneWithActivity(in c, in this, ref spines[j], ref activity[j], calcium[j], prpOccupancy.Length != 0 ? prpOccupancy[j] : 0,
                words, noise, j, out volumeChanges[j], ref counts);
    }
}
