using AgentSpines.Plasticity.Model;
using AgentSpines.Core.Random;
using AgentSpines.Actors.Population;
using AgentSpines.Actors.Simulation;
using AgentSpines.Plasticity.State;
using AgentSpines.EventLog.Reading;
using AgentSpines.EventLog.Schema;

namespace AgentSpines.Actors.Tests.Population;

public class EpisodeActivityTests
{
    [Fact]
    public void CalciumProxyFollowsChargeBalance()
    {
        var a = new EpisodeActivity(new ActivityOptions(), 0.4, null!);
        // 100 fC, 10% Ca, head 0.1 um^3: total Ca = 0.1*100e-15 C / (2F) = 5.18e-20 mol = 518 uM in 1e-16 L;
        // free = 518 / 21 = 24.7 uM, times 15 ms = 0.370 uM*s.
        double expected = 0.1 * 100e-15 / (2 * 96485.33212) / (0.1e-15) * 1e6 / 21 * 0.015;
        Assert.Equal(expected, a.CalciumUMS(100, 0.1), 12);
        Assert.Equal(0.370, a.CalciumUMS(100, 0.1), 3);
        Assert.Equal(2 * a.CalciumUMS(100, 0.2), a.CalciumUMS(100, 0.1), 12); // smaller heads reach higher concentrations
    }

    [Fact]
    public void GeometryFollowsTheSpine()
    {
        var a = new EpisodeActivity(new ActivityOptions(), 0.4, null!);
        var s = new SpineState { HeadVolumeUm3 = 0.098, NeckDiameterUm = 0.07, NeckLengthUm = 0.5, Stage = LifeStage.Mushroom };
        var g = a.Geometry(s)!;
        Assert.Equal(250, g.HeadRadiusNm, 0); // the paper's spine A: 0.098 um^3 over a 500 nm head
        Assert.Equal(70, g.NeckDiameterNm, 9);
        Assert.Null(a.Geometry(new SpineState { HeadVolumeUm3 = 0.098, NeckDiameterUm = 2, NeckLengthUm = 0.5 })); // neck wider than head
    }

    /// <summary>A small activity run (4 inputs per spine per hour, 2 dendrites, 4 days) with its own surface cache, read back.</summary>
    private static (Dictionary<string, ColumnData> Episodes, Dictionary<string, ColumnData> Events) ActiveRun(params string[] extra)
    {
        string cache = Path.Combine(Path.GetTempPath(), "agentspines-surfaces-" + Guid.NewGuid().ToString("N"));
        var config = EngineFixtures.Config("baseline.json", [.. new[] { "--Run:DurationDays=4", "--Run:Replicates=1", "--Dendrites:Count=2",
            "--Activity:Enabled=true", "--Activity:EpisodesPerSpinePerHour=4", $"--Activity:SurfaceCacheDir={cache}",
            "--Activity:SurfaceHeadVolumeMinUm3=0.01", "--Activity:SurfaceHeadVolumeMaxUm3=0.5", "--Activity:SurfaceTolerance=0.01" }, .. extra]);
        string dir;
        try
        {
            (dir, _) = EngineFixtures.RunToDataset(config, 2);
            Assert.Single(Directory.GetFiles(cache, "*.surface")); // the run built its surface into the cache directory
        }
        finally
        {
            if (Directory.Exists(cache)) Directory.Delete(cache, true);
        }
        return (Table(dir, "episodes"), Table(dir, "events"));
    }

    private static Dictionary<string, ColumnData> Table(string dir, string table)
    {
        var file = Directory.EnumerateFiles(Path.Combine(dir, table), "*.parquet", SearchOption.AllDirectories).Single();
        using var r = ParquetFileReader.Open(file);
        return r.Schema.Columns.ToDictionary(c => c.Name, c => r.ReadColumn(c.Name));
    }

