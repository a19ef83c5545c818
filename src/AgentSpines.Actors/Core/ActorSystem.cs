namespace AgentSpines.Actors;

/// <summary>
/// Owns the actors and runs them in deterministic steps. A step is: round 0 calls OnStep on every
/// <see cref="IStepped"/> actor; then, while messages are pending, each round delivers every message sent in
/// the previous round, in canonical order (sender id ascending, then send sequence), and runs the receiving
/// actors in parallel on up to <see cref="Threads"/> threads. Creation, stops and failures are applied between
/// rounds in id order, so the outcome is identical for any thread count.
/// </summary>
public sealed partial class ActorSystem
{
    [ThreadStatic] private static ActorCell? _current;
    [ThreadStatic] private static ActorCell? _currentSender;
    internal static ActorCell? Current => _current;
    internal static ActorCell? CurrentSender => _currentSender;
    private ulong _registrations;

    private readonly Dictionary<ulong, ActorCell> _registry = new();
    private readonly ActorCell _root;
    private readonly SteppedActors _stepped = new();
    private bool _steppedDirty;
    private readonly List<ActorCell> _createdThisRound = new();
    private readonly object _createLock = new();
    private readonly List<ActorCell> _stopRequests = new();
    private readonly object _stopLock = new();
    private readonly List<FailureRecord> _failures = new();
    private long _deadLetters, _unhandled, _delivered;

    internal readonly ActorCell External;

    public ActorSystem(string name, int threads = 0, int maxRoundsPerStep = 1000)
    {
        Name = name;
        Threads = threads <= 0 ? Environment.ProcessorCount : threads;
        MaxRoundsPerStep = maxRoundsPerStep;
        External = new ActorCell(this, null, null, 0, "system");
        _root = new ActorCell(this, null, null, 1, "user");
        _root.Actor = new GuardianActor();
        _root.Actor.Attach(_root);
        CreateBuffers();
    }

    public string Name { get; }
    public int Threads { get; }
    public int MaxRoundsPerStep { get; }
    public StepInfo CurrentStep { get; private set; }

    /// <summary>Messages sent to stopped or unknown actors.</summary>
    public long DeadLetters => Interlocked.Read(ref _deadLetters);
    /// <summary>Messages an actor's OnReceive declined.</summary>
    public long Unhandled => Interlocked.Read(ref _unhandled);
    public long Delivered => _delivered;
    public int ActorCount => _registry.Count;
    public IReadOnlyList<FailureRecord> Failures => _failures;

    /// <summary>The strategy applied to top-level actors (children of /user). Default: escalate, i.e. fail the run.</summary>
    public SupervisorStrategy RootStrategy { get; set; } = SupervisorStrategy.EscalatingStrategy;

    /// <summary>The system's own reference (id 0): the sender of messages told from outside any actor.</summary>
    public IActorRef NoSender => External;

    /// <summary>Creates a top-level actor. Call between steps (or from inside an actor for its own children).</summary>
    public IActorRef ActorOf(Props props, ulong id, string name) => CreateChild(_root, props, id, name);

    public IActorRef ActorOf(Props props, string name) => _root.ActorOf(props, name);

    public IActorRef? Lookup(ulong id) => _registry.TryGetValue(id, out var c) && !c.Stopped ? c : null;

    /// <summary>Stops an actor from outside (between steps).</summary>
    public void Stop(IActorRef actor)
    {
        if (ActorRefs.Cell(actor) is { } c && c.Sys == this) { RequestStop(c); ApplyStops(); }
    }

    /// <summary>Runs one step: the step hook of every stepped actor, then message rounds until none are pending.</summary>
    public void RunStep(in StepInfo step)
    {
        CurrentStep = step;
        ApplyCreations();
        if (_steppedDirty) _stepped.Reset(_registry.Values);
        _steppedDirty = false;
        _stepped.Update();
        RunStepHooks(in step);
        EndOfRound();
        RunRounds();
    }

    /// <summary>Delivers pending messages, round after round, without calling step hooks (tests, set-up, shutdown).</summary>
    public void DrainMessages()
    {
        EndOfRound();
        RunRounds();
    }

    private void RunRounds()
    {
        int round = 0;
        while (CollectSenders())
        {
            if (++round > MaxRoundsPerStep)
                throw new ActorSystemFailedException($"step {CurrentStep.Index}: messages still pending after {MaxRoundsPerStep} rounds (a message loop between actors?)", new InvalidOperationException("livelock"));
            RunMessageRound();
            EndOfRound();
        }
    }
}
