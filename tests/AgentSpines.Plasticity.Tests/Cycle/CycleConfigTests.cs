using AgentSpines.Core.Configuration;
using AgentSpines.Core.Random;
using AgentSpines.Plasticity.Model;
using AgentSpines.Plasticity.Options;
using AgentSpines.Plasticity.Regime;
using AgentSpines.Plasticity.State;

namespace AgentSpines.Plasticity.Tests.Cycle;

/// <summary>Regime:Cycle validation, the cycle off by default, and the fixed number of random words per step.</summary>
public class CycleConfigTests
{
    [Theory]
    [InlineData("--Regime:Cycle:Treatments:0:Day=40", "Regime:Cycle:Treatments:0:Day")]
    [InlineData("--Regime:Cycle:Treatments:0:Kind=Hypnosis", "Regime:Cycle:Treatments:0:Kind")]
    [InlineData("--Regime:Cycle:Treatments:0:Efficacy=2", "Regime:Cycle:Treatments:0:Efficacy")]
    [InlineData("--Regime:Cycle:Treatments:0:HoursAfterCue=NaN", "Regime:Cycle:Treatments:0:HoursAfterCue")]
    [InlineData("--Regime:Neuron=Pyramidal", "Regime:Neuron")]
    [InlineData("--Regime:Cycle:Neuron=D1Msn", "Regime:Cycle:Neuron")]
    [InlineData("--Regime:Cycle:Cues:0:Hour=3", "Regime:Cycle:Cues:0:Hour")]
    public void BadValuesNameTheirKey(string badOverride, string key)
    {
        string[] overrides = badOverride.Contains("Treatments")
            ? ["--Regime:Cycle:Treatments:0:Day=72", "--Regime:Cycle:Treatments:0:HoursAfterCue=1", badOverride]
            : [badOverride];
        var e = Assert.ThrowsAny<ConfigException>(() => TestSupport.Load("cocaine_nac_d1.json", overrides));
        Assert.Contains(key, e.Message);
    }

    [Fact]
    public void CuesNeedTheCycleOn()
    {
        var e = Assert.ThrowsAny<ConfigException>(() => TestSupport.Load("cocaine.json", ["--Regime:Cycle:Cues:0:Day=5"]));
        Assert.Contains("Regime:Cycle:Enabled", e.Message);
    }

    [Fact]
    public void OffByDefaultSoOtherConfigsSeeNoCycle()
    {
        var cfg = TestSupport.Load("cocaine.json");
        var regime = new DrugRegime(cfg.Regime);
        double t = cfg.Regime.ReferenceDay * 24 + 48;
        var env = regime.ForAnimal(Arm.Drug).At(t);
        Assert.False(env.Synapses.Enabled);
        Assert.Equal(env, regime.Cycle.Apply(env, t + 0.5)); // the cycle leaves the cascade's environment alone
    }

    [Fact]
    public void StepSpineDrawsTheSameRandomWordsWithTheCycleOnOrOff()
    {
        var cfg = TestSupport.Load("cocaine_nac_d1.json");
        var model = new PlasticityModel(cfg.Plasticity);
        var on = new DrugRegime(cfg.Regime);
        var exposure = on.ForAnimal(Arm.Drug);
        for (int k = 0; k < 200; k++)
        {
            double t = (cfg.Regime.ReferenceDay + 72) * 24 - 100 + k; // around the cue
            var envOn = exposure.At(t);
            Assert.True(envOn.Synapses.Enabled);
            var envOff = envOn with { Synapses = default };
            var (a, b) = (new RandomStream(7, (ulong)k, StreamId.LifeCycle), new RandomStream(7, (ulong)k, StreamId.LifeCycle));
            var s1 = model.NewSpine((ulong)k, 1, 1, 0, new RandomStream(1, (ulong)k, StreamId.Setup), initial: true);
            var s2 = model.NewSpine((ulong)k, 1, 1, 0, new RandomStream(1, (ulong)k, StreamId.Setup), initial: true);
            var events = new List<StructuralEvent>();
            for (int j = 0; j < 5; j++)
            {
                model.StepSpine(ref s1, envOn, SpineInputs.None, a, events);
                model.StepSpine(ref s2, envOff, SpineInputs.None, b, events);
            }
            Assert.Equal(a.NextUInt32(), b.NextUInt32());
        }
    }
}