    private static int CountEvents(Dictionary<string, ColumnData> events, string type, string cause)
    {
        int n = 0;
        for (int i = 0; i < events["time_h"].Count; i++)
            if ((string)events["event_type"].GetValue(i)! == type && (string)events["cause"].GetValue(i)! == cause) n++;
        return n;
    }

    [Fact]
    public void ByDefaultTheEpisodesTableHasOneRowPerDendriteAndStepAndEarlyLtpLtdAreCountedThere()
    {
        var (ep, ev) = ActiveRun();
        int rows = ep["time_h"].Count;
        var dendrite = ep["dendrite_id"].ValuesAs<long>();
        var time = ep["time_h"].ValuesAs<double>();
        Assert.All(Enumerable.Range(0, rows), i => Assert.True(ep["segment_id"].IsNull(i) && ep["spine_id"].IsNull(i)));
        Assert.Equal(rows, Enumerable.Range(0, rows).Select(i => (dendrite[i], time[i])).Distinct().Count()); // one per dendrite and step
        Assert.InRange(rows, 2 * 96 * 0.95, 2 * 96); // 4 inputs per spine per hour: nearly every dendrite-hour has episodes
        var spines = ep["spines"].ValuesAs<int>();
        var n = ep["episodes"].ValuesAs<int>();
        var mean = ep["mean_peak_depolarization_mv"].NullableValues<double>();
        var max = ep["max_peak_depolarization_mv"].NullableValues<double>();
        var calcium = ep["mean_calcium_um_s"].NullableValues<double>();
        for (int i = 0; i < rows; i++)
        {
            if (n[i] == 0) { Assert.Null(mean[i]); continue; }
            Assert.InRange(mean[i]!.Value, 0.5, 60); // mV above rest for 25 pA inputs
            Assert.True(max[i] >= mean[i]);
            Assert.True(calcium[i] > 0 && double.IsFinite(calcium[i]!.Value));
            Assert.InRange((double)n[i] / spines[i], 1, 20);
        }
        // Poisson(4) per spine and hour, conditioned on >= 1: about 4.07 episodes per spine with episodes
        Assert.InRange((double)n.Sum() / spines.Sum(), 4 * 0.9, 4 * 1.1 + 0.1);
        // early-phase size changes are in the table, not the events (which keep what lasts: stabilised with cause ltp, ...)
        int ltdIn = ep["ltd_inductions"].ValuesAs<int>().Sum(), ltdOut = ep["ltd_reversals"].ValuesAs<int>().Sum();
        Assert.True(ltdIn > 100, $"{ltdIn} early LTD inductions");
        Assert.InRange(ltdOut, ltdIn - 300, ltdIn); // each is undone after the early phase (those of the last hour not yet)
        Assert.Equal(0, CountEvents(ev, "shrunk", "ltd") + CountEvents(ev, "enlarged", "ltd") + CountEvents(ev, "enlarged", "ltp") + CountEvents(ev, "shrunk", "ltp"));
    }

