using System.Runtime.CompilerServices;
using AgentSpines.Plasticity.State;

namespace AgentSpines.Plasticity.Model;

public sealed partial class PlasticityModel
{
    /// <summary>
    /// Activity-dependent plasticity: the calcium proxy drives the CaMKII switch; its peak in the step above threshold ->
    /// early LTP (head x (1 + gain), undone after the early phase unless PRPs are captured, which consolidates it and
    /// stabilises the spine: late LTP). Calcium in the LTD range without switching -> early LTD (head x (1 - shrink)),
    /// likewise undone after the early phase unless PRPs are captured (late LTD needs protein synthesis too: Sajikumar
    /// and Frey 2004). So ongoing activity without plasticity-related proteins leaves sizes, and density, where they were.
    /// In D1-gated neurons enlargement needs dopamine within the gating window. Nothing happens when inputs are zero.
    /// </summary>
    /// Early-phase size changes are events, or only counted in <paramref name="counts"/> when <paramref name="count"/>.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // only runs with activity call it: optimised at once (the full step is warm from other runs' code)
    private void ActivityStep(ref SpineState s, in StepEnvironment env, in SpineInputs inputs, double t, IList<StructuralEvent> events,
        ref EarlyPhaseCounts counts, bool count)
    {
        double ca = inputs.CalciumUMS;
        if (ca <= 0 && s.CamKii == 0 && s.Ltp == LtpPhase.None) return;
        double peak = CamKiiSwitch.Pulse(s.CamKii, ca, _o);
        s.CamKii = CamKiiSwitch.Relax(peak, env.StepH, _o);
        bool gated = !_o.DopamineGated || (inputs.Dopamine >= _o.DopamineThreshold && inputs.DopamineDelayS <= _o.DopamineWindowS);

        if (s.Ltp == LtpPhase.None && peak >= _o.CamKiiLtpThreshold && gated)
        {
            double v0 = s.HeadVolumeUm3;
            s.EarlyLtpFactor = 1 + _o.LtpEarlyGain;
            s.HeadVolumeUm3 *= s.EarlyLtpFactor;
            s.Ltp = LtpPhase.Early;
            s.LtpSinceH = t;
            EarlyPhaseChange(s, t, v0, StructuralEvent.Enlarged, StructuralEvent.Ltp, events, ref counts.LtpInductions, ref counts.VolumeChangeUm3, count);
        }
        else if (s.Ltp == LtpPhase.None && ca >= _o.LtdMinCalciumUMS && ca < _o.CamKiiHalfActivationCalciumUMS && peak < _o.CamKiiLtpThreshold)
        {
            double v0 = s.HeadVolumeUm3;
            s.HeadVolumeUm3 = Math.Max(_o.MinHeadVolumeUm3, v0 * (1 - _o.LtdShrinkFraction));
            s.EarlyLtpFactor = s.HeadVolumeUm3 / v0;
            s.Ltp = LtpPhase.EarlyLtd;
            s.LtpSinceH = t;
            EarlyPhaseChange(s, t, v0, StructuralEvent.Shrunk, StructuralEvent.Ltd, events, ref counts.LtdInductions, ref counts.VolumeChangeUm3, count);
        }

        if (s.Ltp is LtpPhase.Early or LtpPhase.EarlyLtd)
        {
            bool potentiation = s.Ltp == LtpPhase.Early;
            if (inputs.PrpOccupancy >= _o.PrpCaptureThreshold)
            {
                s.Ltp = potentiation ? LtpPhase.Late : LtpPhase.None; // protein-synthesis dependent phase: consolidated
                s.EarlyLtpFactor = 1;
                if (potentiation && !s.Persistent)
                {
                    s.Persistent = true;
                    events.Add(new StructuralEvent(t, s.Id, s.SegmentId, StructuralEvent.Stabilised, s.Stage, s.Stage, s.HeadVolumeUm3, s.HeadVolumeUm3,
                        s.NeckLengthUm, s.NeckDiameterUm, s.PositionUm, StructuralEvent.Ltp));
                }
            }
            else if (t - s.LtpSinceH >= _o.LtpEarlyPhaseH)
            {
                double v0 = s.HeadVolumeUm3;
                s.HeadVolumeUm3 = Math.Max(_o.MinHeadVolumeUm3, v0 / s.EarlyLtpFactor);
                s.EarlyLtpFactor = 1;
                s.Ltp = LtpPhase.None;
                if (potentiation)
                    EarlyPhaseChange(s, t, v0, StructuralEvent.Shrunk, StructuralEvent.Ltp, events, ref counts.LtpReversals, ref counts.VolumeChangeUm3, count);
                else
                    EarlyPhaseChange(s, t, v0, StructuralEvent.Enlarged, StructuralEvent.Ltd, events, ref counts.LtdReversals, ref counts.VolumeChangeUm3, count);
            }
        }
        else if (s.Ltp == LtpPhase.Late && s.CamKii < _o.CamKiiLtpThreshold * 0.5)
        {
            s.Ltp = LtpPhase.None; // the switch has reset; the enlargement stays, carried by the Kesten process
        }
    }

    /// <summary>An early-phase size change (head from v0 to its current volume): an event, or counted when count.</summary>
    private static void EarlyPhaseChange(in SpineState s, double t, double v0, string kind, string cause, IList<StructuralEvent> events,
        ref int counter, ref double volumeChangeUm3, bool count)
    {
        if (count)
        {
            counter++;
            volumeChangeUm3 += s.HeadVolumeUm3 - v0;
        }
        else
            events.Add(new StructuralEvent(t, s.Id, s.SegmentId, kind, s.Stage, s.Stage, v0, s.HeadVolumeUm3, s.NeckLengthUm, s.NeckDiameterUm, s.PositionUm, cause));
    }
}
