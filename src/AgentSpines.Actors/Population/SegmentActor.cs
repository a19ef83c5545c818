using AgentSpines.Core.Random;
using AgentSpines.Plasticity.State;

namespace AgentSpines.Actors.Population;

/// <summary>
/// One stretch of dendrite. Parent of its spine actors; keeps the places of recent loss and runs spine
/// formation. A step is ordered by two self-messages: phase 1 is delivered before the losses of this step
/// (its sender id is lower than any spine id), phase 2 after them, so formation sees this step's losses, as in
/// the plain PopulationDriver. With particle exchange on, it also tells its dendrite's exchange which spines came
/// and went, and hands each live spine its particle exposure.
/// </summary>
public sealed class SegmentActor(SegmentContext context, IReadOnlyList<(SpineState State, RandomStream Rng)> initial, PopulationClock clock, IActorRef recorder,
    ISpineActivity? activity, IActorRef? exchange = null)
    : ActorBase, IStepped
{
    private readonly List<SpineBirth> _births = new();
    private readonly List<StructuralEvent> _events = new();
    private readonly Dictionary<ulong, IActorRef> _spines = new();
    private readonly List<ulong> _lost = new();
    private RandomStream? _formation;

    public SegmentContext Segment => context;

    protected override void PreStart()
    {
        _formation = new RandomStream(clock.Key, context.SegmentId, StreamId.Formation);
        foreach (var (s, rng) in initial) Spawn(s, rng);
    }

    /// <summary>A spine that throws is stopped and counted as lost; the failure is logged by the system.</summary>
    protected override SupervisorStrategy SupervisorStrategy { get; } = SupervisorStrategy.StoppingStrategy;

    public void OnStep(in StepInfo step)
    {
        if (!clock.Frozen) Self.Tell(FormationPhase1.Instance);
    }

    protected override bool OnReceive(object message)
    {
        switch (message)
        {
            case FormationPhase1:
                Self.Tell(FormationPhase2.Instance);
                return true;
            case SpineLost lost:
                if (lost.LeavesSite) context.RecordLoss(lost.PositionUm, lost.TimeH, lost.Cause);
                if (exchange != null) { _spines.Remove(lost.SpineId); _lost.Add(lost.SpineId); }
                return true;
            case ExposureBatch batch:
                for (int i = 0; i < batch.SpineIds.Length; i++)
                    if (_spines.TryGetValue(batch.SpineIds[i], out var spine)) spine.Tell(batch.Exposures[i]);
                return true;
            case FormationPhase2:
                Form();
                return true;
            default:
                return false;
        }
    }

    private void Form()
    {
        _births.Clear();
        _events.Clear();
        clock.Model.StepFormation(context, in clock.Environment, _formation!, _births);
        double bornAt = clock.TimeH + clock.StepH;
        foreach (var b in _births)
        {
            var rng = new RandomStream(clock.Key, b.SpineId, StreamId.LifeCycle);
            var s = clock.Model.NewSpine(b.SpineId, context.SegmentId, b.PositionUm, bornAt, rng, initial: false, filopodium: b.Filopodium,
                events: _events, cause: b.Cause, effects: context.Effects);
            Spawn(s, rng);
        }
        if (_events.Count > 0) recorder.Tell(new StructuralEvents(_events.ToArray()));
        if (exchange != null && (_births.Count > 0 || _lost.Count > 0))
        {
            exchange.Tell(new RosterChange(_births.Select(b => (b.SpineId, b.PositionUm)).ToArray(), _lost.ToArray()));
            _lost.Clear();
        }
    }

    private void Spawn(SpineState s, RandomStream rng)
    {
        var spine = Context.ActorOf(Props.Create(() => new SpineActor(s, rng, clock, recorder, activity)), s.Id, "spine-" + (s.Id & 0xFFFFFFFF));
        if (exchange != null) _spines[s.Id] = spine;
    }
}