    [Fact]
    public void SpineRowsSumToTheDendriteRowsAndSizeEventRowsMatchTheCounts()
    {
        // The logging options change what is written, never the run (same streams): the per-spine rows summed per
        // dendrite and step are the default rows, and the events the size-event option adds are the counted ones.
        var (agg, aggEvents) = ActiveRun();
        var (perSpine, events) = ActiveRun("--Activity:EpisodeRows=true", "--Activity:SizeEventRows=true");
        int rows = perSpine["time_h"].Count;
        Assert.True(rows > 5 * agg["time_h"].Count, $"{rows} spine rows vs {agg["time_h"].Count} dendrite rows");
        Assert.All(Enumerable.Range(0, rows), i => Assert.False(perSpine["spine_id"].IsNull(i) || perSpine["segment_id"].IsNull(i)));
        var spineIds = perSpine["spine_id"].ValuesAs<long>();
        var times = perSpine["time_h"].ValuesAs<double>();
        Assert.Equal(rows, Enumerable.Range(0, rows).Select(i => (spineIds[i], times[i])).Distinct().Count());

        var sums = new Dictionary<(long, double), double[]>();
        var (d, sp, n, charge, peak, maxCa) = (perSpine["dendrite_id"].ValuesAs<long>(), perSpine["spines"].ValuesAs<int>(), perSpine["episodes"].ValuesAs<int>(),
            perSpine["nmda_charge_fc"].ValuesAs<double>(), perSpine["mean_peak_depolarization_mv"].NullableValues<double>(), perSpine["max_calcium_um_s"].NullableValues<double>());
        var (ltpIn, ltpOut, ltdIn, ltdOut, dv) = (perSpine["ltp_inductions"].ValuesAs<int>(), perSpine["ltp_reversals"].ValuesAs<int>(), perSpine["ltd_inductions"].ValuesAs<int>(),
            perSpine["ltd_reversals"].ValuesAs<int>(), perSpine["activity_volume_change_um3"].ValuesAs<double>());
        for (int i = 0; i < rows; i++)
        {
            var key = (d[i], times[i]);
            if (!sums.TryGetValue(key, out var s)) sums[key] = s = new double[10];
            Assert.Equal(n[i] > 0 ? 1 : 0, sp[i]);
            s[0] += sp[i];
            s[1] += n[i];
            s[2] += charge[i];
            s[3] += n[i] * (peak[i] ?? 0);
            s[4] = Math.Max(s[4], maxCa[i] ?? 0);
            s[5] += ltpIn[i];
            s[6] += ltpOut[i];
            s[7] += ltdIn[i];
            s[8] += ltdOut[i];
            s[9] += dv[i];
        }
        var (ad, at, aSp, aN, aCharge, aPeak, aMaxCa) = (agg["dendrite_id"].ValuesAs<long>(), agg["time_h"].ValuesAs<double>(), agg["spines"].ValuesAs<int>(),
            agg["episodes"].ValuesAs<int>(), agg["nmda_charge_fc"].ValuesAs<double>(), agg["mean_peak_depolarization_mv"].NullableValues<double>(),
            agg["max_calcium_um_s"].NullableValues<double>());
        var (aLtpIn, aLtpOut, aLtdIn, aLtdOut, aDv) = (agg["ltp_inductions"].ValuesAs<int>(), agg["ltp_reversals"].ValuesAs<int>(), agg["ltd_inductions"].ValuesAs<int>(),
            agg["ltd_reversals"].ValuesAs<int>(), agg["activity_volume_change_um3"].ValuesAs<double>());
        Assert.Equal(sums.Count, at.Length);
        for (int i = 0; i < at.Length; i++)
        {
            var s = sums[(ad[i], at[i])];
            Assert.Equal(s[0], aSp[i]);
            Assert.Equal(s[1], aN[i]);
            Assert.Equal(s[2], aCharge[i], 1e-9 * Math.Abs(s[2]));
            if (aN[i] > 0) Assert.Equal(s[3] / aN[i], aPeak[i]!.Value, 1e-9);
            Assert.Equal(s[4], aMaxCa[i] ?? 0);
            Assert.Equal(s[5], aLtpIn[i]);
            Assert.Equal(s[6], aLtpOut[i]);
            Assert.Equal(s[7], aLtdIn[i]);
            Assert.Equal(s[8], aLtdOut[i]);
            Assert.Equal(s[9], aDv[i], 1e-12);
        }

        // every counted change is an event row with the option, and the other events are the same rows
        int Sum(int[] x) => x.Sum();
        Assert.Equal(Sum(aLtdIn), CountEvents(events, "shrunk", "ltd"));
        Assert.Equal(Sum(aLtdOut), CountEvents(events, "enlarged", "ltd"));
        Assert.Equal(Sum(aLtpIn), CountEvents(events, "enlarged", "ltp"));
        Assert.Equal(Sum(aLtpOut), CountEvents(events, "shrunk", "ltp"));
        int sizeEvents = Sum(aLtdIn) + Sum(aLtdOut) + Sum(aLtpIn) + Sum(aLtpOut);
        Assert.True(sizeEvents > 100, $"{sizeEvents} early-phase size changes");
        Assert.Equal(aggEvents["time_h"].Count + sizeEvents, events["time_h"].Count);
    }

