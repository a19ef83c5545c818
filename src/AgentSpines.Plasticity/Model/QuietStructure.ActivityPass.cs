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
    /// <summary>ActivityStep's constants, broadcast to four lanes once per call (an inlined constructor, as StructuralVectors).</summary>
    private readonly struct ActivityVectors
    {
        public readonly Vector256<double> NothingBelow, CalciumBelowLtp, LtpThreshold, LtdMinCalcium, HalfActivation, Gated, LtpFactor, LtdKeep, MinHead,
            CaptureThreshold, EndH, EarlyPhaseH, EarlyLtp, EarlyLtd, LtpInductionKind, LtdInductionKind, LtpReversalKind, LtdReversalKind, EventsOnly;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public ActivityVectors(in QuietActivityRule c)
        {
            NothingBelow = Vector256.Create(c.NothingBelowUMS);
            CalciumBelowLtp = Vector256.Create(c.CalciumBelowLtpUMS);
            LtpThreshold = Vector256.Create(c.LtpThreshold);
            LtdMinCalcium = Vector256.Create(c.LtdMinCalciumUMS);
            HalfActivation = Vector256.Create(c.HalfActivationUMS);
            Gated = c.Gated ? Vector256<double>.AllBitsSet : Vector256<double>.Zero;
            LtpFactor = Vector256.Create(c.LtpFactor);
            LtdKeep = Vector256.Create(c.LtdKeep);
            MinHead = Vector256.Create(c.MinHeadVolumeUm3);
            CaptureThreshold = Vector256.Create(c.CaptureThreshold);
            EndH = Vector256.Create(c.EndH);
            EarlyPhaseH = Vector256.Create(c.EarlyPhaseH);
            EarlyLtp = Vector256.Create((double)LtpPhase.Early);
            EarlyLtd = Vector256.Create((double)LtpPhase.EarlyLtd);
            LtpInductionKind = Vector256.Create((double)EarlyPhaseKind.LtpInduction);
            LtdInductionKind = Vector256.Create((double)EarlyPhaseKind.LtdInduction);
            LtpReversalKind = Vector256.Create((double)EarlyPhaseKind.LtpReversal);
            LtdReversalKind = Vector256.Create((double)EarlyPhaseKind.LtdReversal);
            EventsOnly = c.CountEarlyPhase ? Vector256<double>.Zero : Vector256<double>.AllBitsSet; // an early-phase change is to be an event
        }
    }

    /// <summary>
    /// ActivityStep for the groups of four of spines (a multiple of four): groups[g] gets group g's start, factor and
    /// lanes; the lanes that may step quietly and that ActivityStep may move get their early phase, EarlyPhase flag,
    /// counts and volume change (volumeChanges: +0 in every other lane) as StepOneWithActivity would give them. No call in
    /// the loop (a call, even one not taken, kept every value live across it on the stack): the pulse is computed in the
    /// lanes (VectorHill) where CamKiiSwitch.Hill's power is a product; a group that needs a pulse otherwise, or any
    /// group with calcium or an early phase when CaMKII may stay on, is left to the scalar step (ScalarGroup).
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
        // the lanes' own pulse (CamKiiSwitch.Hill with an integer power), unless CaMKII may stay on (then Relax decides, scalar)
        bool lanePulses = c.CamKiiAlwaysOff && c.HillN is 1 or 2 or 4;
        var zero = Vector256<double>.Zero;
        var one = Vector256<double>.One;
        var v = new ActivityVectors(in c);
        var half = Vector256.Create(c.HalfActivationUMS);
        bool onlyEarlyExpire = c.EarlyPhaseH > 0; // EndH - EndH >= EarlyPhaseH never holds
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
            var maybe = early | Vector256.GreaterThanOrEqual(ca, v.NothingBelow);
            int maybeBits = (int)maybe.ExtractMostSignificantBits() & eligible;
            if (maybeBits == 0)
            {
                (g.From, g.Factor, g.Eligible, g.Written) = (head, one, eligible, 0);
                zero.StoreUnsafe(ref volumeChanges[i]);
                continue;
            }
            // StepSpine calls ActivityStep for calcium or an LTP phase (CaMKII is 0 here)
            var active = Vector256.AndNot(Vector256<double>.AllBitsSet, Vector256.LessThanOrEqual(ca, zero)) | early;
            // the pulse from 0, H(ca) when ca > 0; 0 below the LTP calcium, where only "under the threshold" matters
            var peak = zero;
            var hill = Vector256.AndNot(maybe, Vector256.LessThan(ca, v.CalciumBelowLtp)) & Vector256.GreaterThan(ca, zero);
            if (((int)hill.ExtractMostSignificantBits() & maybeBits) != 0 || !c.CamKiiAlwaysOff)
            {
                if (!lanePulses)
                {
                    (g.Eligible, g.Written) = (ScalarGroup, 0);
                    zero.StoreUnsafe(ref volumeChanges[i]);
                    continue;
                }
                peak = hill & VectorHill(ca, half, c.HillN);
            }
            var prp = withPrp ? Vector256.Create(prpOccupancy.Slice(i, 4)) : zero;
            var notEarly = Vector256.AndNot(active, early);
            var ltpInduction = notEarly & Vector256.GreaterThanOrEqual(peak, v.LtpThreshold) & v.Gated;
            var ltdInduction = Vector256.AndNot(notEarly, ltpInduction) & Vector256.GreaterThanOrEqual(ca, v.LtdMinCalcium)
                               & Vector256.LessThan(ca, v.HalfActivation) & Vector256.LessThan(peak, v.LtpThreshold);
            var induced = ltpInduction | ltdInduction;
            ref var a0 = ref activity[i];
            ref var a1 = ref activity[i + 1];
            ref var a2 = ref activity[i + 2];
            ref var a3 = ref activity[i + 3];
            EarlyPhases(ref a0, ref a1, ref a2, ref a3, out var earlySince, out var earlyFactor, out var earlyPhase);
            var ltdVolume = Max(v.MinHead, head * v.LtdKeep);
            var volume = Blend(ltpInduction, head * v.LtpFactor, Blend(ltdInduction, ltdVolume, head));
            var f = Blend(early, earlyFactor, Blend(ltpInduction, v.LtpFactor, Blend(ltdInduction, ltdVolume / head, one)));
            var since = Blend(induced, v.EndH, earlySince);
            var ltp = (early & earlyPhase) | (ltpInduction & v.EarlyLtp) | (ltdInduction & v.EarlyLtd);
            var kind = (ltpInduction & v.LtpInductionKind) | (ltdInduction & v.LtdInductionKind);
            var change = induced & (volume - head);
            // consolidation (late LTP stabilises the spine: an event); else the end of the early phase, undone
            var inPhase = early | induced;
            var capture = inPhase & Vector256.GreaterThanOrEqual(prp, v.CaptureThreshold);
            var expire = Vector256.AndNot(inPhase, capture) & Vector256.GreaterThanOrEqual(v.EndH - since, v.EarlyPhaseH);
            // only a lane in an early phase expires (an induced one starts at EndH), and there the head is as it was and
            // the factor the phase's: its head undone without waiting for the induction's division
            var undone = Max(v.MinHead, onlyEarlyExpire ? head / earlyFactor : volume / f);
            var reversal = Blend(Vector256.Equals(ltp, v.EarlyLtp), v.LtpReversalKind, v.LtdReversalKind);
            kind = Blend(expire, reversal, kind);
            change = Blend(expire, undone - volume, change);
            volume = Blend(expire, undone, volume);
            f = Blend(expire, one, f);
            ltp = Vector256.AndNot(ltp, expire);
            // induced and reversed in one step (two changes), captured, or a change that is to be an event: the full step
            var full = capture | (expire & induced) | (Vector256.AndNot(v.EventsOnly, Vector256.Equals(kind, zero)));
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
            int earlyBits = (int)early.ExtractMostSignificantBits();
            (g.OldSince, g.OldFactor, g.OldPhase, g.Kind, g.OldEarly) = (earlySince, earlyFactor, earlyPhase, kind, earlyBits);
            // the written lanes' early phases (unchanged values in the others), flags and counts
            var newLtp = Blend(wl, ltp, earlyPhase);
            var newSince = Blend(wl, since, earlySince);
            var newFactor = Blend(wl, factor, earlyFactor);
            int inPhaseBits = (int)Vector256.AndNot(wl, Vector256.Equals(ltp, zero)).ExtractMostSignificantBits();
            if (EarlyPhasesAsPairs)
                WriteEarlyPairs(ref a0, ref a1, ref a2, ref a3, ref s0, ref s1, ref s2, ref s3, newLtp, newSince, newFactor, (inPhaseBits ^ earlyBits) & written);
            else
            {
                WriteEarly(ref a0, ref s0, newLtp.GetElement(0), newSince.GetElement(0), newFactor.GetElement(0), written & 1, inPhaseBits & 1);
                WriteEarly(ref a1, ref s1, newLtp.GetElement(1), newSince.GetElement(1), newFactor.GetElement(1), written & 2, inPhaseBits & 2);
                WriteEarly(ref a2, ref s2, newLtp.GetElement(2), newSince.GetElement(2), newFactor.GetElement(2), written & 4, inPhaseBits & 4);
                WriteEarly(ref a3, ref s3, newLtp.GetElement(3), newSince.GetElement(3), newFactor.GetElement(3), written & 8, inPhaseBits & 8);
            }
            counts.LtpInductions += BitOperations.PopCount((uint)((int)Vector256.Equals(kind, v.LtpInductionKind).ExtractMostSignificantBits() & written));
            counts.LtpReversals += BitOperations.PopCount((uint)((int)Vector256.Equals(kind, v.LtpReversalKind).ExtractMostSignificantBits() & written));
            counts.LtdInductions += BitOperations.PopCount((uint)((int)Vector256.Equals(kind, v.LtdInductionKind).ExtractMostSignificantBits() & written));
            counts.LtdReversals += BitOperations.PopCount((uint)((int)Vector256.Equals(kind, v.LtdReversalKind).ExtractMostSignificantBits() & written));
        }
    }

    /// <summary>ActivityGroup.Eligible of a group the scalar step takes whole (StepOneWithActivity lane by lane in the structural pass).</summary>
    internal const int ScalarGroup = 16;

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
}
