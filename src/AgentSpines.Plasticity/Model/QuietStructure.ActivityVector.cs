using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using AgentSpines.Plasticity.State;

namespace AgentSpines.Plasticity.Model;

/// <summary>
/// The quiet step with activity's structural step four spines at once: StepQuietVectors with each spine's head volume
/// and early-phase factor given (after ActivityStep) and which spines may step given, so that the spines with calcium
/// or an early phase step in the same vector loop as the others (one at a time through Step, the branches on each
/// spine's class and flags were mispredicted about every other time). Every quantity is Step's operations in Step's
/// order, as in StepQuietVectors (QuietStepTests compares both with the full step).
/// </summary>
internal readonly partial struct QuietStructure
{
    /// <summary>
    /// Step for the spines of whole groups of four from the first, spine i from head volume head[i] with early-phase
    /// factor factor[i] when eligible[i] (else it is not quiet): the quiet ones move on as Step moves them and quiet[i] is
    /// true, the others are left as they were; returns how many spines it took (the rest, fewer than four, are the scalar
    /// step's). Needs VectorsExact. prpOccupancy: empty when all are 0.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int StepVectorsFrom(Span<QuietSpine> spines, ReadOnlySpan<double> head, ReadOnlySpan<double> factor, ReadOnlySpan<bool> eligible,
        ReadOnlySpan<double> prpOccupancy, ReadOnlySpan<uint> words, ReadOnlySpan<double> noise, Span<bool> quiet)
    {
        const int w = PlasticityModel.WordsPerStep;
        int n = spines.Length & ~3;
        if (head.Length < n || factor.Length < n || eligible.Length < n || words.Length < w * n || noise.Length < 2 * n || quiet.Length < n
            || (prpOccupancy.Length != 0 && prpOccupancy.Length < n))
            throw new ArgumentException($"spans shorter than the {n} spines");
        bool withPrp = prpOccupancy.Length != 0;
        var eligibleBytes = MemoryMarshal.AsBytes(eligible);
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
            // the four eligible flags (bytes 0 or 1) as bits 0..3: each byte's bit lands on its own place, no carries
            uint e = Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref MemoryMarshal.GetReference(eligibleBytes), i));
            int eligibleBits = (int)(((e & 0x01010101u) * 0x01020408u) >> 24) & 0xF;
            if (eligibleBits == 0)
            {
                quiet.Slice(i, 4).Clear();
                continue;
            }
            ref var s0 = ref spines[i];
            ref var s1 = ref spines[i + 1];
            ref var s2 = ref spines[i + 2];
            ref var s3 = ref spines[i + 3];

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
            // KestenSizeProcess.StepWith, from the given head (the spine's own, or after ActivityStep)
            int z = 2 * i;
            var from = Vector256.Create(head.Slice(i, 4));
            var growth = Vector256.Create(noise[z], noise[z + 2], noise[z + 4], noise[z + 6]);
            var zb = Vector256.Create(noise[z + 1], noise[z + 3], noise[z + 5], noise[z + 7]);
            var volume = growth * from + meanB + bSd * zb;
            volume = Vector256.ConditionalSelect(Vector256.LessThan(volume, floor), floor, volume);
            var tm = Vector256.Create(s0.TurnoverMultiplier, s1.TurnoverMultiplier, s2.TurnoverMultiplier, s3.TurnoverMultiplier);
            var prp = withPrp ? Vector256.Create(prpOccupancy.Slice(i, 4)) : Vector256<double>.Zero;
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

            // Classify (no filopodium here): the class must stay what it was, its boundary moved by the early-phase factor
            var f = Vector256.Create(factor.Slice(i, 4));
            var nascent = silent & Vector256.LessThan(age, nascentAge);
            var sized = (wasMushroom & Vector256.GreaterThanOrEqual(volume, mushroomStays * f))
                        | Vector256.AndNot(wasThin, Vector256.GreaterThanOrEqual(volume, thinBecomesMushroom * f));
            var keepsClass = (nascent & wasNascent) | Vector256.AndNot(stubby & wasStubby, nascent) | Vector256.AndNot(Vector256.AndNot(sized, stubby), nascent);

            var quietLanes = Vector256.AndNot(Vector256.AndNot(survives & keepsClass, silencing), stabilisation);
            int bits = (int)quietLanes.ExtractMostSignificantBits() & eligibleBits;
            quiet[i] = (bits & 1) != 0;
            quiet[i + 1] = (bits & 2) != 0;
            quiet[i + 2] = (bits & 4) != 0;
            quiet[i + 3] = (bits & 8) != 0;
            if (bits == 0) continue;

            // the quiet lanes move on (the others get their own values back)
            var q = Lanes(bits);
            var head0 = Vector256.Create(s0.HeadVolumeUm3, s1.HeadVolumeUm3, s2.HeadVolumeUm3, s3.HeadVolumeUm3);
            age = Vector256.ConditionalSelect(q, age, age0);
            volume = Vector256.ConditionalSelect(q, volume, head0);
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
}