    private static readonly ActivityOptions SmallSurfaceOptions = new() { SurfaceHeadVolumeMinUm3 = 0.02, SurfaceHeadVolumeMaxUm3 = 0.4, SurfaceTolerance = 0.002 };

    private static readonly PlasticityModel Model = new(new AgentSpines.Plasticity.Options.PlasticityOptions());

    /// <summary>A surface over part of the default range (a few hundred fast solves), built once for the tests that need one.</summary>
    private static readonly Lazy<AgentSpines.Physics.Electrodiffusion.Surface.EpisodeResponseSurface> SmallSurface = new(() =>
        AgentSpines.Physics.Electrodiffusion.Surface.EpisodeSurfaceBuilder.Build(EpisodeActivity.SurfaceSpec(SmallSurfaceOptions, 0.4) with
        {
            NeckLengthNm = new AgentSpines.Physics.Electrodiffusion.Surface.SurfaceRange(300, 1500),
        }));

    /// <summary>
    /// Dendrites of every length from 1 to 26 slots (fewer than eight, and every remainder after the groups of eight: the
    /// four-lane pass 1 takes the last eight slots again with the lanes already drawn masked off) and of 63-200 slots (the
    /// live bitmap over several 64-bit words), segments with free slots
    /// between them: the vector passes (the words made as they go) give the slot loop's numbers, positions and sums, bit for bit.
    /// </summary>
    [Fact]
    public void EveryDendriteLengthGivesTheSlotLoopsInputsBitForBit()
    {
        var options = new ActivityOptions
        {
            SurfaceHeadVolumeMinUm3 = SmallSurfaceOptions.SurfaceHeadVolumeMinUm3, SurfaceHeadVolumeMaxUm3 = SmallSurfaceOptions.SurfaceHeadVolumeMaxUm3,
            SurfaceTolerance = SmallSurfaceOptions.SurfaceTolerance, EpisodesPerSpinePerHour = 4,
        };
        ISpineActivity vector = EpisodeActivity.FromSurface(options, 0.4, SmallSurface.Value), scalar = EpisodeActivity.FromSurface(options, 0.4, SmallSurface.Value, vectorized: false);
        var rng = new Random(53);
        var env = StepEnvironment.Neutral(5, 1, Arm.Drug) with { Dopamine = 0.3 };
        const ulong key = 11;
        // and dendrites whose slots span two to four 64-bit words of the live bitmap (a segment across a word's boundary)
        foreach (int slots in Enumerable.Range(1, 26).Concat([63, 64, 65, 127, 128, 129, 136, 200]))
        {
            // live segments of 1-5 spines with 0-2 free slots before each
            var live = new List<(int Start, int Count)>();
            for (int at = rng.Next(0, 3); at < slots; )
            {
                int count = Math.Min(rng.Next(1, 6), slots - at);
                live.Add((at, count));
                at += count + rng.Next(0, 3);
            }
            var states = new SpineState[slots];
            var hot = new QuietSpine[slots];
            var ids = new ulong[slots];
            var positions = new ulong[slots];
            for (int i = 0; i < slots; i++)
            {
                states[i] = new SpineState
                {
                    Id = (ulong)(500 + 31 * slots + i), HeadVolumeUm3 = Math.Exp(Math.Log(0.015) + (Math.Log(0.5) - Math.Log(0.015)) * rng.NextDouble()),
                    NeckLengthUm = 0.25 + 1.4 * rng.NextDouble(), NeckDiameterUm = 0.1, Silent = rng.Next(8) == 0,
                    Stage = rng.Next(10) == 0 ? LifeStage.Filopodium : LifeStage.Thin,
                };
                (hot[i], ids[i], positions[i]) = (Model.QuietSpineOf(states[i]), states[i].Id, (ulong)rng.Next(0, 40));
            }
            for (int step = 0; step < 3; step++)
            {
                var (fieldsV, fieldsS) = (new ActivitySpine[slots], new ActivitySpine[slots]);
                var (posV, posS) = (positions.ToArray(), positions.ToArray());
                var (calciumV, calciumS) = (Enumerable.Repeat(-1.0, slots).ToArray(), Enumerable.Repeat(-1.0, slots).ToArray());
                var (sumsV, sumsS) = (new ActivityTally(), new ActivityTally());
                sumsV.Open(1, step);
                sumsS.Open(1, step);
                vector.InputsOfSlots(in env, hot, fieldsV, states, live.ToArray(), key, ids, posV, new uint[slots], calciumV, default, sumsV);
                scalar.InputsOfSlots(in env, hot, fieldsS, states, live.ToArray(), key, ids, posS, new uint[slots], calciumS, default, sumsS);
                sumsV.Flush();
                sumsS.Flush();
                Assert.Equal(posS, posV);
                Assert.Equal(calciumS.Select(BitConverter.DoubleToInt64Bits), calciumV.Select(BitConverter.DoubleToInt64Bits));
                Assert.Equal(fieldsS, fieldsV);
                Assert.Equal(sumsS.Rows, sumsV.Rows);
                positions = posV;
            }
        }
    }

