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

/// <summary>One spine's early-phase size change in a quiet step with activity: its kind and the head's volume change.</summary>
public struct EarlyPhaseStep
{
    public EarlyPhaseKind Kind;
    public double VolumeChangeUm3;

    /// <summary>Adds the change to counts as StepSpine with countEarlyPhase does (the same sum, when added in spine order).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void AddTo(ref EarlyPhaseCounts counts)
    {
        if (Kind == EarlyPhaseKind.None) return;
        switch (Kind)
        {
            case EarlyPhaseKind.LtpInduction: counts.LtpInductions++; break;
            case EarlyPhaseKind.LtpReversal: counts.LtpReversals++; break;
            case EarlyPhaseKind.LtdInduction: counts.LtdInductions++; break;
            default: counts.LtdReversals++; break;
        }
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
    /// place of the inputs' (empty: the inputs' PrpOccupancy). q.Possible must hold.
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
        var o = _o;
        double dt = q.StepH, unsilencingX = q.UnsilencingX, silencingX = q.SilencingX, occupancyStep = q.OccupancyStep;
        double stabilisationMultiplier = q.StabilisationMultiplier, persistentMultiplier = q.PersistentMultiplier, transientMultiplier = q.TransientMultiplier;
        var kesten = q.Kesten;
        double meanB = kesten.MeanB, bSd = kesten.BSd, floorUm3 = kesten.FloorUm3;
        double stabilisationMinAgeH = o.StabilisationMinAgeH, stabilisationPerH = _stabilisationPerH, referenceUm3 = o.HazardReferenceVolumeUm3;
        double stabilisationExponent = o.StabilisationVolumeExponent, hazardExponent = -o.HazardVolumeExponent;
        double prpWeight = o.PrpStabilisationWeight, prpReference = o.PrpReferenceOccupancy;
        double youngBound = _youngHazardBound, persistentPerH = _persistentHazardPerH, transientPerH = _transientHazardPerH, maxHazardPerH = o.MaxHazardPerH;
        double mushroomUm3 = o.MushroomMinHeadVolumeUm3;
        double mushroomStays = mushroomUm3 * (1 - o.StageHysteresis), thinBecomesMushroom = mushroomUm3 * (1 + o.StageHysteresis);
        // ActivityStep's constants
        double ltpThreshold = o.CamKiiLtpThreshold, ltdMinCalcium = o.LtdMinCalciumUMS, halfActivation = o.CamKiiHalfActivationCalciumUMS;
        double ltpGain = o.LtpEarlyGain, ltdShrink = o.LtdShrinkFraction, minVolumeUm3 = o.MinHeadVolumeUm3, captureThreshold = o.PrpCaptureThreshold;
        double earlyPhaseH = o.LtpEarlyPhaseH, dopamineThreshold = o.DopamineThreshold, dopamineWindowS = o.DopamineWindowS;
        bool dopamineGated = o.DopamineGated, withPrp = prpOccupancy.Length != 0, camKiiAlwaysOff = q.CamKiiAlwaysOff;
        double t = q.TimeH + dt;
        for (int i = 0; i < n; i++)
        {
            quiet[i] = false;
            ref var sp = ref spines[i];
            var f = sp.Flags;
            if ((f & QuietFlags.NotQuiet) != 0) continue;
            bool silent = (f & QuietFlags.Silent) != 0, persistent = (f & QuietFlags.Persistent) != 0;
            double uSil = U32(words[WordsPerStep * i + 2]);
            // SilencingStep with the cycle off (nothing before it decides silencing)
            if (silent ? uSil < unsilencingX : uSil < silencingX) continue;
            ref readonly var input = ref inputs[i];
            double prp = withPrp ? prpOccupancy[i] : input.PrpOccupancy;
            double volume = sp.HeadVolumeUm3;
            ref var a = ref activity[i];
            // a quiet spine's CaMKII is 0 (NotQuiet otherwise); outside an early phase its factor is 1 and its phase None
            bool early = (f & QuietFlags.EarlyPhase) != 0;
            var ltp = early ? a.Ltp : LtpPhase.None;
            double factor = early ? a.EarlyLtpFactor : 1, since = a.LtpSinceH;
            var kind = EarlyPhaseKind.None;
            double change = 0;
            double ca = input.CalciumUMS;
            if (!(ca <= 0) || ltp != LtpPhase.None)
            {
                // ActivityStep
                double peak = CamKiiSwitch.Pulse(0, ca, o);
                if (!camKiiAlwaysOff && CamKiiSwitch.Relax(peak, dt, o) != 0) continue; // the switch stays on: its level lives in the object
                bool gated = !dopamineGated || (input.Dopamine >= dopamineThreshold && input.DopamineDelayS <= dopamineWindowS);
                if (ltp == LtpPhase.None && peak >= ltpThreshold && gated)
                {
                    double v0 = volume;
                    factor = 1 + ltpGain;
                    volume *= factor;
                    ltp = LtpPhase.Early;
                    since = t;
                    kind = EarlyPhaseKind.LtpInduction;
                    change = volume - v0;
                }
                else if (ltp == LtpPhase.None && ca >= ltdMinCalcium && ca < halfActivation && peak < ltpThreshold)
                {
                    double v0 = volume;
                    volume = Math.Max(minVolumeUm3, v0 * (1 - ltdShrink));
                    factor = volume / v0;
                    ltp = LtpPhase.EarlyLtd;
                    since = t;
                    kind = EarlyPhaseKind.LtdInduction;
                    change = volume - v0;
                }
                if (ltp is LtpPhase.Early or LtpPhase.EarlyLtd)
                {
                    if (prp >= captureThreshold) continue; // consolidation (late LTP stabilises the spine: an event)
                    if (t - since >= earlyPhaseH)
                    {
                        if (kind != EarlyPhaseKind.None) continue; // induced and reversed in one step: two changes, left to the full step
                        double v0 = volume;
                        volume = Math.Max(minVolumeUm3, v0 / factor);
                        kind = ltp == LtpPhase.Early ? EarlyPhaseKind.LtpReversal : EarlyPhaseKind.LtdReversal;
                        factor = 1;
                        ltp = LtpPhase.None;
                        change = volume - v0;
                    }
                }
                if (kind != EarlyPhaseKind.None && !countEarlyPhase) continue; // the change is to be an event
            }
            double age = sp.AgeH + dt;
            // KestenSizeProcess.StepWith
            volume = noise[2 * i] * volume + meanB + bSd * noise[2 * i + 1];
            volume = volume < floorUm3 ? floorUm3 : volume;
            double tm = sp.TurnoverMultiplier;
            // StabilisationStep (StabilisationIntrinsicPerH, PrpStabilisationFactor)
            if (!(persistent || silent || age < stabilisationMinAgeH))
            {
                double prpFactor = prpWeight == 0 ? 1 : 1 - prpWeight + prpWeight * prp / prpReference;
                double intrinsic = stabilisationPerH * PowFast(volume / referenceUm3, stabilisationExponent) * tm * prpFactor;
                double rate = intrinsic * stabilisationMultiplier;
                if (U32(words[WordsPerStep * i + 1]) < rate * dt) continue;
            }
            // elimination (HazardBoundPerH): "no" by the exp-free bound, or left to the full step
            double baseRate = persistent ? persistentPerH : transientPerH;
            double mult = persistent ? persistentMultiplier : transientMultiplier;
            double h = PowFast(volume / referenceUm3, hazardExponent) * youngBound * baseRate * tm;
            if (!(U32(words[WordsPerStep * i]) >= Math.Min(h * mult, maxHazardPerH) * dt)) continue;
            // Classify (no filopodium here), the boundary moved by the early-phase factor
            var before = sp.Stage;
            LifeStage after;
            if (silent && age < 96) after = LifeStage.Nascent;
            else if ((f & QuietFlags.Stubby) != 0) after = LifeStage.Stubby;
            else
            {
                double cut = before == LifeStage.Mushroom ? mushroomStays : before == LifeStage.Thin ? thinBecomesMushroom : mushroomUm3;
                after = volume >= cut * factor ? LifeStage.Mushroom : LifeStage.Thin;
            }
            if (after != before) continue;
            sp.AgeH = age;
            sp.HeadVolumeUm3 = volume;
            sp.OccupancyIntegralH += occupancyStep;
            sp.PrpIntegralH += prp * dt;
            if (kind != EarlyPhaseKind.None)
            {
                a.Ltp = ltp;
                a.LtpSinceH = since;
                a.EarlyLtpFactor = factor;
                sp.Flags = ltp == LtpPhase.None ? f & ~QuietFlags.EarlyPhase : f | QuietFlags.EarlyPhase;
            }
            changes[i] = new EarlyPhaseStep { Kind = kind, VolumeChangeUm3 = change };
            quiet[i] = true;
        }
    }
}
