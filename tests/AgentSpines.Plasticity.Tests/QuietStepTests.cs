using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using AgentSpines.Core.Random;
using AgentSpines.Plasticity.Model;
using AgentSpines.Plasticity.Options;
using AgentSpines.Plasticity.State;
using Xunit.Abstractions;

namespace AgentSpines.Plasticity.Tests;

/// <summary>
/// The quiet step (PlasticityModel.StepQuiet, what the engine's segments run on their arrays) against the full StepSpine:
/// for every spine it calls quiet, the very bits StepSpine gives and no event; for every other one, nothing changed.
/// </summary>
public class QuietStepTests(ITestOutputHelper output)
{
    public static TheoryData<string> Models => new() { "default", "pow-and-prp", "linear-and-prp", "flat" };

    private static PlasticityModel Model(string name) => name switch
    {
        "default" => new PlasticityModel(new PlasticityOptions { FormationPerUmPerDay = 1 }),
        // the other exponents the vector step takes (1/x and x; x^0) and PRPs feeding stabilisation
        "linear-and-prp" => new PlasticityModel(new PlasticityOptions
        {
            FormationPerUmPerDay = 1, HazardVolumeExponent = 1, StabilisationVolumeExponent = 1, PrpStabilisationWeight = 0.5, StabilisationPerDay = 2,
        }),
        "flat" => new PlasticityModel(new PlasticityOptions { FormationPerUmPerDay = 1, HazardVolumeExponent = 0, StabilisationVolumeExponent = 0 }),
        // exponents off the sqrt fast paths (Math.Pow) and PRPs feeding stabilisation
        _ => new PlasticityModel(new PlasticityOptions
        {
            FormationPerUmPerDay = 1, HazardVolumeExponent = 0.7, StabilisationVolumeExponent = 0.3, PrpStabilisationWeight = 0.5,
            StabilisationPerDay = 2,
        }),
    };

    /// <summary>A mixed population (the baseline steady state and one newborn, silent and nascent, spine in four) with a life-cycle stream each.</summary>
    private static (List<SpineState> Spines, List<RandomStream> Streams) MixedPopulation(PlasticityModel model, ulong seed, int count)
    {
        var rng0 = new RandomStream(seed, 0, StreamId.Setup);
        var spines = Enumerable.Range(0, count).Select(i => model.NewSpine((ulong)i, 0, 0, 0, rng0, initial: i % 4 != 0)).ToList();
        return (spines, spines.Select(x => new RandomStream(seed, x.Id, StreamId.LifeCycle)).ToList());
    }

    public static TheoryData<string, bool> ModelsAndPaths => new()
    {
        { "default", false }, { "default", true }, { "pow-and-prp", false }, { "pow-and-prp", true }, { "linear-and-prp", true }, { "flat", true },
    };