    [Theory]
    [InlineData(1.0, true)]   // one word per draw from the Poisson table, words made in one batch (eight slots at a time with AVX-512)
    [InlineData(1.0, false)]  // the same one slot at a time
    [InlineData(4.0, true)]   // cocaine's rate: longer table, more queries per group
    [InlineData(12.0, true)]  // PTRS (10 and more per step): a stream per spine at its word position
    public void TheSegmentCallGivesThePerSpineInputsBitForBit(double perHour, bool vectorized)
    {
        // the engine asks for a segment's inputs at once (draws, then queries four at a time); the numbers, the words
        // drawn and the query count must be those of one call per spine with the spine's own stream
        var options = new ActivityOptions
        {
            SurfaceHeadVolumeMinUm3 = SmallSurfaceOptions.SurfaceHeadVolumeMinUm3, SurfaceHeadVolumeMaxUm3 = SmallSurfaceOptions.SurfaceHeadVolumeMaxUm3,
            SurfaceTolerance = SmallSurfaceOptions.SurfaceTolerance, EpisodesPerSpinePerHour = perHour,
        };
        var activity = EpisodeActivity.FromSurface(options, 0.4, SmallSurface.Value, vectorized);
        // the vector passes run where the processor has them (AVX-512: eight lanes, AVX2: four), so this test checks them there
        if (System.Runtime.Intrinsics.X86.Avx2.IsSupported) Assert.True(EpisodeActivity.PassLanes >= 4, $"{EpisodeActivity.PassLanes} lanes with AVX2");
        var rng = new Random(41);
        const int n = 203;
        const ulong key = 9;
        var spines = new SpineState[n];
        for (int i = 0; i < n; i++)
            spines[i] = new SpineState
            {
                Id = (ulong)(1000 + i), HeadVolumeUm3 = Math.Exp(Math.Log(0.015) + (Math.Log(0.5) - Math.Log(0.015)) * rng.NextDouble()), // some outside: exact
                NeckLengthUm = 0.25 + 1.4 * rng.NextDouble(), NeckDiameterUm = i % 61 == 5 ? 0.09 : 0.1, Silent = i % 7 == 3,
                Stage = i % 11 == 4 ? LifeStage.Filopodium : LifeStage.Thin,
            };
        // streams part-way through (spines born at different times), at every offset within a block
        var one = spines.Select((s, i) => RandomStream.AtWord(key, s.Id, StreamId.Activity, (ulong)(i % 9))).ToArray();
        Assert.Equal(Enumerable.Range(0, n).Select(i => (ulong)(i % 9)), one.Select(s => s.WordsUsed));
        var ids = spines.Select(s => s.Id).ToArray();
        var words = one.Select(s => s.WordsUsed).ToArray();
        var env = StepEnvironment.Neutral(5, 1, Arm.Drug) with { Dopamine = 0.3 };
        var inputs = new SpineInputs[n];
        var episodes = new SpineEpisodes[n];
        var fields = new ActivitySpine[n + 12]; // the spines' activity fields in their slots, kept from step to step (the necks' places)
        for (int step = 0; step < 4; step++)
        {
            // other spines in some slots (the engine then makes the slot's activity fields afresh, ActivitySpineOf, whose neck is
            // not located): the neck is located again
            if (step == 2)
                for (int i = 0; i < n; i += 5) spines[i].NeckLengthUm *= i % 10 == 0 ? 1.7 : 0.45;
            long q0 = activity.Surface!.Queries;
            var expectedInputs = new SpineInputs[n];
            var expectedEpisodes = new SpineEpisodes[n];
            for (int i = 0; i < n; i++) expectedInputs[i] = activity.InputsFor(spines[i], in env, one[i], out expectedEpisodes[i]);
            long perSpineQueries = activity.Surface.Queries - q0;
            var next = new uint[n];
            PhiloxBatch.Draw1(key, StreamId.Activity, ids, words, next); // what the engine hands over
            var wordsOfArrays = words.ToArray();
            ((ISpineActivity)activity).InputsFor(spines, in env, key, ids, words, next, inputs, episodes);
            Assert.Equal(expectedInputs, inputs);
            Assert.Equal(expectedEpisodes, episodes);
            Assert.Equal(one.Select(s => s.WordsUsed), words);
            Assert.Equal(perSpineQueries, activity.Surface.Queries - q0 - perSpineQueries);
            // the same from the spines' arrays (what the engine reads instead of the objects), a dendrite's slots at once:
            // segments with free slots between them (never read or written), with episodes per slot or their sums
            long q1 = activity.Surface.Queries;
            var fromArrays = (ISpineActivity)activity;
            Assert.True(fromArrays.ReadsSpineArrays);
            var segments = new[] { (0, 13), (13, 1), (14, 50), (64, n - 64) };
            const int gap = 3;
            int slots = n + gap * segments.Length;
            var live = segments.Select((x, k) => (Start: x.Item1 + gap * k, Count: x.Item2)).ToArray();
            int SlotOf(int i) => i + gap * Array.FindLastIndex(segments, x => x.Item1 <= i);
            var hot = new QuietSpine[slots];
            var slotIds = new ulong[slots];
            var slotPositions = new ulong[slots];
            var slotWords = new uint[slots];
            var slotSpines = new SpineState[slots];
            for (int i = 0; i < n; i++) slotSpines[SlotOf(i)] = spines[i];
            const double poison = -1;
            var calciumOfSlots = Enumerable.Repeat(poison, slots).ToArray();
            var episodesOfSlots = new SpineEpisodes[slots];
            for (int i = 0; i < n; i++)
                (hot[SlotOf(i)], fields[SlotOf(i)], slotIds[SlotOf(i)], slotPositions[SlotOf(i)], slotWords[SlotOf(i)]) =
                    (Model.QuietSpineOf(spines[i]), step == 2 && i % 5 == 0 ? PlasticityModel.ActivitySpineOf(spines[i]) : fields[SlotOf(i)], spines[i].Id,
                        wordsOfArrays[i], next[i]);
            var sums = new ActivityTally();
            sums.Open(7, 5);
            var positionsBefore = slotPositions.ToArray();
            if (step % 2 == 0)
                fromArrays.InputsOfSlots(in env, hot, fields, slotSpines, live, key, slotIds, slotPositions, slotWords, calciumOfSlots, episodesOfSlots, null);
            else
            {
                fromArrays.InputsOfSlots(in env, hot, fields, slotSpines, live, key, slotIds, slotPositions, slotWords, calciumOfSlots, default, sums);
                var expectedSums = new ActivityTally();
                expectedSums.AddEpisodes(7, 5, expectedEpisodes);
                expectedSums.Flush();
                sums.Flush();
                Assert.Equal(expectedSums.Rows, sums.Rows);
                Assert.Single(sums.Rows);
            }
            for (int i = 0; i < n; i++)
            {
                // the inputs as one double per slot (SlotCalcium): -0 for none, the calcium with the step's dopamine otherwise
                Assert.Equal(expectedInputs[i], SlotCalcium.Inputs(calciumOfSlots[SlotOf(i)], env.Dopamine));
                Assert.Equal(expectedInputs[i] == SpineInputs.None, BitConverter.DoubleToInt64Bits(calciumOfSlots[SlotOf(i)]) == long.MinValue);
                if (step % 2 == 0) Assert.Equal(expectedEpisodes[i], episodesOfSlots[SlotOf(i)]);
                Assert.Equal(words[i], slotPositions[SlotOf(i)]);
                // the neck's place on the surface is kept: the same as a fresh lookup (-1 for the necks off the plane); a
                // silent spine or a filopodium draws nothing and is never located
                double t = 0;
                int cell = activity.Surface.LocateNeck(Math.Clamp(spines[i].NeckLengthUm * 1000, 50, 5000), spines[i].NeckDiameterUm * 1000, out t);
                if (spines[i].Silent || spines[i].Stage == LifeStage.Filopodium) (cell, t) = (0, 0);
                Assert.Equal((cell, t), (fields[SlotOf(i)].NeckCell, fields[SlotOf(i)].NeckCellFraction));
            }
            for (int j = 0; j < slots; j++) // free slots untouched
                if (!live.Any(x => j >= x.Start && j < x.Start + x.Count)) Assert.Equal((poison, 0UL), (calciumOfSlots[j], slotPositions[j] - positionsBefore[j]));
            Assert.Equal(perSpineQueries, activity.Surface.Queries - q1);
            Assert.True(episodes.Count(e => e.Count > 0) > n / 3, $"{episodes.Count(e => e.Count > 0)} of {n} spines had episodes"); // 1 per hour: 63 % of the functional ones
            Assert.True(inputs.All(x => x.CalciumUMS == 0 || x.Dopamine == 0.3));
        }
        for (int i = 0; i < n; i++) // a functional spine draws at least a word per step, a silent one or a filopodium none
            Assert.True(spines[i].Silent || spines[i].Stage == LifeStage.Filopodium ? words[i] == (ulong)(i % 9) : words[i] >= (ulong)(i % 9 + 3), $"spine {i}: word {words[i]}");
    }

