using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using AgentSpines.Plasticity.State;

namespace AgentSpines.Plasticity.Model;

/// <summary>
/// The structural part of the four-lane quiet steps, shared by StepQuietVectors and StepVectorsWithActivity: whether
/// each of four spines steps quietly from a given head volume (the scalar step's operations in its order), and the
/// quiet lanes moved on. One copy, so that a change to the structural rule is made once for both vector steps.
/// </summary>
internal readonly partial struct QuietStructure
{
    /// <summary>
    /// The structural step's constants, broadcast to four lanes once per call. Built by an inlined constructor: a call
    /// (the JIT does not inline a constructor this size by itself) cost a zeroing of the whole struct, the call and a
    /// copy of it at every StepQuietVectors call, that is once per dendrite and step.
    /// </summary>
    private readonly struct StructuralVectors
    {
        public readonly Vector256<long> NascentStage, StubbyStage, MushroomStage, ThinStage;
        public readonly Vector256<double> UnsilencingX, SilencingX, Dt, MeanB, BSd, Floor, Reference, MinAge, PrpConstant, PrpWeight, PrpReference,
            StabilisationPerH, StabilisationMultiplier, PersistentPerH, TransientPerH, PersistentMultiplier, TransientMultiplier, YoungBound, Cap,
            NascentAge, MushroomStays, ThinBecomesMushroom, OccupancyStep;
        /// <summary>One square root serves both powers (the same value either way).</summary>
        public readonly bool NeedRoot;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public StructuralVectors(in QuietStructure q)
        {
            NascentStage = Vector256.Create((long)LifeStage.Nascent);
            StubbyStage = Vector256.Create((long)LifeStage.Stubby);
            MushroomStage = Vector256.Create((long)LifeStage.Mushroom);
            ThinStage = Vector256.Create((long)LifeStage.Thin);
            UnsilencingX = Vector256.Create(q._unsilencingX);
            SilencingX = Vector256.Create(q._silencingX);
            Dt = Vector256.Create(q._dt);
            MeanB = Vector256.Create(q._meanB);
            BSd = Vector256.Create(q._bSd);
            Floor = Vector256.Create(q._floorUm3);
            Reference = Vector256.Create(q._referenceUm3);
            MinAge = Vector256.Create(q._stabilisationMinAgeH);
            PrpConstant = Vector256.Create(1 - q._prpWeight);
            PrpWeight = Vector256.Create(q._prpWeight);
            PrpReference = Vector256.Create(q._prpReference);
            StabilisationPerH = Vector256.Create(q._stabilisationPerH);
            StabilisationMultiplier = Vector256.Create(q._stabilisationMultiplier);
            PersistentPerH = Vector256.Create(q._persistentPerH);
            TransientPerH = Vector256.Create(q._transientPerH);
            PersistentMultiplier = Vector256.Create(q._persistentMultiplier);
            TransientMultiplier = Vector256.Create(q._transientMultiplier);
            YoungBound = Vector256.Create(q._youngBound);
            Cap = Vector256.Create(q._maxHazardPerH);
            NascentAge = Vector256.Create(96.0);
            MushroomStays = Vector256.Create(q._mushroomStays);
            ThinBecomesMushroom = Vector256.Create(q._thinBecomesMushroom);
            OccupancyStep = Vector256.Create(q._occupancyStep);
            NeedRoot = q._stabilisationExponent is 0.5 or -0.5 || q._hazardExponent is 0.5 or -0.5;
        }
    }

    /// <summary>
    /// All ones in the lanes of spines i..i+3 that step quietly from head volume <paramref name="from"/> (the class
    /// boundary moved by <paramref name="factor"/>: 1 outside an early phase, and cut * 1 is cut); their new age and
    /// head volume in <paramref name="age"/> and <paramref name="size"/> (every lane's, quiet or not).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Vector256<double> StructuralQuietLanes(in StructuralVectors k, Vector256<long> flags, Vector256<long> stage, Vector256<double> age0,
        Vector256<double> from, Vector256<double> tm, Vector256<double> factor, Vector256<double> prp, ReadOnlySpan<uint> words,
        ReadOnlySpan<double> noise, int i, out Vector256<double> age, out Vector256<double> size)
    {
        const int w = PlasticityModel.WordsPerStep;
        var silent = Mask(flags, (long)QuietFlags.Silent);
        var persistent = Mask(flags, (long)QuietFlags.Persistent);
        var stubby = Mask(flags, (long)QuietFlags.Stubby);
        var wasNascent = Vector256.Equals(stage, k.NascentStage).AsDouble();
        var wasStubby = Vector256.Equals(stage, k.StubbyStage).AsDouble();
        var wasMushroom = Vector256.Equals(stage, k.MushroomStage).AsDouble();
        var wasThin = Vector256.Equals(stage, k.ThinStage).AsDouble();

        int b = w * i;
        var uElim = U32(words[b], words[b + w], words[b + 2 * w], words[b + 3 * w]);
        var uStab = U32(words[b + 1], words[b + 1 + w], words[b + 1 + 2 * w], words[b + 1 + 3 * w]);
        var uSil = U32(words[b + 2], words[b + 2 + w], words[b + 2 + 2 * w], words[b + 2 + 3 * w]);

        // SilencingStep with the cycle off
        var silencing = (silent & Vector256.LessThan(uSil, k.UnsilencingX)) | Vector256.AndNot(Vector256.LessThan(uSil, k.SilencingX), silent);
        age = age0 + k.Dt;
        // KestenSizeProcess.StepWith
        int z = 2 * i;
        var growth = Vector256.Create(noise[z], noise[z + 2], noise[z + 4], noise[z + 6]);
        var zb = Vector256.Create(noise[z + 1], noise[z + 3], noise[z + 5], noise[z + 7]);
        size = growth * from + k.MeanB + k.BSd * zb;
        size = Vector256.ConditionalSelect(Vector256.LessThan(size, k.Floor), k.Floor, size);
        var relative = size / k.Reference;
        var root = k.NeedRoot ? Vector256.Sqrt(relative) : relative;

        // StabilisationStep (StabilisationIntrinsicPerH, PrpStabilisationFactor), only where it applies
        var stabilises = ~(persistent | silent | Vector256.LessThan(age, k.MinAge));
        var prpFactor = _prpWeight == 0 ? Vector256<double>.One : k.PrpConstant + k.PrpWeight * prp / k.PrpReference;
        var intrinsic = k.StabilisationPerH * Pow(relative, root, _stabilisationExponent) * tm * prpFactor;
        var rate = intrinsic * k.StabilisationMultiplier;
        var stabilisation = stabilises & Vector256.LessThan(uStab, rate * k.Dt);

        // elimination (HazardBoundPerH): Math.Min as a select (the cap is not NaN: VectorsExact)
        var baseRate = Vector256.ConditionalSelect(persistent, k.PersistentPerH, k.TransientPerH);
        var mult = Vector256.ConditionalSelect(persistent, k.PersistentMultiplier, k.TransientMultiplier);
        var h = Pow(relative, root, _hazardExponent) * k.YoungBound * baseRate * tm;
        var hm = h * mult;
        var bound = Vector256.ConditionalSelect(Vector256.LessThan(k.Cap, hm), k.Cap, hm) * k.Dt;
        var survives = Vector256.GreaterThanOrEqual(uElim, bound);

        // Classify (no filopodium here): the class must stay what it was
        var nascent = silent & Vector256.LessThan(age, k.NascentAge);
        var sized = (wasMushroom & Vector256.GreaterThanOrEqual(size, k.MushroomStays * factor))
                    | Vector256.AndNot(wasThin, Vector256.GreaterThanOrEqual(size, k.ThinBecomesMushroom * factor));
        var keepsClass = (nascent & wasNascent) | Vector256.AndNot(stubby & wasStubby, nascent) | Vector256.AndNot(Vector256.AndNot(sized, stubby), nascent);

        return Vector256.AndNot(Vector256.AndNot(survives & keepsClass, silencing), stabilisation);
    }

    /// <summary>The quiet lanes (bits) move on to age, size and their integrals; the others get their own values back.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void MoveQuietLanesOn(in StructuralVectors k, int bits, ref QuietSpine s0, ref QuietSpine s1, ref QuietSpine s2, ref QuietSpine s3,
        Vector256<double> age, Vector256<double> age0, Vector256<double> size, Vector256<double> head, Vector256<double> prp)
    {
        var q = Lanes(bits);
        age = Vector256.ConditionalSelect(q, age, age0);
        size = Vector256.ConditionalSelect(q, size, head);
        var occupancy0 = Vector256.Create(s0.OccupancyIntegralH, s1.OccupancyIntegralH, s2.OccupancyIntegralH, s3.OccupancyIntegralH);
        var occupancy = Vector256.ConditionalSelect(q, occupancy0 + k.OccupancyStep, occupancy0);
        var prpIntegral0 = Vector256.Create(s0.PrpIntegralH, s1.PrpIntegralH, s2.PrpIntegralH, s3.PrpIntegralH);
        var prpIntegral = Vector256.ConditionalSelect(q, prpIntegral0 + prp * k.Dt, prpIntegral0);
        (s0.AgeH, s0.HeadVolumeUm3, s0.OccupancyIntegralH, s0.PrpIntegralH) = (age.GetElement(0), size.GetElement(0), occupancy.GetElement(0), prpIntegral.GetElement(0));
        (s1.AgeH, s1.HeadVolumeUm3, s1.OccupancyIntegralH, s1.PrpIntegralH) = (age.GetElement(1), size.GetElement(1), occupancy.GetElement(1), prpIntegral.GetElement(1));
        (s2.AgeH, s2.HeadVolumeUm3, s2.OccupancyIntegralH, s2.PrpIntegralH) = (age.GetElement(2), size.GetElement(2), occupancy.GetElement(2), prpIntegral.GetElement(2));
        (s3.AgeH, s3.HeadVolumeUm3, s3.OccupancyIntegralH, s3.PrpIntegralH) = (age.GetElement(3), size.GetElement(3), occupancy.GetElement(3), prpIntegral.GetElement(3));
    }
}
