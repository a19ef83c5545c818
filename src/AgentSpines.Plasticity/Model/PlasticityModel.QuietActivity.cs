using System.Runtime.CompilerServices;
using AgentSpines.Plasticity.State;

namespace AgentSpines.Plasticity.Model;

/// <summary>
/// The fields of a spine that a step with activity reads besides its QuietSpine (a segment keeps them as a second
/// array, 40 bytes a spine, only in runs with activity): the early phase of LTP/LTD (phase, start, factor), which the
/// quiet step with activity moves on, and the neck (fixed after birth), which the episode query reads.
/// </summary>
public struct ActivitySpine
{
    public double LtpSinceH;
    public double EarlyLtpFactor;
    public double NeckLengthUm;
    public double NeckDiameterUm;
    public LtpPhase Ltp;

    /// <summary>The early-phase values into the spine's state object (before anything reads it).</summary>
    public readonly void WriteTo(SpineState s)
    {
        s.Ltp = Ltp;
        s.LtpSinceH = LtpSinceH;
        s.EarlyLtpFactor = EarlyLtpFactor;
    }
}

/// <summary>What a quiet step with activity did to a spine's early phase (counted into the episodes row in spine order).</summary>
public enum EarlyPhaseKind : byte { None, LtpInduction, LtpReversal, LtdInduction, LtdReversal }

/// <summary>
/// One spine's early-phase step in a quiet step with activity: its early-phase size change (kind, head volume change),
/// which the caller adds to the step's counts in spine order, and the step's working values between the two passes
/// of StepQuietWithActivity.
/// </summary>
public struct EarlyPhaseStep
{
    public double VolumeChangeUm3;
    /// <summary>The head after ActivityStep, before the size process; the early-phase factor and the phase's start after it.</summary>
    internal double VolumeUm3, Factor, SinceH;
    /// <summary>The spine's PRP occupancy this step (read once, by the first pass).</summary>
    internal double PrpOccupancy;
    public EarlyPhaseKind Kind;
    internal LtpPhase Ltp;
    /// <summary>The spine takes the full step (decided by the first pass).</summary>
    internal bool Full;

