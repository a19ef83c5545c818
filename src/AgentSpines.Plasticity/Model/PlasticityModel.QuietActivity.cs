using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
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
    /// inputs. Every quantity is computed with StepSpine's operations in its order (QuietStepTests). The inputs are those
    /// of the episodes: calcium[i] the spine's calcium (0 or -0 without episodes), dopamine the step's (the same for all
    /// the spines; StepSpine's inputs delay it by 0), PRP occupancy prpOccupancy[i] (empty: 0). q.Possible must hold.
    /// </summary>
    /// <remarks>
    /// Three passes: the first sorts the spines without a branch into those to which ActivityStep can do nothing (no early
    /// phase, calcium below both the LTD window and the calcium that may reach the LTP threshold: most spines; they step
    /// from their own head) and those to which it may, whose ActivityStep decisions the second pass makes without branches
    /// (&amp; on bools, the pulse selected by a mask, each case's values computed and the case's selected: which case a spine
    /// is in is random from spine to spine); the third takes the structural step of every spine that may step quietly, four
    /// at a time (QuietStructure.StepVectorsFrom; vectorized false: one by one), and the early phases of the quiet ones are
    /// written last.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void StepQuietWithActivity(in QuietStep q, Span<QuietSpine> spines, Span<ActivitySpine> activity, ReadOnlySpan<double> calcium, double dopamine,
        ReadOnlySpan<double> prpOccupancy, ReadOnlySpan<uint> words, ReadOnlySpan<double> noise, bool countEarlyPhase, Span<bool> quiet,
        Span<double> volumeChanges, ref EarlyPhaseCounts counts, bool vectorized = true)
    {
        int n = spines.Length;
        if (!q.Possible) throw new InvalidOperationException("the quiet step is not possible under this environment");
        if (activity.Length < n || calcium.Length < n || (prpOccupancy.Length != 0 && prpOccupancy.Length < n) || words.Length < WordsPerStep * n
            || noise.Length < 2 * n || quiet.Length < n || volumeChanges.Length < n)
            throw new ArgumentException($"spans shorter than the {n} spines");
        var o = _o;
        bool withPrp = prpOccupancy.Length != 0;
        var scratch = t_quietActivity ??= new QuietActivityScratch();
        scratch.Reserve(n);
        var head = scratch.Head.AsSpan(0, n);
        var factors = scratch.Factor.AsSpan(0, n);
        var eligible = scratch.Eligible.AsSpan(0, n);
        var listed = scratch.Listed;
        volumeChanges[..n].Clear();
        // 1: ActivityStep does nothing to a spine outside an early phase whose calcium is below the LTD window and below
        // the calcium at which the pulse may reach the LTP threshold (CalciumBelowLtpUMS: -infinity when CaMKII may stay
        // on, then every spine goes the long way), or not a number (no induction, and a pulse of 0)
        double nothingBelow = double.IsNaN(o.LtdMinCalciumUMS) ? q.CalciumBelowLtpUMS : Math.Min(o.LtdMinCalciumUMS, q.CalciumBelowLtpUMS);
        int m = 0;
        for (int i = 0; i < n; i++)
        {
            ref readonly var sp = ref spines[i];
            var f = sp.Flags;
            bool maybe = (f & QuietFlags.EarlyPhase) != 0 | calcium[i] >= nothingBelow;
            bool quietKind = (f & QuietFlags.NotQuiet) == 0; // a filopodium, CaMKII, late LTP: the full step
            head[i] = sp.HeadVolumeUm3;
            factors[i] = 1; // no early phase: factor 1
            eligible[i] = quietKind & !maybe;
            listed[m] = i;
            m += Unsafe.BitCast<bool, byte>(quietKind & maybe); // (c ? 1 : 0) was compiled to a branch
        }
        // 2: ActivityStep's decisions and early phase of the others: the head and factor their structural step starts from
        var ltps = scratch.Ltp;
        var sinces = scratch.Since;
        var kinds = scratch.Kind;
        var changes = scratch.Change;
        double dt = q.StepH, t = q.TimeH + q.StepH;
        double hillN = o.CamKiiHillN, ltpThreshold = o.CamKiiLtpThreshold, ltdMinCalcium = o.LtdMinCalciumUMS, halfActivation = o.CamKiiHalfActivationCalciumUMS;
        // the dopamine gate (StepSpine's inputs delay the step's dopamine by 0)
        bool gated = !o.DopamineGated | ((dopamine >= o.DopamineThreshold) & (0 <= o.DopamineWindowS));
        bool camKiiAlwaysOff = q.CamKiiAlwaysOff;
        double calciumBelowLtp = q.CalciumBelowLtpUMS;
        double ltpFactor = 1 + o.LtpEarlyGain, ltdKeep = 1 - o.LtdShrinkFraction, minHeadVolume = o.MinHeadVolumeUm3;
        double captureThreshold = o.PrpCaptureThreshold, earlyPhaseH = o.LtpEarlyPhaseH;
        for (int j = 0; j < m; j++)
        {
            int i = listed[j];
            ref readonly var sp = ref spines[i];
            // a quiet spine's CaMKII is 0 (NotQuiet otherwise); outside an early phase its factor is 1 and its phase None
            bool early = (sp.Flags & QuietFlags.EarlyPhase) != 0;
            double ca = calcium[i];
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
            // the switch stays on: its level lives in the object (the full step)
            bool stays = active & !camKiiAlwaysOff && CamKiiSwitch.Relax(peak, dt, o) != 0;
            bool ltpInduction = active & !early & (peak >= ltpThreshold) & gated;
            bool ltdInduction = active & !early & !ltpInduction & (ca >= ltdMinCalcium) & (ca < halfActivation) & (peak < ltpThreshold);
            double prp = withPrp ? prpOccupancy[i] : 0;
            // ActivityStep's early phase (EarlyPhase's steps, each value computed and the case's one selected: which case
            // a spine is in is random from spine to spine, induction or reversal of early LTD above all)
            ref readonly var a = ref activity[i];
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
            bool full = stays | capture | (expire & induced) | (kind != (int)EarlyPhaseKind.None & !countEarlyPhase);
            // the structural step from the head after ActivityStep, the class boundary moved by the early-phase factor
            head[i] = volume;
            factors[i] = factor;
            eligible[i] = !full;
            ltps[j] = (byte)ltp;
            sinces[j] = since;
            kinds[j] = (byte)kind;
            changes[j] = change;
        }
        // 3: the structural step of all that may step quietly
        var k = new QuietStructure(this, in q);
        int done = vectorized && Vector256.IsHardwareAccelerated && k.VectorsExact
            ? k.StepVectorsFrom(spines, head, factors, eligible, prpOccupancy, words, noise, quiet) : 0;
        for (int i = done; i < n; i++) quiet[i] = eligible[i] && k.Step(ref spines[i], head[i], withPrp ? prpOccupancy[i] : 0, factors[i], words, noise, i);
        // 4: the early phases of the quiet ones among the others (unchanged values when nothing changed: a spine outside an
        // early phase has phase None and factor 1, or it would not be quiet)
        for (int j = 0; j < m; j++)
        {
            int i = listed[j];
            if (!quiet[i]) continue;
            ref var a = ref activity[i];
            ref var sp = ref spines[i];
            int ltp = ltps[j], kind = kinds[j];
            a.Ltp = (LtpPhase)ltp;
            a.LtpSinceH = sinces[j];
            a.EarlyLtpFactor = factors[i];
            sp.Flags = (QuietFlags)((int)(sp.Flags & ~QuietFlags.EarlyPhase) | Unsafe.BitCast<bool, byte>(ltp != (int)LtpPhase.None) * (int)QuietFlags.EarlyPhase);
            counts.LtpInductions += Unsafe.BitCast<bool, byte>(kind == (int)EarlyPhaseKind.LtpInduction);
            counts.LtpReversals += Unsafe.BitCast<bool, byte>(kind == (int)EarlyPhaseKind.LtpReversal);
            counts.LtdInductions += Unsafe.BitCast<bool, byte>(kind == (int)EarlyPhaseKind.LtdInduction);
            counts.LtdReversals += Unsafe.BitCast<bool, byte>(kind == (int)EarlyPhaseKind.LtdReversal);
            volumeChanges[i] = changes[j];
        }
    }

    /// <summary>Per-thread scratch of the quiet step with activity (a dendrite's slots at a time).</summary>
    [ThreadStatic] private static QuietActivityScratch? t_quietActivity;

    private sealed class QuietActivityScratch
    {
        public double[] Head = [], Factor = [], Since = [], Change = [];
        public bool[] Eligible = [];
        public int[] Listed = [];
        public byte[] Ltp = [], Kind = [];

        public void Reserve(int n)
        {
            if (Head.Length >= n) return;
            n = Math.Max(n, 2 * Head.Length);
            (Head, Factor, Since, Change, Eligible, Listed, Ltp, Kind) = (new double[n], new double[n], new double[n], new double[n], new bool[n], new int[n], new byte[n], new byte[n]);
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