    /// <summary>
    /// Each step, all spines in one StepQuiet call (vectorized: four at a time where 256-bit vectors are accelerated, the
    /// last few one by one; or one at a time throughout), then each one's StepSpine with the same words and noise.
    /// </summary>
    [Theory]
    [MemberData(nameof(ModelsAndPaths))]
    public void QuietSpinesGetStepSpinesBitsAndTheOthersAreLeftAlone(string name, bool vectorized)
    {
        var model = Model(name);
        var (spines, streams) = MixedPopulation(model, 21, 8_000);
        var prpStream = new RandomStream(21, 1, StreamId.Setup);
        var events = new List<StructuralEvent>();
        const int w = PlasticityModel.WordsPerStep;
        long quietSteps = 0, fullSteps = 0, fullWithEvent = 0;
        for (int k = 0; k < 72; k++)
        {
            // a drug that comes and goes: occupancy, elimination and stabilisation multipliers, silencing in the middle day
            double m = 1 + 3 * Math.Exp(-Math.Pow((k - 30) / 10.0, 2));
            var env = StepEnvironment.Neutral(k, 1, Arm.Drug) with
            {
                Occupancy = 0.4 * (m - 1) / 3, TransientEliminationMultiplier = m, PersistentEliminationMultiplier = 1 + (m - 1) / 3,
                StabilisationMultiplier = 1 + (m - 1) / 2, SilencingPerH = k is >= 24 and < 48 ? 0.01 : 0, EliminationCause = "drug",
                FormationCause = "drug", EnlargementLogPerH = 0.002 * (m - 1),
            };
            var q = model.QuietStepFor(in env);
            Assert.True(q.Possible);
            int n = spines.Count; // 8,000 less the losses: not always a multiple of four
            var words = new uint[w * n];
            for (int i = 0; i < n; i++)
                for (int j = 0; j < w; j++) words[w * i + j] = streams[i].NextUInt32();
            var noise = new double[2 * n];
            model.SizeNoise(words, in env, noise);
            var prp = k % 3 == 0 ? Enumerable.Range(0, n).Select(_ => prpStream.NextDouble()).ToArray() : [];
            var hot = spines.Select(x => model.QuietSpineOf(x)).ToArray();
            var before = hot.ToArray();
            var quiet = new bool[n];
            model.StepQuiet(in q, hot, prp, words, noise, quiet, vectorized);
            for (int i = n - 1; i >= 0; i--)
            {
                ref var s = ref CollectionsMarshal.AsSpan(spines)[i]; // stepped in place
                events.Clear();
                var fate = model.StepSpine(ref s, in env, new SpineInputs(0, prp.Length != 0 ? prp[i] : 0, 0, 0), words.AsSpan(w * i, w), noise[2 * i], noise[2 * i + 1], events);
                if (quiet[i])
                {
                    quietSteps++;
                    Assert.Equal(SpineFate.Alive, fate);
                    Assert.Empty(events);
                    Assert.Equal(Bits(s.AgeH), Bits(hot[i].AgeH));
                    Assert.Equal(Bits(s.HeadVolumeUm3), Bits(hot[i].HeadVolumeUm3));
                    Assert.Equal(Bits(s.OccupancyIntegralH), Bits(hot[i].OccupancyIntegralH));
                    Assert.Equal(Bits(s.PrpIntegralH), Bits(hot[i].PrpIntegralH));
                    Assert.Equal(s.Stage, hot[i].Stage);
                    Assert.Equal(model.QuietFlagsOf(s), hot[i].Flags);
                }
                else
                {
                    fullSteps++;
                    if (events.Count > 0) fullWithEvent++;
                    Assert.Equal(before[i], hot[i]);
                }
                if (fate == SpineFate.Eliminated)
                {
                    spines.RemoveAt(i);
                    streams.RemoveAt(i);
                }
            }
        }
        output.WriteLine($"{name}, vectorized {vectorized} (256-bit accelerated: {Vector256.IsHardwareAccelerated}): {quietSteps} quiet steps, {fullSteps} full ({fullWithEvent} with an event)");
        // both paths taken: most steps quiet, and every step with an event among the full ones
        Assert.InRange((double)quietSteps / (quietSteps + fullSteps), 0.9, 1.0);
        Assert.True(fullWithEvent > 200, $"{fullWithEvent} full steps with an event");
    }

