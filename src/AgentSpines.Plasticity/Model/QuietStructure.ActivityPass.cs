using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using AgentSpines.Plasticity.State;

namespace AgentSpines.Plasticity.Model;

/// <summary>
/// What the activity pass of the quiet step with activity hands the structural pass for a group of four spines (and
/// what it needs to take back where a lane it wrote does not step quietly after all).
/// </summary>
internal struct ActivityGroup
{
    /// <summary>The head volume after ActivityStep, from which the structural step starts, and the early-phase factor that moves the class boundary.</summary>
    public Vector256<double> From, Factor;
    /// <summary>The written lanes' early phase before the pass (start, factor, phase) and what the pass counted (EarlyPhaseKind as a double).</summary>
    public Vector256<double> OldSince, OldFactor, OldPhase, Kind;
    /// <summary>The lanes that may step quietly (bits), those whose early phase, flag, count and volume change the pass wrote, and the EarlyPhase flags before it.</summary>
    public int Eligible, Written, OldEarly;
}

/// <summary>
/// The quiet step with activity in two passes over a run of spines (twelfth pass, docs/electrodiffusion.md): this one,
/// ActivityStep's decisions and early phase four spines at a time, writes every early phase it moves at once (as if the
/// lane steps quietly, which about 98 % do) and leaves the structural pass the head to start from and the factor; the
/// structural pass (QuietStructure.StructuralPass.cs) takes the few written lanes back whose structural step is not
/// quiet. One loop for both held about 40 vectors live at once and spilled at every step of the activity block.
/// </summary>
internal readonly partial struct QuietStructure
{
    /// <summary>
    /// ActivityStep for the groups of four of spines (a multiple of four): groups[g] gets group g's start, factor and
    /// lanes; the lanes that may step quietly and that ActivityStep may move get their early phase, EarlyPhase flag,
    /// counts and volume change (volumeChanges: +0 in every other lane) as StepOneWithActivity would give them.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ActivityPass(in QuietActivityRule c, Span<QuietSpine> spines, Span<ActivitySpine> activity, ReadOnlySpan<double> calcium,
        ReadOnlySpan<double> prpOccupancy, Span<double> volumeChanges, Span<ActivityGroup> groups, ref EarlyPhaseCounts counts)
    {
        int n = spines.Length;
        if ((n & 3) != 0 || activity.Length < n || calcium.Length < n || volumeChanges.Length < n || groups.Length < n / 4
            || (prpOccupancy.Length != 0 && prpOccupancy.Length < n))
            throw new ArgumentException($"spans shorter than the {n} spines");
        bool withPrp = prpOccupancy.Length != 0;
        var zero = Vector256<double>.Zero;
        var one = Vector256<double>.One;
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
        var ltpInductionKind = Vector256.Create((double)EarlyPhaseKind.LtpInduction);
        var ltdInductionKind = Vector256.Create((double)EarlyPhaseKind.LtdInduction);
        var ltpReversalKind = Vector256.Create((double)EarlyPhaseKind.LtpReversal);
        var ltdReversalKind = Vector256.Create((double)EarlyPhaseKind.LtdReversal);
        var eventsOnly = c.CountEarlyPhase ? zero : Vector256<double>.AllBitsSet; // an early-phase change is to be an event
        bool pairs = EarlyPhasesAsPairs;
        for (int i = 0; i < n; i += 4)
        {
            ref var g = ref groups[i >> 2];
            ref var s0 = ref spines[i];
            ref var s1 = ref spines[i + 1];
            ref var s2 = ref spines[i + 2];
            ref var s3 = ref spines[i + 3];
            var flags = Vector256.Create((long)s0.Flags, (long)s1.Flags, (long)s2.Flags, (long)s3.Flags);
            var head = Vector256.Create(s0.HeadVolumeUm3, s1.HeadVolumeUm3, s2.HeadVolumeUm3, s3.HeadVolumeUm3);
            // a filopodium, CaMKII, late LTP: the full step
            int eligible = (int)Mask(flags, (long)QuietFlags.NotQuiet).ExtractMostSignificantBits() ^ 0xF;
            var early = Mask(flags, (long)QuietFlags.EarlyPhase);
            var ca = Vector256.Create(calcium.Slice(i, 4));
            // ActivityStep, where it may do anything: outside an early phase, calcium below NothingBelowUMS (or NaN) leaves
            // the head and the factor (1) as they are
            var maybe = early | Vector256.GreaterThanOrEqual(ca, nothingBelow);
            int maybeBits = (int)maybe.ExtractMostSignificantBits() & eligible;
            if (maybeBits == 0)
            {
                (g.From, g.Factor, g.Eligible, g.Written) = (head, one, eligible, 0);
                zero.StoreUnsafe(ref volumeChanges[i]);
                continue;
            }
            ref var a0 = ref activity[i];
            ref var a1 = ref activity[i + 1];
            ref var a2 = ref activity[i + 2];
            ref var a3 = ref activity[i + 3];
            var prp = withPrp ? Vector256.Create(prpOccupancy.Slice(i, 4)) : zero;
            // StepSpine calls ActivityStep for calcium or an LTP phase (CaMKII is 0 here)
            var active = Vector256.AndNot(Vector256<double>.AllBitsSet, Vector256.LessThanOrEqual(ca, zero)) | early;
            // the pulse from 0, H(ca) when ca > 0; 0 below the LTP calcium, where only "under the threshold" matters
            var peak = zero;
            int hillBits = (int)Vector256.AndNot(maybe, Vector256.LessThan(ca, calciumBelowLtp)).ExtractMostSignificantBits() & maybeBits;
            if (hillBits != 0) peak = Pulses(ca, hillBits, c.HalfActivationUMS, c.HillN);
            var stays = c.CamKiiAlwaysOff ? zero : StaysOn(peak, active, maybeBits, c);
            var notEarly = Vector256.AndNot(active, early);
            var ltpInduction = notEarly & Vector256.GreaterThanOrEqual(peak, ltpThreshold) & gated;
            var ltdInduction = Vector256.AndNot(notEarly, ltpInduction) & Vector256.GreaterThanOrEqual(ca, ltdMinCalcium)
                               & Vector256.LessThan(ca, halfActivation) & Vector256.LessThan(peak, ltpThreshold);
            var induced = ltpInduction | ltdInduction;
            EarlyPhases(ref a0, ref a1, ref a2, ref a3, out var earlySince, out var earlyFactor, out var earlyPhase);
            var ltdVolume = Max(minHead, head * ltdKeep);
            var volume = Blend(ltpInduction, head * ltpFactor, Blend(ltdInduction, ltdVolume, head));
            var f = Blend(early, earlyFactor, Blend(ltpInduction, ltpFactor, Blend(ltdInduction, ltdVolume / head, one)));
            var since = Blend(induced, endH, earlySince);
            var ltp = (early & earlyPhase) | (ltpInduction & earlyLtp) | (ltdInduction & earlyLtd);
            var kind = (ltpInduction & ltpInductionKind) | (ltdInduction & ltdInductionKind);
            var change = induced & (volume - head);
            // consolidation (late LTP stabilises the spine: an event); else the end of the early phase, undone
            var inPhase = early | induced;
            var capture = inPhase & Vector256.GreaterThanOrEqual(prp, captureThreshold);
            var expire = Vector256.AndNot(inPhase, capture) & Vector256.GreaterThanOrEqual(endH - since, earlyPhaseH);
            var undone = Max(minHead, volume / f);
            var reversal = Blend(Vector256.Equals(ltp, earlyLtp), ltpReversalKind, ltdReversalKind);
            kind = Blend(expire, reversal, kind);
            change = Blend(expire, undone - volume, change);
            volume = Blend(expire, undone, volume);
            f = Blend(expire, one, f);
            ltp = Vector256.AndNot(ltp, expire);
            // induced and reversed in one step (two changes), captured, or a change that is to be an event: the full step
            var full = stays | capture | (expire & induced) | (Vector256.AndNot(eventsOnly, Vector256.Equals(kind, zero)));
            eligible &= ~((int)(full & maybe).ExtractMostSignificantBits());
            int written = maybeBits & eligible; // the lanes whose early phase this pass moves on
            var factor = Blend(maybe, f, one);
            (g.From, g.Factor, g.Eligible, g.Written) = (Blend(maybe, volume, head), factor, eligible, written);
            if (written == 0)
            {
                zero.StoreUnsafe(ref volumeChanges[i]);
                continue;
            }
            var wl = Lanes(written);
            (wl & change).StoreUnsafe(ref volumeChanges[i]);
            (g.OldSince, g.OldFactor, g.OldPhase, g.Kind, g.OldEarly) = (earlySince, earlyFactor, earlyPhase, kind, (int)early.ExtractMostSignificantBits());
            // the written lanes' early phases (unchanged values in the others), flags and counts
            var newLtp = Blend(wl, ltp, earlyPhase);
            var newSince = Blend(wl, since, earlySince);
            var newFactor = Blend(wl, factor, earlyFactor);
            int inPhaseBits = (int)Vector256.AndNot(wl, Vector256.Equals(ltp, zero)).ExtractMostSignificantBits();
            if (pairs) WriteEarlyPairs(ref a0, ref a1, ref a2, ref a3, ref s0, ref s1, ref s2, ref s3, newLtp, newSince, newFactor, written, inPhaseBits);
            else
            {
                WriteEarly(ref a0, ref s0, newLtp.GetElement(0), newSince.GetElement(0), newFactor.GetElement(0), written & 1, inPhaseBits & 1);
                WriteEarly(ref a1, ref s1, newLtp.GetElement(1), newSince.GetElement(1), newFactor.GetElement(1), written & 2, inPhaseBits & 2);
                WriteEarly(ref a2, ref s2, newLtp.GetElement(2), newSince.GetElement(2), newFactor.GetElement(2), written & 4, inPhaseBits & 4);
                WriteEarly(ref a3, ref s3, newLtp.GetElement(3), newSince.GetElement(3), newFactor.GetElement(3), written & 8, inPhaseBits & 8);
            }
            counts.LtpInductions += BitOperations.PopCount((uint)((int)Vector256.Equals(kind, ltpInductionKind).ExtractMostSignificantBits() & written));
            counts.LtpReversals += BitOperations.PopCount((uint)((int)Vector256.Equals(kind, ltpReversalKind).ExtractMostSignificantBits() & written));
            counts.LtdInductions += BitOperations.PopCount((uint)((int)Vector256.Equals(kind, ltdInductionKind).ExtractMostSignificantBits() & written));
            counts.LtdReversals += BitOperations.PopCount((uint)((int)Vector256.Equals(kind, ltdReversalKind).ExtractMostSignificantBits() & written));
        }
    }
}
