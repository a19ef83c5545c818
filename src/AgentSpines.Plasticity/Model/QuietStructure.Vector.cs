using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using AgentSpines.Plasticity.State;

namespace AgentSpines.Plasticity.Model;

/// <summary>
/// The quiet step of four spines at once (StepQuiet's loop): Step's quantities for four lanes with 256-bit vectors and
/// its decisions as masks instead of branches (the scalar loop lost most of its time to mispredicted branches on each
/// spine's class and flags). Every quantity is Step's operations in Step's order: additions, products, divisions and
/// square roots are correctly rounded in a lane as in a scalar, no fused multiply-add (exponents off PowFast's fast paths keep the
/// scalar step); so the bits are Step's (QuietStepTests compares both on random spines).
/// </summary>
internal readonly partial struct QuietStructure
{
    /// <summary>
    /// Whether StepQuietVectors gives Step's bits under these constants: its minimum is a select, which differs from Math.Min
    /// only when the cap is NaN (the options forbid it; then the scalar step runs).
    /// </summary>
    public bool VectorsExact => !double.IsNaN(_maxHazardPerH) && FastPow(_stabilisationExponent) && FastPow(_hazardExponent);

    /// <summary>Exponents PowFast takes without Math.Pow (the model's are 0.5 and -0.5): others keep the scalar step, whose calls would make the vector step spill every register.</summary>
    private static bool FastPow(double e) => e is 0 or 0.5 or -0.5 or 1 or -1;

    /// <summary>
    /// StepQuiet for the spines of whole groups of four from the first (no early phase, factor 1, head volume their own):
    /// the quiet ones move on as Step moves them and quiet[i] is true, the others are left as they were; returns how many
    /// spines it took (the rest, fewer than four, are the scalar step's). prpOccupancy: empty when all are 0. One loop with
    /// the constants in registers (a call per group spent a third of its time passing spans and loading constants).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int StepQuietVectors(Span<QuietSpine> spines, ReadOnlySpan<double> prpOccupancy, ReadOnlySpan<uint> words, ReadOnlySpan<double> noise, Span<bool> quiet)
    {
        const int w = PlasticityModel.WordsPerStep;
        const QuietFlags never = QuietFlags.NotQuiet | QuietFlags.EarlyPhase;
        int n = spines.Length & ~3;
        if (words.Length < w * n || noise.Length < 2 * n || quiet.Length < n || (prpOccupancy.Length != 0 && prpOccupancy.Length < n))
            throw new ArgumentException($"spans shorter than the {n} spines");
        bool withPrp = prpOccupancy.Length != 0;
        var k = new StructuralVectors(this);
        for (int i = 0; i < n; i += 4)
        {
            ref var s0 = ref spines[i];
            ref var s1 = ref spines[i + 1];
            ref var s2 = ref spines[i + 2];
            ref var s3 = ref spines[i + 3];
            int eligible = ((s0.Flags & never) == 0 ? 1 : 0) | ((s1.Flags & never) == 0 ? 2 : 0) | ((s2.Flags & never) == 0 ? 4 : 0)
                           | ((s3.Flags & never) == 0 ? 8 : 0);
            if (eligible == 0)
            {
                quiet.Slice(i, 4).Clear();
                continue;
            }

            var flags = Vector256.Create((long)s0.Flags, (long)s1.Flags, (long)s2.Flags, (long)s3.Flags);
            var stage = Vector256.Create((long)s0.Stage, (long)s1.Stage, (long)s2.Stage, (long)s3.Stage);
            var age0 = Vector256.Create(s0.AgeH, s1.AgeH, s2.AgeH, s3.AgeH);
            var head = Vector256.Create(s0.HeadVolumeUm3, s1.HeadVolumeUm3, s2.HeadVolumeUm3, s3.HeadVolumeUm3);
            var tm = Vector256.Create(s0.TurnoverMultiplier, s1.TurnoverMultiplier, s2.TurnoverMultiplier, s3.TurnoverMultiplier);
            var prp = withPrp ? Vector256.Create(prpOccupancy[i], prpOccupancy[i + 1], prpOccupancy[i + 2], prpOccupancy[i + 3]) : Vector256<double>.Zero;
            // the structural step from the head as it is, the class boundary not moved (factor 1)
            var quietLanes = StructuralQuietLanes(k, flags, stage, age0, head, tm, Vector256<double>.One, prp, words, noise, i, out var age, out var volume);
            int bits = (int)quietLanes.ExtractMostSignificantBits() & eligible;
            quiet[i] = (bits & 1) != 0;
            quiet[i + 1] = (bits & 2) != 0;
            quiet[i + 2] = (bits & 4) != 0;
            quiet[i + 3] = (bits & 8) != 0;
            if (bits == 0) continue;
            MoveQuietLanesOn(k, bits, ref s0, ref s1, ref s2, ref s3, age, age0, volume, head, prp);
        }
        return n;
    }

    /// <summary>All ones in the lanes whose flags have this bit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Mask(Vector256<long> flags, long bit)
        => Vector256.Equals(flags & Vector256.Create(bit), Vector256.Create(bit)).AsDouble();

    /// <summary>All ones in lane j when bit j is set.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Lanes(int bits)
        => Vector256.Equals(Vector256.Create((long)bits) & Vector256.Create(1L, 2L, 4L, 8L), Vector256.Create(1L, 2L, 4L, 8L)).AsDouble();

    /// <summary>PlasticityModel.U32 of four words.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> U32(uint a, uint b, uint c, uint d)
        => (Vector256.Create((double)a, b, c, d) + Vector256.Create(0.5)) * Vector256.Create(1.0 / 4294967296.0);

    /// <summary>PlasticityModel.PowFast lane by lane for its fast exponents (VectorsExact), root = sqrt(x) when e is +-0.5: correctly rounded as in a scalar.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Pow(Vector256<double> x, Vector256<double> root, double e)
        => e == 0 ? Vector256<double>.One
            : e == 0.5 ? root
            : e == -0.5 ? Vector256<double>.One / root
            : e == 1 ? x
            : Vector256<double>.One / x;
}