    /// <summary>
    /// The vector path against the scalar one on made-up spines that sit on every edge the step tests: ages at the
    /// stabilisation age and at the nascent limit, head volumes on the class boundaries and below the floor, words at 0
    /// and at the top (uniforms at both ends), every flag, every class, inert slots, NaN and infinite fields, silencing
    /// on and off, PRPs or none, and lengths that leave one to three spines after the last group of four: the same
    /// quiet spines and the same bits in every field. (Exponents off PowFast's fast paths, "pow-and-prp", keep the scalar
    /// step on both paths.)
    /// </summary>
    [Theory]
    [MemberData(nameof(Models))]
    public void VectorQuietStepEqualsTheScalarOneOnEdgeCases(string name)
    {
        var model = Model(name);
        var rng = new RandomStream(31, 0, StreamId.Setup);
        var o = model.Options;
        double mushroom = o.MushroomMinHeadVolumeUm3;
        double[] edgeVolumes = [mushroom, mushroom * (1 - o.StageHysteresis), mushroom * (1 + o.StageHysteresis), o.MinHeadVolumeUm3, 0, 1e-9, 3, double.NaN];
        double[] edgeAges = [o.StabilisationMinAgeH - 1, o.StabilisationMinAgeH, 95, 96, 0, double.NaN];
        uint[] edgeWords = [0, 1, uint.MaxValue, uint.MaxValue - 1, 0x80000000u];
        QuietFlags[] flagBits = [QuietFlags.Silent, QuietFlags.Persistent, QuietFlags.Stubby, QuietFlags.NotQuiet, QuietFlags.EarlyPhase];
        long quietTotal = 0, notQuietTotal = 0, quietLanesDiffer = 0, landed = 0;
        foreach (int n in new[] { 1, 3, 4, 5, 6, 7, 8, 12, 13, 15, 64, 1_001, 4_099 })
        {
            for (int round = 0; round < 6; round++)
            {
                var env = StepEnvironment.Neutral(round, 1, Arm.Drug) with
                {
                    Occupancy = 0.3 * round, TransientEliminationMultiplier = 1 + round, PersistentEliminationMultiplier = 1 + round / 2.0,
                    StabilisationMultiplier = round % 2 == 0 ? 1 : 40, SilencingPerH = round % 3 == 0 ? 0 : 0.2, EnlargementLogPerH = 0.01 * round,
                };
                var q = model.QuietStepFor(in env);
                var hot = new QuietSpine[n];
                var words = new uint[PlasticityModel.WordsPerStep * n];
                for (int i = 0; i < words.Length; i++)
                    words[i] = rng.NextDouble() < 0.03 ? edgeWords[(int)(rng.NextUInt32() % edgeWords.Length)] : rng.NextDouble() < 0.05 ? rng.NextUInt32() >> 8 : rng.NextUInt32();
                var noise = new double[2 * n];
                model.SizeNoise(words, in env, noise);
                for (int i = 0; i < n; i++)
                {
                    var f = QuietFlags.None;
                    foreach (var bit in flagBits)
                        if (rng.NextDouble() < (bit is QuietFlags.NotQuiet or QuietFlags.EarlyPhase ? 0.05 : 0.35)) f |= bit;
                    hot[i] = new QuietSpine
                    {
                        AgeH = rng.NextDouble() < 0.3 ? edgeAges[(int)(rng.NextUInt32() % edgeAges.Length)] : 200 * rng.NextDouble(),
                        HeadVolumeUm3 = rng.NextDouble() < 0.3 ? edgeVolumes[(int)(rng.NextUInt32() % edgeVolumes.Length)] : 0.3 * rng.NextDouble(),
                        OccupancyIntegralH = rng.NextDouble() < 0.02 ? double.PositiveInfinity : 10 * rng.NextDouble(),
                        PrpIntegralH = rng.NextDouble() < 0.02 ? -0.0 : rng.NextDouble(),
                        TurnoverMultiplier = rng.NextDouble() < 0.05 ? double.NaN : 0.5 + rng.NextDouble(),
                        Flags = f,
                    };
                    // mostly the class the spine has (else a change of class is due), now and then any
                    var h = hot[i];
                    bool stubby = (f & QuietFlags.Stubby) != 0, silent = (f & QuietFlags.Silent) != 0;
                    hot[i].Stage = rng.NextDouble() < 0.2 ? (LifeStage)(rng.NextUInt32() % 5)
                        : silent && h.AgeH < 96 ? LifeStage.Nascent : stubby ? LifeStage.Stubby : h.HeadVolumeUm3 >= mushroom ? LifeStage.Mushroom : LifeStage.Thin;
                    if (rng.NextDouble() < 0.05) hot[i] = new QuietSpine { Flags = QuietFlags.NotQuiet }; // an inert slot
                    if (rng.NextDouble() < 0.01) noise[2 * i] = double.NaN;
                    else if (rng.NextDouble() < 0.15)
                    {
                        // a step that lands exactly on a class boundary or the floor: growth 1, no additive noise
                        double target = edgeVolumes[(int)(rng.NextUInt32() % 4)];
                        if (HeadLandingOn(target, model.Kesten) is double head)
                        {
                            (noise[2 * i], noise[2 * i + 1], hot[i].HeadVolumeUm3) = (1, 0, head);
                            landed++;
                        }
                    }
                }
                var prp = round % 2 == 1 ? Enumerable.Range(0, n).Select(_ => rng.NextDouble() < 0.05 ? double.NaN : rng.NextDouble()).ToArray() : [];
                var (scalarHot, vectorHot) = (hot.ToArray(), hot.ToArray());
                var (scalarQuiet, vectorQuiet) = (new bool[n], new bool[n]);
                model.StepQuiet(in q, scalarHot, prp, words, noise, scalarQuiet, vectorized: false);
                model.StepQuiet(in q, vectorHot, prp, words, noise, vectorQuiet, vectorized: true);
                for (int i = 0; i < n; i++)
                {
                    Assert.Equal(scalarQuiet[i], vectorQuiet[i]);
                    Assert.Equal(Bits(scalarHot[i].AgeH), Bits(vectorHot[i].AgeH));
                    Assert.Equal(Bits(scalarHot[i].HeadVolumeUm3), Bits(vectorHot[i].HeadVolumeUm3));
                    Assert.Equal(Bits(scalarHot[i].OccupancyIntegralH), Bits(vectorHot[i].OccupancyIntegralH));
                    Assert.Equal(Bits(scalarHot[i].PrpIntegralH), Bits(vectorHot[i].PrpIntegralH));
                    Assert.Equal(Bits(scalarHot[i].TurnoverMultiplier), Bits(vectorHot[i].TurnoverMultiplier));
                    Assert.Equal(scalarHot[i].Stage, vectorHot[i].Stage);
                    Assert.Equal(scalarHot[i].Flags, vectorHot[i].Flags);
                    if (scalarQuiet[i]) quietTotal++; else notQuietTotal++;
                    if (scalarQuiet[i] && Bits(scalarHot[i].HeadVolumeUm3) != Bits(hot[i].HeadVolumeUm3)) quietLanesDiffer++;
                }
            }
        }
        output.WriteLine($"{name} (256-bit accelerated: {Vector256.IsHardwareAccelerated}): {quietTotal} quiet, {notQuietTotal} not");
        // both outcomes in numbers, and the quiet ones really moved
        Assert.True(quietTotal > 3_000 && notQuietTotal > 3_000, $"{quietTotal} quiet, {notQuietTotal} not");
        Assert.True(quietLanesDiffer > quietTotal / 2, $"{quietLanesDiffer} of {quietTotal} quiet spines changed head volume");
        Assert.True(landed > 1_000, $"{landed} steps landing on a boundary");
    }

