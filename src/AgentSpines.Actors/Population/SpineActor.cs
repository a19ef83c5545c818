using AgentSpines.Core.Random;
using AgentSpines.Plasticity.Model;
using AgentSpines.Plasticity.State;

namespace AgentSpines.Actors.Population;

/// <summary>
/// One dendritic spine. Owns its structural state and its random stream (keyed by its id); each step it reports
/// its census row when asked, applies the plasticity rules, sends its events to the recorder and, when it is
/// eliminated, tells its segment and stops. With particle exchange on, it keeps its occupancy of each species (now
/// and integrated over time), and the PRP occupancy of the last step is an input of this one.
/// </summary>
public sealed class SpineActor(SpineState state, RandomStream rng, PopulationClock clock, IActorRef recorder, ISpineActivity? activity)
    : ActorBase, IStepped
{
    [ThreadStatic] private static List<StructuralEvent>? _scratch;
    private RandomStream? _activityRng;
    private SpineExposure? _exposure;
    private double[] _integralParticleH = [];
    private long _step;

    public SpineState State => state;

    /// <summary>Particles of species s in this spine at the end of the last exchanged step (0 when it held none).</summary>
    public int Occupancy(int s) => _exposure is { } e && e.StepIndex >= _step - 1 && s < e.Occupancy.Length ? e.Occupancy[s] : 0;

    /// <summary>Time integral of the occupancy of species s since the spine formed, particle*h (PRP occupancy: State.PrpIntegralH).</summary>
    public double OccupancyIntegralParticleH(int s) => s < _integralParticleH.Length ? _integralParticleH[s] : 0;

    /// <summary>The step reads the state and the stream: fetch them while the spines before this one step.</summary>
    public void PrepareStep()
    {
        Prefetch.Object(state);
        Prefetch.Object(rng);
    }

    public void OnStep(in StepInfo step)
    {
        _step = step.Index;
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
        if (_exposure != null && _exposure.StepIndex == step.Index - 1) inputs = inputs with { PrpOccupancy = _exposure.PrpOccupancy };
        var fate = clock.Model.StepSpine(state, in clock.Environment, inputs, rng, events);
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
        if (message is not SpineExposure e) return false;
        _exposure = e;
        if (_integralParticleH.Length < e.MeanOccupancy.Length) Array.Resize(ref _integralParticleH, e.MeanOccupancy.Length);
        for (int s = 0; s < e.MeanOccupancy.Length; s++) _integralParticleH[s] += e.MeanOccupancy[s] * e.StepH;
        return true;
    }

    public static SpineCensusRow Census(SpineState s) => new(s.Id, s.SegmentId, s.PositionUm, s.Stage, s.Silent, s.Persistent,
        s.HeadVolumeUm3, s.HeadWidthUm, s.NeckLengthUm, s.NeckDiameterUm, s.AgeH, s.FormedAtH, s.AmpaContent, s.NmdaContent);
}

/// <summary>Activity-dependent inputs of a spine for one step (electrodiffusion episodes), drawn from the spine's activity stream.</summary>
public interface ISpineActivity
{
    SpineInputs InputsFor(SpineState spine, PopulationClock clock, RandomStream rng, out EpisodeAggregate? aggregate);
}
