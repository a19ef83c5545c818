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
    public static TheoryData<string> Models => new() { "default", "pow-and-prp" };

    private static PlasticityModel Model(string name) => name switch
    {
        "default" => new PlasticityModel(new PlasticityOptions { FormationPerUmPerDay = 1 }),
        // exponents off the sqrt fast paths (Math.Pow) and PRPs feeding stabilisation
        _ => new PlasticityModel(new PlasticityOptions
        {
            FormationPerUmPerDay = 1, HazardVolumeExponent = 0.7, StabilisationVolumeExponent = 0.3, PrpStabilisationWeight = 0.5,
            StabilisationPerDay = 2,
        }),
    };

    [Theory]
    [MemberData(nameof(Models))]
    public void QuietSpinesGetStepSpinesBitsAndTheOthersAreLeftAlone(string name)
    {
        var model = Model(name);
        var rng0 = new RandomStream(21, 0, StreamId.Setup);
        // a mixed population: the baseline steady state and newborn (silent, nascent) spines
        var spines = Enumerable.Range(0, 8_000).Select(i => model.NewSpine((ulong)i, 0, 0, 0, rng0, initial: i % 4 != 0)).ToList();
        var streams = spines.Select(x => new RandomStream(21, x.Id, StreamId.LifeCycle)).ToList();
        var prpStream = new RandomStream(21, 1, StreamId.Setup);
        var events = new List<StructuralEvent>();
        Span<uint> words = stackalloc uint[PlasticityModel.WordsPerStep];
        Span<double> noise = stackalloc double[2];
        var hot = new QuietSpine[1];
        var quiet = new bool[1];
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
            for (int i = spines.Count - 1; i >= 0; i--)
            {
                var s = spines[i];
                for (int w = 0; w < words.Length; w++) words[w] = streams[i].NextUInt32();
                model.SizeNoise(words, in env, noise);
                double prp = k % 3 == 0 ? prpStream.NextDouble() : 0;
                hot[0] = model.QuietSpineOf(s);
                var before = hot[0];
                model.StepQuiet(in q, hot, k % 3 == 0 ? [prp] : default, words, noise, quiet);

                events.Clear();
                var fate = model.StepSpine(s, in env, new SpineInputs(0, prp, 0, 0), words, noise[0], noise[1], events);
                if (quiet[0])
                {
                    quietSteps++;
                    Assert.Equal(SpineFate.Alive, fate);
                    Assert.Empty(events);
                    Assert.Equal(BitConverter.DoubleToInt64Bits(s.AgeH), BitConverter.DoubleToInt64Bits(hot[0].AgeH));
                    Assert.Equal(BitConverter.DoubleToInt64Bits(s.HeadVolumeUm3), BitConverter.DoubleToInt64Bits(hot[0].HeadVolumeUm3));
                    Assert.Equal(BitConverter.DoubleToInt64Bits(s.OccupancyIntegralH), BitConverter.DoubleToInt64Bits(hot[0].OccupancyIntegralH));
                    Assert.Equal(BitConverter.DoubleToInt64Bits(s.PrpIntegralH), BitConverter.DoubleToInt64Bits(hot[0].PrpIntegralH));
                    Assert.Equal(s.Stage, hot[0].Stage);
                    Assert.Equal(model.QuietFlagsOf(s), hot[0].Flags);
                }
                else
                {
                    fullSteps++;
                    if (events.Count > 0) fullWithEvent++;
                    Assert.Equal(before, hot[0]);
                }
                if (fate == SpineFate.Eliminated)
                {
                    spines.RemoveAt(i);
                    streams.RemoveAt(i);
                }
            }
        }
        output.WriteLine($"{name}: {quietSteps} quiet steps, {fullSteps} full ({fullWithEvent} with an event)");
        // both paths taken: most steps quiet, and every step with an event among the full ones
        Assert.InRange((double)quietSteps / (quietSteps + fullSteps), 0.9, 1.0);
        Assert.True(fullWithEvent > 200, $"{fullWithEvent} full steps with an event");
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