    /// <summary>A head volume h with 1 h + E[b] + b_sd 0 == target exactly (a step that lands on target), if one lies within a few ulps.</summary>
    private static double? HeadLandingOn(double target, KestenSizeProcess k)
    {
        double h = target - k.MeanB;
        for (int step = 0; step < 8; step++, h = step % 2 == 1 ? Math.BitIncrement(h) : Math.BitDecrement(Math.BitDecrement(h)))
            if (1.0 * h + k.MeanB + k.BSd * 0.0 == target) return h;
        return null;
    }

    public static TheoryData<string, bool, bool> ActivityModels => new()
    {
        { "default", true, true }, { "default", true, false }, { "default", false, true }, { "gated-long-early-phase", true, true },
        { "gated-long-early-phase", true, false }, { "no-phosphatase", true, true }, { "hill-2", true, true }, { "hill-1", true, true },
        { "hill-3", true, true },
    };

    private static PlasticityModel ActivityModel(string name) => name switch
    {
        "default" => new PlasticityModel(new PlasticityOptions { FormationPerUmPerDay = 1 }),
        // D1-gated enlargement, an early phase of three steps (spines stay in it: quiet steps keep it), PRPs feeding stabilisation
        "gated-long-early-phase" => new PlasticityModel(new PlasticityOptions
        {
            FormationPerUmPerDay = 1, DopamineGated = true, LtpEarlyPhaseH = 3, PrpStabilisationWeight = 0.5, HazardVolumeExponent = 0.7,
        }),
        // the pulse's other integer powers (the vector step computes Hill in the lanes for 1, 2 and 4; with 3 the groups
        // with a pulse take the scalar step), with LTP thresholds off 1/2 (where every power's pulse crosses it at once)
        "hill-1" => new PlasticityModel(new PlasticityOptions { FormationPerUmPerDay = 1, CamKiiHillN = 1, CamKiiLtpThreshold = 0.35 }),
        "hill-2" => new PlasticityModel(new PlasticityOptions { FormationPerUmPerDay = 1, CamKiiHillN = 2, CamKiiLtpThreshold = 0.3 }),
        "hill-3" => new PlasticityModel(new PlasticityOptions { FormationPerUmPerDay = 1, CamKiiHillN = 3, CamKiiLtpThreshold = 0.4 }),
        // without the PP1 reset CaMKII can stay on after a pulse: such spines take the full step
        _ => new PlasticityModel(new PlasticityOptions { FormationPerUmPerDay = 1, CamKiiResetTimeMin = 0 }),
    };

