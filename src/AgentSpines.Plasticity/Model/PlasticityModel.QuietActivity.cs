using System.Runtime.CompilerServices;
using AgentSpines.Plasticity.State;

namespace AgentSpines.Plasticity.Model;

/// <summary>
/// The fields of a spine that a step with activity reads besides its QuietSpine (a segment keeps them as a second
/// array, 48 bytes a spine, only in runs with activity): the early phase of LTP/LTD (phase, start, factor), which the
/// quiet step with activity moves on, the neck (fixed after birth), which the episode query reads, and where the
/// activity found that neck on its response surface (NeckCell, NeckCellFraction: the activity's own cache, 0 until it
/// located the neck; ActivitySpineOf leaves it 0, so a spine whose state changed is located afresh).
/// </summary>
public struct ActivitySpine
{
    public double LtpSinceH;
    public double EarlyLtpFactor;
    public double NeckLengthUm;
    public double NeckDiameterUm;
    public LtpPhase Ltp;
    /// <summary>The activity's place of the neck on its surface (0: not located yet); the model never reads it.</summary>
    public int NeckCell;
    public double NeckCellFraction;

    /// <summary>The early-phase values into the spine's state object (before anything reads it).</summary>
    public readonly void WriteTo(SpineState s)
    {
        s.Ltp = Ltp;
        s.LtpSinceH = LtpSinceH;
        s.EarlyLtpFactor = EarlyLtpFactor;
    }
}

/// <summary>What a quiet step with activity did to a spine's early phase.</summary>
public enum EarlyPhaseKind : byte { None, LtpInduction, LtpReversal, LtdInduction, LtdReversal }

public sealed partial class PlasticityModel
{
    /// <summary>A spine's activity fields from its state (after the state changed: seeding, birth, a full step).</summary>
    public static ActivitySpine ActivitySpineOf(SpineState s) => new()
    {
        LtpSinceH = s.LtpSinceH, EarlyLtpFactor = s.EarlyLtpFactor, NeckLengthUm = s.NeckLengthUm, NeckDiameterUm = s.NeckDiameterUm, Ltp = s.Ltp,
    };

