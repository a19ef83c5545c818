using AgentSpines.Core.Random;
using AgentSpines.Plasticity.Model;
using AgentSpines.Plasticity.State;

namespace AgentSpines.Actors.Population;

/// <summary>
/// One dendritic spine. Owns its structural state and its random stream (keyed by its id); each step it reports
/// its census row when asked, applies the plasticity rules, sends its events to the recorder and, when it is
/// eliminated, tells its segment and stops. With particle exchange on, the PRP occupancy it received for the last
/// step is an input of this one.
/// </summary>
public sealed class SpineActor(SpineState state, RandomStream rng, PopulationClock clock, IActorRef recorder, ISpineActivity? activity)
    : ActorBase, IStepped
{
    [ThreadStatic] private static List<StructuralEvent>? _scratch;
    private RandomStream? _activityRng;
    private PrpExposure? _prp;

    public SpineState State => state;
    /// <summary>PRP occupancy (0..1) of the last step; its time integral is State.PrpIntegralH.</summary>
    public double LastPrpOccupancy => _prp?.Occupancy ?? 0;

    public void OnStep(in StepInfo step)
    {
        if (clock.Census) recorder.Tell(Census(state));
        if (clock.Frozen) return;
        var events = _scratch ??= new List<StructuralEvent>();
        events.Clear();
        var inputs = SpineInputs.None;
        if (activity != null)
        {
            inputs = activity.InputsFor(state, clock, _activityRng ??= new RandomStream(clock.Key, state.Id, StreamId.Activity), out var episodes);
            if (episodes != null) recorder.Tell(episodes);
        }
        if (_prp != null && _prp.StepIndex == step.Index - 1) inputs = inputs with { PrpOccupancy = _prp.Occupancy };
        var env = clock.Environment;
        var fate = clock.Model.StepSpine(state, env, inputs, rng, events);
        if (events.Count > 0) recorder.Tell(new StructuralEvents(events.ToArray()));
        if (fate == SpineFate.Eliminated)
        {
            string cause = events.Count > 0 ? events[^1].Cause : StructuralEvent.Intrinsic;
            bool leavesSite = state.Stage != LifeStage.Filopodium && clock.Model.LeavesLossSite(state);
            Context.Parent!.Tell(new SpineLost(state.Id, state.PositionUm, clock.TimeH + clock.StepH, cause, leavesSite));
            Context.Stop(Self);
        }
    }

    protected override bool OnReceive(object message)
    {
        if (message is not PrpExposure prp) return false;
        _prp = prp;
        return true;
    }

    public static SpineCensusRow Census(SpineState s) => new(s.Id, s.SegmentId, s.PositionUm, s.Stage, s.Silent, s.Persistent,
        s.HeadVolumeUm3, s.HeadWidthUm, s.NeckLengthUm, s.NeckDiameterUm, s.AgeH, s.FormedAtH);
}

/// <summary>Activity-dependent inputs of a spine for one step (electrodiffusion episodes), drawn from the spine's activity stream.</summary>
public interface ISpineActivity
{
    SpineInputs InputsFor(SpineState spine, PopulationClock clock, RandomStream rng, out EpisodeAggregate? aggregate);
}
