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

/// <summary>One spine's early-phase step in a quiet step with activity (EarlyPhase's working values, on copies).</summary>
internal struct EarlyPhaseStep
{
    public double VolumeChangeUm3;
    /// <summary>The head after ActivityStep, before the size process; the early-phase factor and the phase's start after it.</summary>
    public double VolumeUm3, Factor, SinceH;
    public EarlyPhaseKind Kind;
    public LtpPhase Ltp;
    /// <summary>The spine takes the full step.</summary>
    public bool Full;

    /// <summary>The change's count into counts (its volume change goes into the caller's sum in spine order).</summary>
    public readonly void CountInto(ref EarlyPhaseCounts counts)
    {
        switch (Kind)
        {
            case EarlyPhaseKind.LtpInduction: counts.LtpInductions++; break;
            case EarlyPhaseKind.LtpReversal: counts.LtpReversals++; break;
            case EarlyPhaseKind.LtdInduction: counts.LtdInductions++; break;
            case EarlyPhaseKind.LtdReversal: counts.LtdReversals++; break;
        }
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
    /// would move them (ActivityStep's early LTP/LTD induction and reversal included), quiet[i] is true, the counts of its
    /// early-phase change are added to counts and volumeChanges[i] holds its head volume change (+0 without one), which
    /// the caller adds to counts.VolumeChangeUm3 in spine order (so that the sum is the full step's, bit for bit).
    /// Otherwise quiet[i] is false and nothing changed: the caller takes the full StepSpine with the same words, noise and
    /// inputs. Every quantity is computed with StepSpine's operations in its order (QuietStepTests). inputs: each spine's
    /// activity inputs; prpOccupancy: each spine's PRP occupancy, in place of the inputs' (empty: the inputs'
    /// PrpOccupancy). q.Possible must hold.
    /// </summary>
    /// <remarks>
    /// One pass over the spines decides ActivityStep without branches (&amp; on bools, the pulse selected by a mask:
    /// which decision comes out is random from spine to spine, and a branch on each was mispredicted about every other
    /// one) and steps the spines without early-phase work at once; those with an induction or in an early phase (listed
    /// on the way) follow in a second, short loop.
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
        var k = new QuietStructure(this, in q);
        double dt = q.StepH, t = q.TimeH + q.StepH;
        double hillN = o.CamKiiHillN, ltpThreshold = o.CamKiiLtpThreshold, ltdMinCalcium = o.LtdMinCalciumUMS, halfActivation = o.CamKiiHalfActivationCalciumUMS;
        double dopamineThreshold = o.DopamineThreshold, dopamineWindowS = o.DopamineWindowS;
        bool notGated = !o.DopamineGated, withPrp = prpOccupancy.Length != 0, camKiiAlwaysOff = q.CamKiiAlwaysOff;
        double calciumBelowLtp = q.CalciumBelowLtpUMS;
        int m = 0;
        // the spines with early-phase work (an induction, or an early phase), listed without a branch and done after the loop
        Span<int> listed = n <= 512 ? stackalloc int[n] : new int[n];
        Span<bool> ltpListed = n <= 512 ? stackalloc bool[n] : new bool[n];
        for (int i = 0; i < n; i++)
        {
            ref var sp = ref spines[i];
            var f = sp.Flags;
            quiet[i] = false;
            volumeChanges[i] = 0;
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
            bool gated = notGated | ((input.Dopamine >= dopamineThreshold) & (input.DopamineDelayS <= dopamineWindowS));
            bool ltpInduction = active & !early & (peak >= ltpThreshold) & gated;
            bool ltdInduction = active & !early & !ltpInduction & (ca >= ltdMinCalcium) & (ca < halfActivation) & (peak < ltpThreshold);
            bool work = ltpInduction | ltdInduction | early;
            listed[m] = i;
            ltpListed[m] = ltpInduction;
            m += Unsafe.BitCast<bool, byte>(work & !full); // (c ? 1 : 0) was compiled to a branch
            if (full | work) continue;
            // no early-phase work: the structural step from the spine's own head, the class boundary where it is
            quiet[i] = k.Step(ref sp, sp.HeadVolumeUm3, withPrp ? prpOccupancy[i] : input.PrpOccupancy, 1, words, noise, i);
        }
        for (int j = 0; j < m; j++)
        {
            int i = listed[j];
            ref var sp = ref spines[i];
            var f = sp.Flags;
            double prp = withPrp ? prpOccupancy[i] : inputs[i].PrpOccupancy;
            var c = new EarlyPhaseStep { VolumeUm3 = sp.HeadVolumeUm3 };
            ref var a = ref activity[i];
            EarlyPhase(ref c, in a, (f & QuietFlags.EarlyPhase) != 0, ltpListed[j], t, prp, countEarlyPhase);
            if (c.Full) continue;
            // from the head after ActivityStep, the class boundary moved by the early-phase factor
            if (!k.Step(ref sp, c.VolumeUm3, prp, c.Factor, words, noise, i)) continue;
            if (c.Kind != EarlyPhaseKind.None)
            {
                a.Ltp = c.Ltp;
                a.LtpSinceH = c.SinceH;
                a.EarlyLtpFactor = c.Factor;
                sp.Flags = c.Ltp == LtpPhase.None ? f & ~QuietFlags.EarlyPhase : f | QuietFlags.EarlyPhase;
                c.CountInto(ref counts);
                volumeChanges[i] = c.VolumeChangeUm3;
            }
            quiet[i] = true;
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
}
