using AgentSpines.Actors.Population;
using AgentSpines.Actors.TestKit;
using AgentSpines.Core.Random;
using AgentSpines.Plasticity.Model;
using AgentSpines.Plasticity.Options;
using AgentSpines.Plasticity.Regime;
using AgentSpines.Plasticity.State;

namespace AgentSpines.Actors.Tests.Population;

/// <summary>Issue 3 item 6: a spine actor keeps its current and time-integrated occupancy of each species.</summary>
public class SpineExposureTests
{
    [Fact]
    public void SpineKeepsCurrentAndIntegratedOccupancyPerSpecies()
    {
        var kit = new AgentSpines.Actors.TestKit.TestKit(1);
        var clock = new PopulationClock(new PlasticityModel(new PlasticityOptions()), new DrugRegime(new RegimeOptions()), Arm.Vehicle, 1);
        var state = new SpineState { Id = 5, HeadVolumeUm3 = 0.1, NeckLengthUm = 0.8, NeckDiameterUm = 0.1, Stage = LifeStage.Thin };
        var probe = kit.CreateTestProbe();
        var spine = kit.ActorOfAsTestActorRef<SpineActor>(Props.Create(() => new SpineActor(state, new RandomStream(1, 5, StreamId.LifeCycle), clock, probe, null)), "spine", 5);
        Assert.Equal(0, spine.UnderlyingActor.Occupancy(0));
        Assert.True(spine.Receive(new SpineExposure(0, 1.0, [2.5, 0.5], [3, 0], 0.5)));
        Assert.True(spine.Receive(new SpineExposure(1, 0.5, [1.0, 0.0], [1, 0], 0.2)));
        var a = spine.UnderlyingActor;
        Assert.Equal(2.5 + 0.5, a.OccupancyIntegralParticleH(0), 12);
        Assert.Equal(0.5, a.OccupancyIntegralParticleH(1), 12);
        Assert.Equal(1, a.Occupancy(0));
        Assert.Equal(0, a.Occupancy(1));
        Assert.Equal(0, a.OccupancyIntegralParticleH(7)); // a species it never saw
    }
}