    [Fact]
    public void SurfaceResponsesAgreeWithDirectEpisodesForPopulationShapes()
    {
        var options = SmallSurfaceOptions;
        var surface = SmallSurface.Value;
        long fallbacks = surface.ExactFallbacks;
        var viaSurface = EpisodeActivity.FromSurface(options, 0.4, surface);
        var direct = new EpisodeActivity(options, 0.4, new AgentSpines.Physics.Electrodiffusion.FastEpisodeModel());
        foreach (var (v, l) in new[] { (0.03, 0.4), (0.1, 0.8), (0.35, 1.4) })
        {
            var s = new SpineState { HeadVolumeUm3 = v, NeckLengthUm = l, NeckDiameterUm = 0.1, Stage = LifeStage.Thin };
            Assert.True(viaSurface.TryResponse(s, out var a));
            Assert.True(direct.TryResponse(s, out var b));
            Assert.True(a.MaxRelativeError(b) < 0.01, $"{v} um^3, {l} um: {a} vs {b}");
        }
        Assert.Equal(fallbacks, surface.ExactFallbacks);
        Assert.False(viaSurface.TryResponse(new SpineState { HeadVolumeUm3 = 0.002, NeckLengthUm = 0.5, NeckDiameterUm = 0.1 }, out _)); // head narrower than the neck
    }
}
