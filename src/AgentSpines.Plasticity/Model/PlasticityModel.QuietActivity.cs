using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using AgentSpines.Plasticity.Options;
using AgentSpines.Plasticity.State;

namespace AgentSpines.Plasticity.Model;

/// <summary>
/// The fields of a spine that a step with activity reads besides its QuietSpine (a segment keeps them as a second
/// array, 32 bytes a spine, only in runs with activity): the early phase of LTP/LTD (phase, start, factor), which the
/// quiet step with activity moves on, and where the activity found the spine's neck on its response surface (NeckCell,
/// NeckCellFraction: the activity's own cache, 0 until it located the neck from the spine's object; a neck is fixed
/// after birth, so the place is kept until the slot takes another spine; ActivitySpineOf leaves it 0). The neck's length
/// and diameter are not copied here: the episode query reads only its place (48 bytes a spine with them, which every
/// step with activity streams through the cache).
/// </summary>
public struct ActivitySpine
{
    public double LtpSinceH;
    public double EarlyLtpFactor;
    /// <summary>The activity's place of the neck on its surface (0: not located yet); the model never reads it.</summary>
    public double NeckCellFraction;
    public int NeckCell;
    public LtpPhase Ltp;

    /// <summary>The early-phase values into the spine's state (before anything reads it).</summary>
    public readonly void WriteTo(ref SpineState s)
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
    public static ActivitySpine ActivitySpineOf(in SpineState s) => new()
    {
        LtpSinceH = s.LtpSinceH, EarlyLtpFactor = s.EarlyLtpFactor, Ltp = s.Ltp,
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
    /// Four spines at a time (QuietStructure.StepVectorsWithActivity, where 256-bit vectors are accelerated; the last few,
    /// or all with vectorized false, one by one): ActivityStep's decisions as lane masks, each case's values computed and
    /// the case's selected (which case a spine is in is random from spine to spine: branches on it, or a list of the spines
    /// with work, cost more than the work), then the structural step from the head after ActivityStep.
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
        var rule = new QuietActivityRule(_o, in q, dopamine, countEarlyPhase);
        var k = new QuietStructure(this, in q);
        bool withPrp = prpOccupancy.Length != 0;
        int i = vectorized && Vector256.IsHardwareAccelerated && k.VectorsExact
            ? k.StepVectorsWithActivity(in rule, spines[..n], activity, calcium, prpOccupancy, words, noise, quiet, volumeChanges, ref counts) : 0;
        for (; i < n; i++)
            quiet[i] = StepOneWithActivity(in rule, in k, ref spines[i], ref activity[i], calcium[i], withPrp ? prpOccupancy[i] : 0, words, noise, i,
                out volumeChanges[i], ref counts);
    }