    /// <summary>
    /// Adds the change to counts as StepSpine with countEarlyPhase does (the same sum, when added in spine order), without
    /// a branch on whether there was one (a quarter of the spines have one, at random): without one the volume change is
    /// +0, and adding +0 to the sum changes no bit (a sum that starts at +0 is never -0 in round-to-nearest).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void AddTo(ref EarlyPhaseCounts counts)
    {
        var k = Kind;
        counts.LtpInductions += Unsafe.BitCast<bool, byte>(k == EarlyPhaseKind.LtpInduction);
        counts.LtpReversals += Unsafe.BitCast<bool, byte>(k == EarlyPhaseKind.LtpReversal);
        counts.LtdInductions += Unsafe.BitCast<bool, byte>(k == EarlyPhaseKind.LtdInduction);
        counts.LtdReversals += Unsafe.BitCast<bool, byte>(k == EarlyPhaseKind.LtdReversal);
        counts.VolumeChangeUm3 += VolumeChangeUm3;
    }
}

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
    /// would move them (ActivityStep's early LTP/LTD induction and reversal included), quiet[i] is true and changes[i]
    /// holds its early-phase size change, which the caller adds to the step's counts in spine order (so the sum of the
    /// volume changes is the full step's, bit for bit). Otherwise quiet[i] is false and nothing changed: the caller takes
    /// the full StepSpine with the same words, noise and inputs. Every quantity is computed with StepSpine's operations
    /// in its order (QuietStepTests). inputs: each spine's activity inputs; prpOccupancy: each spine's PRP occupancy, in
    /// place of the inputs' (empty: the inputs' PrpOccupancy); changes: also the scratch between the two passes (the
    /// activity, then the structural step: one loop of both kept too many values live for the processor's registers).
    /// q.Possible must hold.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void StepQuietWithActivity(in QuietStep q, Span<QuietSpine> spines, Span<ActivitySpine> activity, ReadOnlySpan<SpineInputs> inputs,
        ReadOnlySpan<double> prpOccupancy, ReadOnlySpan<uint> words, ReadOnlySpan<double> noise, bool countEarlyPhase, Span<bool> quiet,
        Span<EarlyPhaseStep> changes)
    {
        int n = spines.Length;
        if (!q.Possible) throw new InvalidOperationException("the quiet step is not possible under this environment");
        if (activity.Length < n || inputs.Length < n || (prpOccupancy.Length != 0 && prpOccupancy.Length < n) || words.Length < WordsPerStep * n
            || noise.Length < 2 * n || quiet.Length < n || changes.Length < n)
            throw new ArgumentException($"spans shorter than the {n} spines");
        QuietActivity(in q, spines, activity, inputs, prpOccupancy, countEarlyPhase, changes[..n]);
        QuietStructure(in q, spines, activity, words, noise, quiet, changes[..n]);
    }

    /// <summary>
    /// The first pass: ActivityStep of every spine that may step quietly, on copies in changes[i] (Full when the spine
    /// must take the full step). Its decisions are made without branches (&amp; on bools, the pulse selected by a mask):
    /// which of them comes out is random from spine to spine, and a branch on each was mispredicted about every other one.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void QuietActivity(in QuietStep q, ReadOnlySpan<QuietSpine> spines, ReadOnlySpan<ActivitySpine> activity, ReadOnlySpan<SpineInputs> inputs,
        ReadOnlySpan<double> prpOccupancy, bool countEarlyPhase, Span<EarlyPhaseStep> changes)
    {
        var o = _o;
        double dt = q.StepH, t = q.TimeH + q.StepH;
        double hillN = o.CamKiiHillN, ltpThreshold = o.CamKiiLtpThreshold, ltdMinCalcium = o.LtdMinCalciumUMS, halfActivation = o.CamKiiHalfActivationCalciumUMS;
        double dopamineThreshold = o.DopamineThreshold, dopamineWindowS = o.DopamineWindowS;
        bool notGated = !o.DopamineGated, withPrp = prpOccupancy.Length != 0, camKiiAlwaysOff = q.CamKiiAlwaysOff;
        double calciumBelowLtp = q.CalciumBelowLtpUMS;
        int n = changes.Length, m = 0;
        // the spines with early-phase work (an induction, or an early phase), listed without a branch and done after the loop
        Span<int> listed = n <= 256 ? stackalloc int[n] : new int[n];
        Span<bool> ltpListed = n <= 256 ? stackalloc bool[n] : new bool[n];
        for (int i = 0; i < n; i++)
        {
            ref var c = ref changes[i];
            ref readonly var sp = ref spines[i];
            var f = sp.Flags;
            c.Kind = EarlyPhaseKind.None;
            c.VolumeChangeUm3 = 0;
            c.VolumeUm3 = sp.HeadVolumeUm3;
            c.Factor = 1;
            double prp = withPrp ? prpOccupancy[i] : inputs[i].PrpOccupancy;
            c.PrpOccupancy = prp;
            // a quiet spine's CaMKII is 0 (NotQuiet otherwise); outside an early phase its factor is 1 and its phase None
            bool early = (f & QuietFlags.EarlyPhase) != 0;
            ref readonly var input = ref inputs[i];
            double ca = input.CalciumUMS;
            // StepSpine calls ActivityStep for calcium or an LTP phase (CaMKII is 0 here)
            bool active = !(ca <= 0) | early;
            // CamKiiSwitch.Pulse(0, ca): 0 + (1 - 0) H(ca) = H(ca) when ca > 0 (H >= 0, or NaN), else 0. Below the LTP
            // calcium (nearly every spine) only "under the threshold" matters, and the CaMKII level is 0 anyway: 0 stands
            // for it, without Hill's two divisions
            double peak = 0;
            if (!(ca < calciumBelowLtp))
            {
                double hill = CamKiiSwitch.Hill(ca, halfActivation, hillN);
                peak = BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(hill) & -(long)Unsafe.BitCast<bool, byte>(ca > 0));
            }
            bool full = (f & QuietFlags.NotQuiet) != 0;
            if (active & !camKiiAlwaysOff && CamKiiSwitch.Relax(peak, dt, o) != 0) full = true; // the switch stays on: its level lives in the object
            c.Full = full;
            bool gated = notGated | ((input.Dopamine >= dopamineThreshold) & (input.DopamineDelayS <= dopamineWindowS));
            bool ltpInduction = active & !early & (peak >= ltpThreshold) & gated;
            bool ltdInduction = active & !early & !ltpInduction & (ca >= ltdMinCalcium) & (ca < halfActivation) & (peak < ltpThreshold);
            listed[m] = i;
            ltpListed[m] = ltpInduction;
            m += Unsafe.BitCast<bool, byte>((ltpInduction | ltdInduction | early) & !full); // (c ? 1 : 0) was compiled to a branch
        }
        for (int j = 0; j < m; j++)
        {
            int i = listed[j];
            ref var c = ref changes[i];
            EarlyPhase(ref c, in activity[i], (spines[i].Flags & QuietFlags.EarlyPhase) != 0, ltpListed[j], t, c.PrpOccupancy, countEarlyPhase);
        }
    }

    /// <summary>ActivityStep's early-phase part for one spine (an induction, or a spine in its early phase), on c's copies.</summary>
    private void EarlyPhase(ref EarlyPhaseStep c, in ActivitySpine a, bool early, bool ltpInduction, double t, double prp, bool countEarlyPhase)
    {
        var o = _o;
        var ltp = early ? a.Ltp : LtpPhase.None;
        double since = a.LtpSinceH, volume = c.VolumeUm3, factor = early ? a.EarlyLtpFactor : 1, change = 0;
        var kind = EarlyPhaseKind.None;
        if (!early)
        {
            double v0 = volume;
            if (ltpInduction)
            {
                factor = 1 + o.LtpEarlyGain;
                volume *= factor;
                ltp = LtpPhase.Early;
                kind = EarlyPhaseKind.LtpInduction;
            }
            else
            {
                volume = Math.Max(o.MinHeadVolumeUm3, v0 * (1 - o.LtdShrinkFraction));
                factor = volume / v0;
                ltp = LtpPhase.EarlyLtd;
                kind = EarlyPhaseKind.LtdInduction;
            }
            since = t;
            change = volume - v0;
        }
        // ltp is Early or EarlyLtd here
        if (prp >= o.PrpCaptureThreshold) c.Full = true; // consolidation (late LTP stabilises the spine: an event)
        else if (t - since >= o.LtpEarlyPhaseH)
        {
            if (kind != EarlyPhaseKind.None) c.Full = true; // induced and reversed in one step: two changes, left to the full step
            double v0 = volume;
            volume = Math.Max(o.MinHeadVolumeUm3, v0 / factor);
            kind = ltp == LtpPhase.Early ? EarlyPhaseKind.LtpReversal : EarlyPhaseKind.LtdReversal;
            factor = 1;
            ltp = LtpPhase.None;
            change = volume - v0;
        }
        if (kind != EarlyPhaseKind.None && !countEarlyPhase) c.Full = true; // the change is to be an event
        c.VolumeUm3 = volume;
        c.Factor = factor;
        c.SinceH = since;
        c.Ltp = ltp;
        c.Kind = kind;
        c.VolumeChangeUm3 = change;
    }

    /// <summary>
    /// The second pass: the rest of StepSpine (StepQuiet's checks) from each spine's head after ActivityStep; the spines
    /// to which nothing happens are moved on, their early phases with them.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void QuietStructure(in QuietStep q, Span<QuietSpine> spines, Span<ActivitySpine> activity, ReadOnlySpan<uint> words, ReadOnlySpan<double> noise,
        Span<bool> quiet, Span<EarlyPhaseStep> changes)
    {
        var k = new QuietStructure(this, in q);
        for (int i = 0; i < changes.Length; i++)
        {
            quiet[i] = false;
            ref var c = ref changes[i];
            if (c.Full) continue;
            ref var sp = ref spines[i];
            var f = sp.Flags;
            // from the head after ActivityStep, the class boundary moved by the early-phase factor
            if (!k.Step(ref sp, c.VolumeUm3, c.PrpOccupancy, c.Factor, words, noise, i)) continue;
            if (c.Kind != EarlyPhaseKind.None)
            {
                ref var a = ref activity[i];
                a.Ltp = c.Ltp;
                a.LtpSinceH = c.SinceH;
                a.EarlyLtpFactor = c.Factor;
                sp.Flags = c.Ltp == LtpPhase.None ? f & ~QuietFlags.EarlyPhase : f | QuietFlags.EarlyPhase;
            }
            quiet[i] = true;
        }
    }
}
