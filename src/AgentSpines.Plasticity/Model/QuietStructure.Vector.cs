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
        var nascentStage = Vector256.Create((long)LifeStage.Nascent);
        var stubbyStage = Vector256.Create((long)LifeStage.Stubby);
        var mushroomStage = Vector256.Create((long)LifeStage.Mushroom);
        var thinStage = Vector256.Create((long)LifeStage.Thin);
        var unsilencingX = Vector256.Create(_unsilencingX);
        var silencingX = Vector256.Create(_silencingX);
        var dt = Vector256.Create(_dt);
        var meanB = Vector256.Create(_meanB);
        var bSd = Vector256.Create(_bSd);
        var floor = Vector256.Create(_floorUm3);
        var reference = Vector256.Create(_referenceUm3);
        var minAge = Vector256.Create(_stabilisationMinAgeH);
        var prpConstant = Vector256.Create(1 - _prpWeight);
        var prpWeight = Vector256.Create(_prpWeight);
        var prpReference = Vector256.Create(_prpReference);
        var stabilisationPerH = Vector256.Create(_stabilisationPerH);
        var stabilisationMultiplier = Vector256.Create(_stabilisationMultiplier);
        var persistentPerH = Vector256.Create(_persistentPerH);
        var transientPerH = Vector256.Create(_transientPerH);
        var persistentMultiplier = Vector256.Create(_persistentMultiplier);
        var transientMultiplier = Vector256.Create(_transientMultiplier);
        var youngBound = Vector256.Create(_youngBound);
        var cap = Vector256.Create(_maxHazardPerH);
        var nascentAge = Vector256.Create(96.0);
        var mushroomStays = Vector256.Create(_mushroomStays);
        var thinBecomesMushroom = Vector256.Create(_thinBecomesMushroom);
        var occupancyStep = Vector256.Create(_occupancyStep);
        bool needRoot = _stabilisationExponent is 0.5 or -0.5 || _hazardExponent is 0.5 or -0.5;
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
            var silent = Mask(flags, (long)QuietFlags.Silent);
            var persistent = Mask(flags, (long)QuietFlags.Persistent);
            var stubby = Mask(flags, (long)QuietFlags.Stubby);
            var stage = Vector256.Create((long)s0.Stage, (long)s1.Stage, (long)s2.Stage, (long)s3.Stage);
            var wasNascent = Vector256.Equals(stage, nascentStage).AsDouble();
            var wasStubby = Vector256.Equals(stage, stubbyStage).AsDouble();
            var wasMushroom = Vector256.Equals(stage, mushroomStage).AsDouble();
            var wasThin = Vector256.Equals(stage, thinStage).AsDouble();

            int b = w * i;
            var uElim = U32(words[b], words[b + w], words[b + 2 * w], words[b + 3 * w]);
            var uStab = U32(words[b + 1], words[b + 1 + w], words[b + 1 + 2 * w], words[b + 1 + 3 * w]);
            var uSil = U32(words[b + 2], words[b + 2 + w], words[b + 2 + 2 * w], words[b + 2 + 3 * w]);

            // SilencingStep with the cycle off
            var silencing = (silent & Vector256.LessThan(uSil, unsilencingX)) | Vector256.AndNot(Vector256.LessThan(uSil, silencingX), silent);
            var age0 = Vector256.Create(s0.AgeH, s1.AgeH, s2.AgeH, s3.AgeH);
            var age = age0 + dt;
            // KestenSizeProcess.StepWith
            int z = 2 * i;
            var head = Vector256.Create(s0.HeadVolumeUm3, s1.HeadVolumeUm3, s2.HeadVolumeUm3, s3.HeadVolumeUm3);
            var growth = Vector256.Create(noise[z], noise[z + 2], noise[z + 4], noise[z + 6]);
            var zb = Vector256.Create(noise[z + 1], noise[z + 3], noise[z + 5], noise[z + 7]);
            var volume = growth * head + meanB + bSd * zb;
            volume = Vector256.ConditionalSelect(Vector256.LessThan(volume, floor), floor, volume);
            var tm = Vector256.Create(s0.TurnoverMultiplier, s1.TurnoverMultiplier, s2.TurnoverMultiplier, s3.TurnoverMultiplier);
            var prp = withPrp ? Vector256.Create(prpOccupancy[i], prpOccupancy[i + 1], prpOccupancy[i + 2], prpOccupancy[i + 3]) : Vector256<double>.Zero;
            var relative = volume / reference;
            // one square root for both powers (the same value either way)
            var root = needRoot ? Vector256.Sqrt(relative) : relative;

            // StabilisationStep (StabilisationIntrinsicPerH, PrpStabilisationFactor), only where it applies
            var stabilises = ~(persistent | silent | Vector256.LessThan(age, minAge));
            var prpFactor = _prpWeight == 0 ? Vector256<double>.One : prpConstant + prpWeight * prp / prpReference;
            var intrinsic = stabilisationPerH * Pow(relative, root, _stabilisationExponent) * tm * prpFactor;
            var rate = intrinsic * stabilisationMultiplier;
            var stabilisation = stabilises & Vector256.LessThan(uStab, rate * dt);

            // elimination (HazardBoundPerH): Math.Min as a select (the cap is not NaN: VectorsExact)
            var baseRate = Vector256.ConditionalSelect(persistent, persistentPerH, transientPerH);
            var mult = Vector256.ConditionalSelect(persistent, persistentMultiplier, transientMultiplier);
            var h = Pow(relative, root, _hazardExponent) * youngBound * baseRate * tm;
            var hm = h * mult;
            var bound = Vector256.ConditionalSelect(Vector256.LessThan(cap, hm), cap, hm) * dt;
            var survives = Vector256.GreaterThanOrEqual(uElim, bound);

            // Classify (no filopodium here, factor 1): the class must stay what it was
            var nascent = silent & Vector256.LessThan(age, nascentAge);
            var sized = (wasMushroom & Vector256.GreaterThanOrEqual(volume, mushroomStays))
                        | Vector256.AndNot(wasThin, Vector256.GreaterThanOrEqual(volume, thinBecomesMushroom));
            var keepsClass = (nascent & wasNascent) | Vector256.AndNot(stubby & wasStubby, nascent) | Vector256.AndNot(Vector256.AndNot(sized, stubby), nascent);

            var quietLanes = Vector256.AndNot(Vector256.AndNot(survives & keepsClass, silencing), stabilisation);
            int bits = (int)quietLanes.ExtractMostSignificantBits() & eligible;
            quiet[i] = (bits & 1) != 0;
            quiet[i + 1] = (bits & 2) != 0;
            quiet[i + 2] = (bits & 4) != 0;
            quiet[i + 3] = (bits & 8) != 0;
            if (bits == 0) continue;

            // the quiet lanes move on (the others get their own values back)
            var q = Lanes(bits);
            age = Vector256.ConditionalSelect(q, age, age0);
            volume = Vector256.ConditionalSelect(q, volume, head);
            var occupancy0 = Vector256.Create(s0.OccupancyIntegralH, s1.OccupancyIntegralH, s2.OccupancyIntegralH, s3.OccupancyIntegralH);
            var occupancy = Vector256.ConditionalSelect(q, occupancy0 + occupancyStep, occupancy0);
            var prpIntegral0 = Vector256.Create(s0.PrpIntegralH, s1.PrpIntegralH, s2.PrpIntegralH, s3.PrpIntegralH);
            var prpIntegral = Vector256.ConditionalSelect(q, prpIntegral0 + prp * dt, prpIntegral0);
            (s0.AgeH, s0.HeadVolumeUm3, s0.OccupancyIntegralH, s0.PrpIntegralH) = (age.GetElement(0), volume.GetElement(0), occupancy.GetElement(0), prpIntegral.GetElement(0));
            (s1.AgeH, s1.HeadVolumeUm3, s1.OccupancyIntegralH, s1.PrpIntegralH) = (age.GetElement(1), volume.GetElement(1), occupancy.GetElement(1), prpIntegral.GetElement(1));
            (s2.AgeH, s2.HeadVolumeUm3, s2.OccupancyIntegralH, s2.PrpIntegralH) = (age.GetElement(2), volume.GetElement(2), occupancy.GetElement(2), prpIntegral.GetElement(2));
            (s3.AgeH, s3.HeadVolumeUm3, s3.OccupancyIntegralH, s3.PrpIntegralH) = (age.GetElement(3), volume.GetElement(3), occupancy.GetElement(3), prpIntegral.GetElement(3));
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
