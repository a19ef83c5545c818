using AgentSpines.Core.Random;
using AgentSpines.Plasticity.Model;
using AgentSpines.Plasticity.Options;
using AgentSpines.Plasticity.State;

namespace AgentSpines.Plasticity.Tests;

public class CamKiiTests
{
    private static readonly PlasticityOptions O = new();

    [Fact]
    public void SwitchIsBistable()
    {
        // a strong pulse flips it and autophosphorylation keeps it up after calcium is gone; a weak one decays
        double strong = CamKiiSwitch.Step(0, 8, 1, O);
        double weak = CamKiiSwitch.Step(0, 0.8, 1, O);
        for (int i = 0; i < 5; i++) { strong = CamKiiSwitch.Step(strong, 0, 1, O); weak = CamKiiSwitch.Step(weak, 0, 1, O); }
        Assert.True(strong > 0.5, $"strong {strong}");
        Assert.True(weak < 0.05, $"weak {weak}");
    }

    private static (SpineState S, List<StructuralEvent> Ev) Stimulate(double prpOccupancy)
    {
        var m = new PlasticityModel(new PlasticityOptions { FormationPerUmPerDay = 1, TransientHazardPerDay = 0, KestenLogASdPerSqrtH = 0, KestenBSdUm3PerSqrtH = 0, YoungHazardBoost = 0 });
        var s = new SpineState { Id = 1, HeadVolumeUm3 = 0.1, NeckLengthUm = 1, Stage = LifeStage.Thin, AgeH = 1000 };
        var ev = new List<StructuralEvent>();
        var env = StepEnvironment.Neutral(0, 1, Arm.Vehicle);
        var rng = new RandomStream(1, 1, StreamId.LifeCycle);
        m.StepSpine(s, env, new SpineInputs(8, prpOccupancy, 0, 0), rng, ev);
        for (int i = 0; i < 3; i++) m.StepSpine(s, env with { TimeH = i + 1 }, new SpineInputs(0, prpOccupancy, 0, 0), rng, ev);
        return (s, ev);
    }

    [Fact]
    public void EarlyLtpRevertsWithoutPlasticityRelatedParticles()
    {
        var (s, ev) = Stimulate(0);
        Assert.Contains(ev, e => e.EventType == StructuralEvent.Enlarged && e.Cause == StructuralEvent.Ltp);
        Assert.Contains(ev, e => e.EventType == StructuralEvent.Shrunk && e.Cause == StructuralEvent.Ltp);
        Assert.False(s.Persistent);
    }

    [Fact]
    public void LateLtpNeedsCapturedParticlesAndStabilises()
    {
        var (s, ev) = Stimulate(0.5);
        Assert.Contains(ev, e => e.EventType == StructuralEvent.Stabilised && e.Cause == StructuralEvent.Ltp);
        Assert.DoesNotContain(ev, e => e.EventType == StructuralEvent.Shrunk);
        Assert.True(s.Persistent);
        Assert.True(s.HeadVolumeUm3 > 0.13, $"volume {s.HeadVolumeUm3}");
    }

    [Fact]
    public void NothingHappensWithoutInputs()
    {
        var m = new PlasticityModel(new PlasticityOptions { FormationPerUmPerDay = 1 });
        var s = new SpineState { Id = 1, HeadVolumeUm3 = 0.1, NeckLengthUm = 1, Stage = LifeStage.Thin, AgeH = 1000 };
        m.StepSpine(s, StepEnvironment.Neutral(0, 1, Arm.Vehicle), SpineInputs.None, new RandomStream(1, 1, 5), new List<StructuralEvent>());
        Assert.Equal(0, s.CamKii);
        Assert.Equal(LtpPhase.None, s.Ltp);
    }
}