    /// <summary>StepQuietWithActivity for spine i alone (its volume change +0 unless it stepped quietly with one).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // the last spines of every dendrite: optimised at once (an activity run's path starts cold)
    internal static bool StepOneWithActivity(in QuietActivityRule c, in QuietStructure k, ref QuietSpine sp, ref ActivitySpine a, double ca, double prp,
        ReadOnlySpan<uint> words, ReadOnlySpan<double> noise, int i, out double volumeChange, ref EarlyPhaseCounts counts)
    {
        volumeChange = 0;
        var f = sp.Flags;
        if ((f & QuietFlags.NotQuiet) != 0) return false; // a filopodium, CaMKII, late LTP: the full step
        // a quiet spine's CaMKII is 0 (NotQuiet otherwise); outside an early phase its factor is 1 and its phase None
        bool early = (f & QuietFlags.EarlyPhase) != 0;
        // ActivityStep does nothing to a spine outside an early phase whose calcium is below NothingBelowUMS (or NaN):
        // the structural step from its own head, the class boundary where it is
        if (!early && !(ca >= c.NothingBelowUMS)) return k.Step(ref sp, sp.HeadVolumeUm3, prp, 1, words, noise, i);
        // StepSpine calls ActivityStep for calcium or an LTP phase (CaMKII is 0 here)
        bool active = !(ca <= 0) | early;
        // CamKiiSwitch.Pulse(0, ca): 0 + (1 - 0) H(ca) = H(ca) when ca > 0 (H >= 0, or NaN), else 0. Below the LTP
        // calcium only "under the threshold" matters, and the CaMKII level is 0 anyway: 0 stands for it
        double peak = !(ca < c.CalciumBelowLtpUMS) && ca > 0 ? CamKiiSwitch.Hill(ca, c.HalfActivationUMS, c.HillN) : 0;
        if (active && !c.CamKiiAlwaysOff && CamKiiSwitch.Relax(peak, c.StepH, c.Options) != 0) return false; // the switch stays on: its level lives in the object
        bool ltpInduction = active & !early & (peak >= c.LtpThreshold) & c.Gated;
        bool ltdInduction = active & !early & !ltpInduction & (ca >= c.LtdMinCalciumUMS) & (ca < c.HalfActivationUMS) & (peak < c.LtpThreshold);
        // ActivityStep's early phase (EarlyPhase's steps)
        bool induced = ltpInduction | ltdInduction;
        double v0 = sp.HeadVolumeUm3;
        double ltdVolume = Math.Max(c.MinHeadVolumeUm3, v0 * c.LtdKeep);
        double volume = ltpInduction ? v0 * c.LtpFactor : ltdInduction ? ltdVolume : v0;
        double factor = early ? a.EarlyLtpFactor : ltpInduction ? c.LtpFactor : ltdInduction ? ltdVolume / v0 : 1;
        double since = induced ? c.EndH : a.LtpSinceH;
        var ltp = early ? a.Ltp : ltpInduction ? LtpPhase.Early : ltdInduction ? LtpPhase.EarlyLtd : LtpPhase.None;
        var kind = ltpInduction ? EarlyPhaseKind.LtpInduction : ltdInduction ? EarlyPhaseKind.LtdInduction : EarlyPhaseKind.None;
        double change = induced ? volume - v0 : 0;
        // consolidation (late LTP stabilises the spine: an event); else the end of the early phase, undone
        bool inPhase = early | induced;
        bool capture = inPhase & (prp >= c.CaptureThreshold);
        bool expire = inPhase & !capture & (c.EndH - since >= c.EarlyPhaseH);
        if (expire)
        {
            double undone = Math.Max(c.MinHeadVolumeUm3, volume / factor);
            kind = ltp == LtpPhase.Early ? EarlyPhaseKind.LtpReversal : EarlyPhaseKind.LtdReversal;
            change = undone - volume;
            (volume, factor, ltp) = (undone, 1, LtpPhase.None);
        }
        // induced and reversed in one step (two changes), captured, or a change that is to be an event: the full step
        if (capture | (expire & induced) | (kind != EarlyPhaseKind.None & !c.CountEarlyPhase)) return false;
        // from the head after ActivityStep, the class boundary moved by the early-phase factor
        if (!k.Step(ref sp, volume, prp, factor, words, noise, i)) return false;
        // the early phase written back (unchanged values when nothing changed)
        (a.Ltp, a.LtpSinceH, a.EarlyLtpFactor) = (ltp, since, factor);
        sp.Flags = ltp != LtpPhase.None ? f | QuietFlags.EarlyPhase : f & ~QuietFlags.EarlyPhase;
        counts.LtpInductions += kind == EarlyPhaseKind.LtpInduction ? 1 : 0;
        counts.LtpReversals += kind == EarlyPhaseKind.LtpReversal ? 1 : 0;
        counts.LtdInductions += kind == EarlyPhaseKind.LtdInduction ? 1 : 0;
        counts.LtdReversals += kind == EarlyPhaseKind.LtdReversal ? 1 : 0;
        volumeChange = change;
        return true;
    }

}

/// <summary>
/// The constants of ActivityStep in one quiet step with activity (options, the step's dopamine gate and times), read
/// once per call so that the loops keep them in registers.
/// </summary>
internal readonly struct QuietActivityRule
{
    public readonly PlasticityOptions Options;
    public readonly double StepH, EndH, NothingBelowUMS, CalciumBelowLtpUMS, HalfActivationUMS, HillN, LtpThreshold, LtdMinCalciumUMS;
    public readonly double LtpFactor, LtdKeep, MinHeadVolumeUm3, CaptureThreshold, EarlyPhaseH;
    public readonly bool Gated, CamKiiAlwaysOff, CountEarlyPhase;

    public QuietActivityRule(PlasticityOptions o, in QuietStep q, double dopamine, bool countEarlyPhase)
    {
        Options = o;
        (StepH, EndH) = (q.StepH, q.TimeH + q.StepH);
        // ActivityStep does nothing to a spine outside an early phase whose calcium is below the LTD window and below the
        // calcium at which the pulse may reach the LTP threshold (CalciumBelowLtpUMS: -infinity when CaMKII may stay on,
        // then every spine goes the long way), or not a number (no induction, and a pulse of 0)
        NothingBelowUMS = double.IsNaN(o.LtdMinCalciumUMS) ? q.CalciumBelowLtpUMS : Math.Min(o.LtdMinCalciumUMS, q.CalciumBelowLtpUMS);
        CalciumBelowLtpUMS = q.CalciumBelowLtpUMS;
        (HalfActivationUMS, HillN, LtpThreshold, LtdMinCalciumUMS) = (o.CamKiiHalfActivationCalciumUMS, o.CamKiiHillN, o.CamKiiLtpThreshold, o.LtdMinCalciumUMS);
        (LtpFactor, LtdKeep, MinHeadVolumeUm3) = (1 + o.LtpEarlyGain, 1 - o.LtdShrinkFraction, o.MinHeadVolumeUm3);
        (CaptureThreshold, EarlyPhaseH) = (o.PrpCaptureThreshold, o.LtpEarlyPhaseH);
        // the dopamine gate: the step's dopamine, which StepSpine's inputs delay by 0
        Gated = !o.DopamineGated || (dopamine >= o.DopamineThreshold && 0 <= o.DopamineWindowS);
        CamKiiAlwaysOff = q.CamKiiAlwaysOff;
        CountEarlyPhase = countEarlyPhase;
    }
}
