using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using AgentSpines.Plasticity.State;

namespace AgentSpines.Plasticity.Model;

/// <summary>
/// The quiet step with activity four spines at once: ActivityStep's decisions and early phase lane by lane (masks instead
/// of branches: which case a spine is in is random from spine to spine), then StepQuietVectors' structural step from the
/// head after ActivityStep with the class boundary moved by the early-phase factor, then the early phases and counts of
/// the quiet lanes. Every quantity is PlasticityModel.StepOneWithActivity's operations in its order (additions, products,
/// divisions correctly rounded in a lane as in a scalar, no fused multiply-add; the maxima as selects, which equal
/// Math.Max when the first operand, the minimum head volume, is a positive number), so the bits are StepSpine's
/// (QuietStepTests compares both paths with the full step).
/// </summary>
internal readonly partial struct QuietStructure
{
    /// <summary>
    /// StepQuietWithActivity for the spines of whole groups of four from the first: the quiet ones move on (with their
    /// early phase, their counts added to counts, their volume change in volumeChanges[i]) and quiet[i] is true, the
    /// others are left as they were (volume change +0); returns how many spines it took (the rest, fewer than four, are
    /// the scalar step's). Needs VectorsExact. prpOccupancy: empty when all are 0. In runs of GroupsPerRun groups, each
    /// by the activity pass and then the structural pass (two loops with fewer live vectors than one: docs/electrodiffusion.md, twelfth pass).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int StepVectorsWithActivity(in QuietActivityRule c, Span<QuietSpine> spines, Span<ActivitySpine> activity, ReadOnlySpan<double> calcium,
        ReadOnlySpan<double> prpOccupancy, ReadOnlySpan<uint> words, ReadOnlySpan<double> noise, Span<bool> quiet, Span<double> volumeChanges,
        ref EarlyPhaseCounts counts)
    {
        const int w = PlasticityModel.WordsPerStep;
        int n = spines.Length & ~3;
        if (activity.Length < n || calcium.Length < n || words.Length < w * n || noise.Length < 2 * n || quiet.Length < n || volumeChanges.Length < n
            || (prpOccupancy.Length != 0 && prpOccupancy.Length < n))
            throw new ArgumentException($"spans shorter than the {n} spines");
        bool withPrp = prpOccupancy.Length != 0;
        var groups = t_groups ??= new ActivityGroup[GroupsPerRun];
        for (int i = 0; i < n; i += 4 * GroupsPerRun)
        {
            int m = Math.Min(4 * GroupsPerRun, n - i);
            var prp = withPrp ? prpOccupancy.Slice(i, m) : default;
            ActivityPass(in c, spines.Slice(i, m), activity.Slice(i, m), calcium.Slice(i, m), prp, volumeChanges.Slice(i, m), groups, ref counts);
            StructuralPass(in c, spines.Slice(i, m), activity.Slice(i, m), calcium.Slice(i, m), prp, words.Slice(w * i, w * m), noise.Slice(2 * i, 2 * m), quiet.Slice(i, m),
                volumeChanges.Slice(i, m), groups, ref counts);
        }
        return n;
    }

    /// <summary>Groups of four per run of the two passes: a dendrite's slots (about 120) in one or two runs, the scratch (200 bytes a group) in the first-level cache.</summary>
    private const int GroupsPerRun = 32;

    /// <summary>The two passes' scratch, one per thread (a step's dendrites are stepped one after another on a thread).</summary>
    [ThreadStatic] private static ActivityGroup[]? t_groups;

    /// <summary>
    /// A lane's early phase written back (its values unchanged unless written), its EarlyPhase flag set to inPhase when
    /// written (bits: the lane's bit of each; without a branch, as which lanes are written is random).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void WriteEarly(ref ActivitySpine a, ref QuietSpine sp, double ltp, double since, double factor, int written, int inPhase)
    {
        (a.Ltp, a.LtpSinceH, a.EarlyLtpFactor) = ((LtpPhase)(byte)ltp, since, factor);
        int keep = -Unsafe.BitCast<bool, byte>(written == 0) | ~(int)QuietFlags.EarlyPhase; // all bits, or all but EarlyPhase
        sp.Flags = (QuietFlags)(((int)sp.Flags & keep) | (Unsafe.BitCast<bool, byte>(inPhase != 0) * (int)QuietFlags.EarlyPhase));
    }

    /// <summary>
    /// ConditionalSelect(mask, a, b) for a mask whose lanes are all ones or all zeros (comparisons, their ands and ors), as
    /// one blend: the JIT made such a select of a combined mask three instructions (and, and-not, or; six micro-operations
    /// on a processor that splits 256-bit operations), a blend takes one. The same lanes, bit for bit.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Blend(Vector256<double> mask, Vector256<double> a, Vector256<double> b)
        => Avx.IsSupported ? Avx.BlendVariable(b, a, mask) : Vector256.ConditionalSelect(mask, a, b);

    /// <summary>Math.Max(a, b) lane by lane for a positive number a (then equal to a select, NaN in b included).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Max(Vector256<double> a, Vector256<double> b) => Vector256.ConditionalSelect(Vector256.LessThan(b, a), a, b);

    /// <summary>The pulse H(ca) of the lanes in bits where ca &gt; 0 (CamKiiSwitch.Hill, scalar: a rare case), 0 elsewhere.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Vector256<double> Pulses(Vector256<double> ca, int bits, double half, double hillN)
    {
        Span<double> p = stackalloc double[4];
        for (int l = 0; l < 4; l++)
        {
            double x = ca.GetElement(l);
            p[l] = (bits & (1 << l)) != 0 && x > 0 ? CamKiiSwitch.Hill(x, half, hillN) : 0;
        }
        return Vector256.Create((ReadOnlySpan<double>)p);
    }

    /// <summary>Whether the switch stays on after the step in the active lanes of bits (CamKiiSwitch.Relax of the pulse: only when CaMKII may stay on).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Vector256<double> StaysOn(Vector256<double> peak, Vector256<double> active, int bits, in QuietActivityRule c)
    {
        Span<long> s = stackalloc long[4];
        int activeBits = (int)active.ExtractMostSignificantBits() & bits;
        for (int l = 0; l < 4; l++) s[l] = (activeBits & (1 << l)) != 0 && CamKiiSwitch.Relax(peak.GetElement(l), c.StepH, c.Options) != 0 ? -1L : 0;
        return Vector256.Create((ReadOnlySpan<long>)s).AsDouble();
    }
}