    /// <summary>
    /// The quiet step with activity (StepQuietWithActivity) against the full StepSpine with calcium, dopamine and PRPs as
    /// inputs: for every spine it calls quiet, the very bits of StepSpine (head, age, integrals, class, flags, early phase,
    /// CaMKII, the early-phase counts and volume change) and no event; for every other one, nothing changed. All spines in
    /// one call per step (vectorized: four at a time where 256-bit vectors are accelerated, the last few one by one; or one
    /// at a time throughout), then each one's StepSpine with the same words and noise. Both kinds occur, among the quiet
    /// ones steps with calcium, early LTD inductions and reversals.
    /// </summary>
    [Theory]
    [MemberData(nameof(ActivityModels))]
    public void QuietStepsWithActivityGetStepSpinesBitsAndTheOthersAreLeftAlone(string name, bool countEarlyPhase, bool vectorized)
    {
        var model = ActivityModel(name);
        var (spines, streams) = MixedPopulation(model, 23, 4_001);
        var inputStream = new RandomStream(23, 2, StreamId.Setup);
        var events = new List<StructuralEvent>();
        const int w = PlasticityModel.WordsPerStep;
        long quietSteps = 0, quietWithCalcium = 0, quietInEarlyPhase = 0, fullSteps = 0, fullWithEvent = 0, withoutInputs = 0;
        var quietKinds = new Dictionary<EarlyPhaseKind, long>();
        for (int k = 0; k < 48; k++)
        {
            double m = 1 + 2 * Math.Exp(-Math.Pow((k - 20) / 8.0, 2));
            var env = StepEnvironment.Neutral(k, 1, Arm.Drug) with
            {
                Occupancy = 0.3 * (m - 1), TransientEliminationMultiplier = m, StabilisationMultiplier = 1 + (m - 1) / 2,
                SilencingPerH = k is >= 10 and < 30 ? 0.01 : 0, EliminationCause = "drug", FormationCause = "drug",
            };
            var q = model.QuietStepFor(in env);
            Assert.True(q.Possible);
            int n = spines.Count;
            var words = new uint[w * n];
            var noise = new double[2 * n];
            var calcium = new double[n];
            var prp = new double[n];
            var hot = new QuietSpine[n];
            var fields = new ActivitySpine[n];
            // the step's dopamine (the same for all spines), on or off
            double dopamine = k % 3 == 1 ? 0 : 1;
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < w; j++) words[w * i + j] = streams[i].NextUInt32();
                model.SizeNoise(words.AsSpan(w * i, w), in env, noise.AsSpan(2 * i, 2));
                // calcium: none (-0: no inputs at all, or +0), in the LTD window, around the LTP threshold, far above; PRPs now and then
                double u = inputStream.NextDouble();
                calcium[i] = u < 0.2 ? -0.0 : u < 0.35 ? 0 : u < 0.75 ? 0.4 + 1.8 * inputStream.NextDouble() : u < 0.95 ? 1.5 + 2 * inputStream.NextDouble() : 5 + 50 * inputStream.NextDouble();
                prp[i] = k % 5 == 0 ? 0.3 * inputStream.NextDouble() : 0;
                hot[i] = model.QuietSpineOf(spines[i]);
                fields[i] = PlasticityModel.ActivitySpineOf(spines[i]);
            }
            var (hotBefore, fieldsBefore) = (hot.ToArray(), fields.ToArray());
            var quiet = new bool[n];
            var volumeChanges = Enumerable.Repeat(double.NaN, n).ToArray(); // written for every spine
            EarlyPhaseCounts quietCounts = default;
            // PRPs as the segment's inbox (the engine's exchange), or none at all when they are all 0
            model.StepQuietWithActivity(in q, hot, fields, calcium, dopamine, k % 5 == 0 ? prp : default, words, noise, countEarlyPhase, quiet, volumeChanges,
                ref quietCounts, vectorized);
            EarlyPhaseCounts fullCounts = default;
            var eliminated = new List<int>();
            for (int i = 0; i < n; i++)
            {
                ref var s = ref CollectionsMarshal.AsSpan(spines)[i]; // stepped in place
                bool early = s.Ltp is LtpPhase.Early or LtpPhase.EarlyLtd;
                bool none = BitConverter.DoubleToInt64Bits(calcium[i]) == long.MinValue;
                if (none) withoutInputs++;
                var inputs = none ? SpineInputs.None with { PrpOccupancy = prp[i] } : new SpineInputs(calcium[i], prp[i], dopamine, 0);
                events.Clear();
                EarlyPhaseCounts counts = default;
                var neck = (s.NeckLengthUm, s.NeckDiameterUm);
                var fate = model.StepSpine(ref s, in env, in inputs, words.AsSpan(w * i, w), noise[2 * i], noise[2 * i + 1], events, ref counts, countEarlyPhase);
                // no step changes a neck (the engine keeps the neck's place on the activity's surface across full steps)
                Assert.Equal(neck, (s.NeckLengthUm, s.NeckDiameterUm));
                if (quiet[i])
                {
                    quietSteps++;
                    if (calcium[i] > 0) quietWithCalcium++;
                    if (early) quietInEarlyPhase++;
                    var kind = KindOf(counts);
                    quietKinds[kind] = quietKinds.GetValueOrDefault(kind) + 1;
                    Assert.Equal(SpineFate.Alive, fate);
                    Assert.Empty(events);
                    Assert.Equal(Bits(s.AgeH), Bits(hot[i].AgeH));
                    Assert.Equal(Bits(s.HeadVolumeUm3), Bits(hot[i].HeadVolumeUm3));
                    Assert.Equal(Bits(s.OccupancyIntegralH), Bits(hot[i].OccupancyIntegralH));
                    Assert.Equal(Bits(s.PrpIntegralH), Bits(hot[i].PrpIntegralH));
                    Assert.Equal(s.Stage, hot[i].Stage);
                    Assert.Equal(model.QuietFlagsOf(s), hot[i].Flags);
                    Assert.Equal(s.Ltp, fields[i].Ltp);
                    Assert.Equal(Bits(s.LtpSinceH), Bits(fields[i].LtpSinceH));
                    Assert.Equal(Bits(s.EarlyLtpFactor), Bits(fields[i].EarlyLtpFactor));
                    Assert.Equal(0.0, s.CamKii);
                    // the engine adds each quiet spine's volume change in spine order: the full step's change, bit for bit
                    Assert.Equal(Bits(counts.VolumeChangeUm3), Bits(0.0 + volumeChanges[i]));
                    fullCounts.LtpInductions += counts.LtpInductions;
                    fullCounts.LtpReversals += counts.LtpReversals;
                    fullCounts.LtdInductions += counts.LtdInductions;
                    fullCounts.LtdReversals += counts.LtdReversals;
                }
                else
                {
                    fullSteps++;
                    if (events.Count > 0) fullWithEvent++;
                    Assert.Equal(hotBefore[i], hot[i]);
                    Assert.Equal(fieldsBefore[i], fields[i]);
                }
                if (fate == SpineFate.Eliminated) eliminated.Add(i);
            }
            // the counts of the quiet spines' early-phase changes are theirs, and nothing else
            Assert.Equal((fullCounts.LtpInductions, fullCounts.LtpReversals, fullCounts.LtdInductions, fullCounts.LtdReversals),
                (quietCounts.LtpInductions, quietCounts.LtpReversals, quietCounts.LtdInductions, quietCounts.LtdReversals));
            Assert.Equal(0.0, quietCounts.VolumeChangeUm3);
            for (int j = eliminated.Count - 1; j >= 0; j--)
            {
                spines.RemoveAt(eliminated[j]);
                streams.RemoveAt(eliminated[j]);
            }
        }
        string kinds = string.Join(", ", quietKinds.Select(x => $"{x.Key} {x.Value}"));
        output.WriteLine($"{name}, counted {countEarlyPhase}, vectorized {vectorized}: {quietSteps} quiet steps ({quietWithCalcium} with calcium, " +
                         $"{quietInEarlyPhase} in an early phase; {kinds}), {fullSteps} full ({fullWithEvent} with an event); {withoutInputs} without inputs");
        Assert.True(fullWithEvent > 100, $"{fullWithEvent} full steps with an event");
        Assert.True(withoutInputs > 10_000, $"{withoutInputs} spine-steps without inputs");
        if (name == "no-phosphatase")
        {
            // CaMKII stays on after every pulse: each spine with calcium takes the full step, the others the quiet one
            Assert.Equal(0, quietWithCalcium);
            Assert.True(quietSteps > 1_000, $"{quietSteps} quiet steps");
            return;
        }
        // calcium that changes nothing (below the LTD window, or above it without LTP) is quiet whatever the counting
        Assert.True(quietWithCalcium > (countEarlyPhase ? 20_000 : 1_000), $"{quietWithCalcium} quiet steps with calcium");
        if (countEarlyPhase)
        {
            // early LTD and LTP induced and reversed on the quiet path (each kind in numbers, so that counts that went to
            // another kind fail the comparison above), and spines kept in their early phase
            Assert.True(quietKinds.GetValueOrDefault(EarlyPhaseKind.LtdInduction) > 1_000, kinds);
            Assert.True(quietKinds.GetValueOrDefault(EarlyPhaseKind.LtdReversal) > 500, kinds);
            Assert.True(quietKinds.GetValueOrDefault(EarlyPhaseKind.LtpInduction) > 1_000, kinds);
            Assert.True(quietKinds.GetValueOrDefault(EarlyPhaseKind.LtpReversal) > 500, kinds);
            Assert.True(quietInEarlyPhase > 1_000, $"{quietInEarlyPhase} quiet steps in an early phase");
        }
        else Assert.Equal(quietSteps, quietKinds.GetValueOrDefault(EarlyPhaseKind.None)); // early-phase changes are events: full steps
    }

    private static long Bits(double x) => BitConverter.DoubleToInt64Bits(x);

    /// <summary>The one early-phase change a spine's counts hold (at most one per quiet step).</summary>
    private static EarlyPhaseKind KindOf(EarlyPhaseCounts c)
    {
        Assert.True(c.Total <= 1, $"{c.Total} early-phase changes in one quiet step");
        return c.LtpInductions > 0 ? EarlyPhaseKind.LtpInduction : c.LtpReversals > 0 ? EarlyPhaseKind.LtpReversal
            : c.LtdInductions > 0 ? EarlyPhaseKind.LtdInduction : c.LtdReversals > 0 ? EarlyPhaseKind.LtdReversal : EarlyPhaseKind.None;
    }

    [Fact]
    public void NotPossibleWithAnotherStepLengthOrTheSynapseCycle()
    {
        var model = new PlasticityModel(new PlasticityOptions { FormationPerUmPerDay = 1 }, stepH: 1);
        Assert.True(model.QuietStepFor(StepEnvironment.Neutral(0, 1, Arm.Vehicle)).Possible);
        Assert.False(model.QuietStepFor(StepEnvironment.Neutral(0, 0.5, Arm.Vehicle)).Possible);
        var q = model.QuietStepFor(StepEnvironment.Neutral(0, 0.5, Arm.Vehicle));
        Assert.Throws<InvalidOperationException>(() => model.StepQuiet(in q, new QuietSpine[1], default, new uint[5], new double[2], new bool[1]));
    }

    [Fact]
    public void FilopodiaAndSpinesWithCamKiiAreNeverQuiet()
    {
        var model = new PlasticityModel(new PlasticityOptions { FormationPerUmPerDay = 1 });
        var rng = new RandomStream(3, 0, StreamId.Setup);
        var filopodium = model.NewSpine(1, 0, 0, 0, rng, initial: false, filopodium: true);
        var camKii = model.NewSpine(2, 0, 0, 0, rng, initial: true);
        camKii.CamKii = 0.3;
        var plain = model.NewSpine(3, 0, 0, 0, rng, initial: true);
        Assert.True((model.QuietFlagsOf(filopodium) & QuietFlags.NotQuiet) != 0);
        Assert.True((model.QuietFlagsOf(camKii) & QuietFlags.NotQuiet) != 0);
        Assert.True((model.QuietFlagsOf(plain) & QuietFlags.NotQuiet) == 0);
        var hot = new[] { model.QuietSpineOf(filopodium), model.QuietSpineOf(camKii) };
        var quiet = new bool[2];
        // words far from any event: uniforms near 1
        var words = Enumerable.Repeat(uint.MaxValue - 1, 10).ToArray();
        var q = model.QuietStepFor(StepEnvironment.Neutral(0, 1, Arm.Vehicle));
        model.StepQuiet(in q, hot, default, words, [1, 0, 1, 0], quiet);
        Assert.Equal([false, false], quiet);
    }
}