    /// <summary>
    /// StepQuiet for a run with activity: the spines with calcium this step and those in an early phase of LTP or LTD
    /// take it too. For each spine i to which no structural event, class change, CaMKII level left at the step's end,
    /// capture of PRPs, or (unless countEarlyPhase) early-phase size change can happen, its fields move on as StepSpine
    /// would move them (ActivityStep's early LTP/LTD induction and reversal included), quiet[i] is true, the counts of its
    /// early-phase change are added to counts and volumeChanges[i] holds its head volume change (+0 without one), which
    /// the caller adds to counts.VolumeChangeUm3 in spine order (so that the sum is the full step's, bit for bit).
    /// Otherwise quiet[i] is false and nothing changed: the caller takes the full StepSpine with the same words, noise and
    /// inputs. Every quantity is computed with StepSpine's operations in its order (QuietStepTests). inputs: each spine's
    /// activity inputs; prpOccupancy: each spine's PRP occupancy, in place of the inputs' (empty: the inputs'
    /// PrpOccupancy). q.Possible must hold.
    /// </summary>
    /// <remarks>
    /// Three loops: the first sorts the spines without a branch into those to which ActivityStep can do nothing (no early
    /// phase, calcium below both the LTD window and the calcium that may reach the LTP threshold: most spines) and those
    /// to which it may; the first kind take the structural step from their own head at once (as StepQuiet does, no
    /// branch on the kind in the way: which kind a spine is is random from spine to spine, and such a branch was
    /// mispredicted about every other time), the others ActivityStep's decisions (made without branches: &amp; on bools,
    /// the pulse selected by a mask), their early-phase work and then the structural step.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void StepQuietWithActivity(in QuietStep q, Span<QuietSpine> spines, Span<ActivitySpine> activity, ReadOnlySpan<SpineInputs> inputs,
        ReadOnlySpan<double> prpOccupancy, ReadOnlySpan<uint> words, ReadOnlySpan<double> noise, bool countEarlyPhase, Span<bool> quiet,
        Span<double> volumeChanges, ref EarlyPhaseCounts counts)
    {
        int n = spines.Length;
        if (!q.Possible) throw new InvalidOperationException("the quiet step is not possible under this environment");
        if (activity.Length < n || inputs.Length < n || (prpOccupancy.Length != 0 && prpOccupancy.Length < n) || words.Length < WordsPerStep * n
            || noise.Length < 2 * n || quiet.Length < n || volumeChanges.Length < n)
            throw new ArgumentException($"spans shorter than the {n} spines");
        var o = _o;
        bool withPrp = prpOccupancy.Length != 0;
        quiet[..n].Clear();
        volumeChanges[..n].Clear();
        // 1: ActivityStep does nothing to a spine outside an early phase whose calcium is below the LTD window and below
        // the calcium at which the pulse may reach the LTP threshold (CalciumBelowLtpUMS: -infinity when CaMKII may stay
        // on, then every spine goes the long way), or not a number (no induction, and a pulse of 0)
        double nothingBelow = double.IsNaN(o.LtdMinCalciumUMS) ? q.CalciumBelowLtpUMS : Math.Min(o.LtdMinCalciumUMS, q.CalciumBelowLtpUMS);
        Span<int> plain = n <= 512 ? stackalloc int[n] : new int[n];
        Span<int> listed = n <= 512 ? stackalloc int[n] : new int[n];
        int p = 0, m = 0;
        for (int i = 0; i < n; i++)
        {
            var f = spines[i].Flags;
            bool maybe = (f & QuietFlags.EarlyPhase) != 0 | inputs[i].CalciumUMS >= nothingBelow;
            bool quietKind = (f & QuietFlags.NotQuiet) == 0; // a filopodium, CaMKII, late LTP: the full step
            plain[p] = i;
            listed[m] = i;
            p += Unsafe.BitCast<bool, byte>(quietKind & !maybe); // (c ? 1 : 0) was compiled to a branch
            m += Unsafe.BitCast<bool, byte>(quietKind & maybe);
        }
        var k = new QuietStructure(this, in q);
        // 2: the structural step from the spine's own head, the class boundary where it is (no early phase: factor 1)
        for (int j = 0; j < p; j++)
        {
            int i = plain[j];
            quiet[i] = k.Step(ref spines[i], spines[i].HeadVolumeUm3, withPrp ? prpOccupancy[i] : inputs[i].PrpOccupancy, 1, words, noise, i);
        }
        if (m == 0) return;
        // 3: ActivityStep, then the structural step from the head after it
        double dt = q.StepH, t = q.TimeH + q.StepH;
        double hillN = o.CamKiiHillN, ltpThreshold = o.CamKiiLtpThreshold, ltdMinCalcium = o.LtdMinCalciumUMS, halfActivation = o.CamKiiHalfActivationCalciumUMS;
        double dopamineThreshold = o.DopamineThreshold, dopamineWindowS = o.DopamineWindowS;
        bool notGated = !o.DopamineGated, camKiiAlwaysOff = q.CamKiiAlwaysOff;
        double calciumBelowLtp = q.CalciumBelowLtpUMS;
        double ltpFactor = 1 + o.LtpEarlyGain, ltdKeep = 1 - o.LtdShrinkFraction, minHeadVolume = o.MinHeadVolumeUm3;
        double captureThreshold = o.PrpCaptureThreshold, earlyPhaseH = o.LtpEarlyPhaseH;
        for (int j = 0; j < m; j++)
        {
            int i = listed[j];
            ref var sp = ref spines[i];
            var f = sp.Flags;
            // a quiet spine's CaMKII is 0 (NotQuiet otherwise); outside an early phase its factor is 1 and its phase None
            bool early = (f & QuietFlags.EarlyPhase) != 0;
            ref readonly var input = ref inputs[i];
            double ca = input.CalciumUMS;
            // StepSpine calls ActivityStep for calcium or an LTP phase (CaMKII is 0 here)
            bool active = !(ca <= 0) | early;
            // CamKiiSwitch.Pulse(0, ca): 0 + (1 - 0) H(ca) = H(ca) when ca > 0 (H >= 0, or NaN), else 0. Below the LTP
            // calcium only "under the threshold" matters, and the CaMKII level is 0 anyway: 0 stands for it, without
            // Hill's two divisions
            double peak = 0;
            if (!(ca < calciumBelowLtp))
            {
                double hill = CamKiiSwitch.Hill(ca, halfActivation, hillN);
                peak = BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(hill) & -(long)Unsafe.BitCast<bool, byte>(ca > 0));
            }
            if (active & !camKiiAlwaysOff && CamKiiSwitch.Relax(peak, dt, o) != 0) continue; // the switch stays on: its level lives in the object
            bool gated = notGated | ((input.Dopamine >= dopamineThreshold) & (input.DopamineDelayS <= dopamineWindowS));
            bool ltpInduction = active & !early & (peak >= ltpThreshold) & gated;
            bool ltdInduction = active & !early & !ltpInduction & (ca >= ltdMinCalcium) & (ca < halfActivation) & (peak < ltpThreshold);
            double prp = withPrp ? prpOccupancy[i] : input.PrpOccupancy;
            // ActivityStep's early phase (EarlyPhase's steps, each value computed and the case's one selected: which case
            // a spine is in is random from spine to spine, induction or reversal of early LTD above all)
            ref var a = ref activity[i];
            bool induced = ltpInduction | ltdInduction;
            double v0 = sp.HeadVolumeUm3;
            double ltdVolume = Math.Max(minHeadVolume, v0 * ltdKeep);
            double volume = Select(ltpInduction, v0 * ltpFactor, Select(ltdInduction, ltdVolume, v0));
            double factor = Select(early, a.EarlyLtpFactor, Select(ltpInduction, ltpFactor, Select(ltdInduction, ltdVolume / v0, 1)));
            double since = Select(induced, t, a.LtpSinceH);
            // the phase and the change's kind as arithmetic on 0/1 (conditional expressions on them were compiled to branches);
            // an early phase excludes an induction, and at most one induction comes
            int e0 = Unsafe.BitCast<bool, byte>(early), lti = Unsafe.BitCast<bool, byte>(ltpInduction), ldi = Unsafe.BitCast<bool, byte>(ltdInduction);
            int ltp = e0 * (byte)a.Ltp + lti * (byte)LtpPhase.Early + ldi * (byte)LtpPhase.EarlyLtd;
            // consolidation (late LTP stabilises the spine: an event); else the end of the early phase, undone
            bool inPhase = early | induced;
            bool capture = inPhase & (prp >= captureThreshold);
            bool expire = inPhase & !capture & (t - since >= earlyPhaseH);
            double undone = Math.Max(minHeadVolume, volume / factor);
            int kind = lti * (int)EarlyPhaseKind.LtpInduction + ldi * (int)EarlyPhaseKind.LtdInduction;
            double change = Select(induced, volume - v0, 0);
            // at the end of the phase: undone (LTP or LTD reversal by the phase), factor 1, no phase
            int ex = Unsafe.BitCast<bool, byte>(expire);
            int reversal = (int)EarlyPhaseKind.LtdReversal - ((int)EarlyPhaseKind.LtdReversal - (int)EarlyPhaseKind.LtpReversal) * Unsafe.BitCast<bool, byte>(ltp == (int)LtpPhase.Early);
            kind += ex * (reversal - kind);
            change = Select(expire, undone - volume, change);
            volume = Select(expire, undone, volume);
            factor = Select(expire, 1, factor);
            ltp *= 1 - ex;
            // induced and reversed in one step (two changes), captured, or a change that is to be an event: the full step
            if (capture | (expire & induced) | (kind != (int)EarlyPhaseKind.None & !countEarlyPhase)) continue;
            // from the head after ActivityStep, the class boundary moved by the early-phase factor
            if (!k.Step(ref sp, volume, prp, factor, words, noise, i)) continue;
            // the early phase written back (unchanged values when nothing changed: a spine outside an early phase has
            // phase None and factor 1, or it would not be quiet)
            a.Ltp = (LtpPhase)ltp;
            a.LtpSinceH = since;
            a.EarlyLtpFactor = factor;
            sp.Flags = (QuietFlags)((int)(f & ~QuietFlags.EarlyPhase) | Unsafe.BitCast<bool, byte>(ltp != (int)LtpPhase.None) * (int)QuietFlags.EarlyPhase);
            counts.LtpInductions += Unsafe.BitCast<bool, byte>(kind == (int)EarlyPhaseKind.LtpInduction);
            counts.LtpReversals += Unsafe.BitCast<bool, byte>(kind == (int)EarlyPhaseKind.LtpReversal);
            counts.LtdInductions += Unsafe.BitCast<bool, byte>(kind == (int)EarlyPhaseKind.LtdInduction);
            counts.LtdReversals += Unsafe.BitCast<bool, byte>(kind == (int)EarlyPhaseKind.LtdReversal);
            volumeChanges[i] = change;
            quiet[i] = true;
        }
    }

    /// <summary>a when c, else b, without a branch.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Select(bool c, double a, double b)
    {
        long mask = -(long)Unsafe.BitCast<bool, byte>(c);
        return BitConverter.Int64BitsToDouble((BitConverter.DoubleToInt64Bits(a) & mask) | (BitConverter.DoubleToInt64Bits(b) & ~mask));
    }
}
