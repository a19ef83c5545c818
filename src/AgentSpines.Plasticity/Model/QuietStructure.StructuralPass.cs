using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using AgentSpines.Plasticity.State;

namespace AgentSpines.Plasticity.Model;

/// <summary>
/// The structural pass of the quiet step with activity: StepQuietVectors' loop from the activity pass's heads and factors
/// (QuietStructure.ActivityPass.cs), and the rare lanes the activity pass wrote that do not step quietly put back.
/// </summary>
internal readonly partial struct QuietStructure
{
    /// <summary>
    /// The structural step of the groups of four of spines (a multiple of four) from groups[g]'s heads and factors, in the
    /// lanes it allows: the quiet ones move on and quiet[i] is true; a lane the activity pass wrote that is not quiet gets
    /// its early phase, flag, counts and volume change (+0) back, so that it is as it was before both passes.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void StructuralPass(in QuietActivityRule c, Span<QuietSpine> spines, Span<ActivitySpine> activity, ReadOnlySpan<double> calcium,
        ReadOnlySpan<double> prpOccupancy, ReadOnlySpan<uint> words, ReadOnlySpan<double> noise, Span<bool> quiet, Span<double> volumeChanges,
        ReadOnlySpan<ActivityGroup> groups, ref EarlyPhaseCounts counts)
    {
        const int w = PlasticityModel.WordsPerStep;
        int n = spines.Length;
        if ((n & 3) != 0 || activity.Length < n || calcium.Length < n || words.Length < w * n || noise.Length < 2 * n || quiet.Length < n || volumeChanges.Length < n
            || groups.Length < n / 4 || (prpOccupancy.Length != 0 && prpOccupancy.Length < n))
            throw new ArgumentException($"spans shorter than the {n} spines");
        bool withPrp = prpOccupancy.Length != 0;
        var k = new StructuralVectors(this);
        for (int i = 0; i < n; i += 4)
        {
            ref readonly var g = ref groups[i >> 2];
            int eligible = g.Eligible;
            if (eligible == 0)
            {
                quiet.Slice(i, 4).Clear();
                continue;
            }
            if (eligible == ScalarGroup)
            {
                ScalarSteps(in c, spines, activity, calcium, prpOccupancy, words, noise, quiet, volumeChanges, i, ref counts);
                continue;
            }
            ref var s0 = ref spines[i];
            ref var s1 = ref spines[i + 1];
            ref var s2 = ref spines[i + 2];
            ref var s3 = ref spines[i + 3];
            var flags = Vector256.Create((long)s0.Flags, (long)s1.Flags, (long)s2.Flags, (long)s3.Flags);
            var stage = Vector256.Create((long)s0.Stage, (long)s1.Stage, (long)s2.Stage, (long)s3.Stage);
            var age0 = Vector256.Create(s0.AgeH, s1.AgeH, s2.AgeH, s3.AgeH);
            var head = Vector256.Create(s0.HeadVolumeUm3, s1.HeadVolumeUm3, s2.HeadVolumeUm3, s3.HeadVolumeUm3);
            var tm = Vector256.Create(s0.TurnoverMultiplier, s1.TurnoverMultiplier, s2.TurnoverMultiplier, s3.TurnoverMultiplier);
            var prp = withPrp ? Vector256.Create(prpOccupancy.Slice(i, 4)) : Vector256<double>.Zero;
            // the structural step from the head after ActivityStep, the class boundary moved by the early-phase factor
            var quietLanes = StructuralQuietLanes(k, flags, stage, age0, g.From, tm, g.Factor, prp, words, noise, i, out var age, out var size);
            int bits = (int)quietLanes.ExtractMostSignificantBits() & eligible;
            quiet[i] = (bits & 1) != 0;
            quiet[i + 1] = (bits & 2) != 0;
            quiet[i + 2] = (bits & 4) != 0;
            quiet[i + 3] = (bits & 8) != 0;
            int undo = g.Written & ~bits;
            if (undo != 0) PutBack(in g, undo, spines.Slice(i, 4), activity.Slice(i, 4), volumeChanges.Slice(i, 4), ref counts);
            if (bits == 0) continue;
            MoveQuietLanesOn(k, bits, ref s0, ref s1, ref s2, ref s3, age, age0, size, head, prp);
        }
    }

    /// <summary>Spines i..i+3 by StepOneWithActivity (the activity pass left them: a pulse it does not compute in lanes).</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private void ScalarSteps(in QuietActivityRule c, Span<QuietSpine> spines, Span<ActivitySpine> activity, ReadOnlySpan<double> calcium,
        ReadOnlySpan<double> prpOccupancy, ReadOnlySpan<uint> words, ReadOnlySpan<double> noise, Span<bool> quiet, Span<double> volumeChanges, int i,
        ref EarlyPhaseCounts counts)
    {
        for (int j = i; j < i + 4; j++)
            quiet[j] = PlasticityModel.StepOneWithActivity(in c, in this, ref spines[j], ref activity[j], calcium[j], prpOccupancy.Length != 0 ? prpOccupancy[j] : 0,
                words, noise, j, out volumeChanges[j], ref counts);
    }

    /// <summary>The lanes of undo (written by the activity pass, not quiet) as they were: early phase, EarlyPhase flag, counts, volume change +0.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)] // about one group in thirty
    private static void PutBack(in ActivityGroup g, int undo, Span<QuietSpine> spines, Span<ActivitySpine> activity, Span<double> volumeChanges,
        ref EarlyPhaseCounts counts)
    {
        for (int l = 0; l < 4; l++)
        {
            if ((undo & (1 << l)) == 0) continue;
            ref var a = ref activity[l];
            (a.Ltp, a.LtpSinceH, a.EarlyLtpFactor) = ((LtpPhase)(byte)g.OldPhase.GetElement(l), g.OldSince.GetElement(l), g.OldFactor.GetElement(l));
            var f = spines[l].Flags & ~QuietFlags.EarlyPhase;
            spines[l].Flags = (g.OldEarly & (1 << l)) != 0 ? f | QuietFlags.EarlyPhase : f;
            volumeChanges[l] = 0;
            switch ((EarlyPhaseKind)(byte)g.Kind.GetElement(l))
            {
                case EarlyPhaseKind.LtpInduction: counts.LtpInductions--; break;
                case EarlyPhaseKind.LtpReversal: counts.LtpReversals--; break;
                case EarlyPhaseKind.LtdInduction: counts.LtdInductions--; break;
                case EarlyPhaseKind.LtdReversal: counts.LtdReversals--; break;
            }
        }
    }
}
