using AgentSpines.Actors.Simulation;
using AgentSpines.Core.Identity;
using Akka.Actor;

namespace AgentSpines.Actors.Population;

/// <summary>The actors a coordinator creates and supervises (their props) and how the exchanges map onto blocks.</summary>
public sealed record CoordinatorSetup(RunPlan Plan, Props[] Blocks, int[] BlockOfDendriteOffset, int FirstDendrite, Props[]? Exchanges, Props Recorder,
    string Dispatcher, IProgress<JobProgress>? Progress, CancellationToken Cancellation, int StepsInFlight = 8);

/// <summary>
/// The step barrier of a population run, and the supervisor of every other actor of it. Step k: it sends each
/// segment block its StepSegments (with the exposures of step k-1) and each exchange its StepExchange (with the
/// roster changes of step k-1), and waits for every answer. Answers are kept in slots by sender (block index,
/// dendrite), so what follows never depends on arrival order: the step's rows go to the recorder as one message,
/// blocks then exchanges in id order, and roster changes and exposures are routed to the next step in that order.
/// The recorder writes behind; at most StepsInFlight steps wait for it (enough that the segments step on while it encodes
/// a row group; a step's rows are small except at the few census steps). Any exception of a child fails the run with
/// one message that names the actor and the step.
/// </summary>
public sealed class CoordinatorActor : ReceiveActor
{
    private readonly CoordinatorSetup _setup;
    private IActorRef[] _blocks = [];
    private IActorRef[] _exchanges = [];
    private IActorRef _recorder = ActorRefs.Nobody;
    private IActorRef _requester = ActorRefs.Nobody;
    private SegmentsStepped?[] _blockReplies = [];
    private ExchangeStepped?[] _exchangeReplies = [];
    private List<ExposureBatch>[] _exposuresForBlock = [];
    private List<RosterChange>[] _changesForExchange = [];
    private int _pending;
    private long _step = -1, _recorded = -1;
    private bool _stepDone, _finished, _failed;
    private long _sent;

    public CoordinatorActor(CoordinatorSetup setup)
    {
        _setup = setup;
        Receive<StartRun>(_ => Start());
        Receive<SegmentsSeeded>(OnSeeded);
        Receive<SegmentsStepped>(OnBlockStepped);
        Receive<ExchangeStepped>(OnExchangeStepped);
        Receive<StepRecorded>(OnRecorded);
        Receive<RecordingFinished>(OnRecordingFinished);
    }

    public const string Name = "coordinator";

    /// <summary>A child that throws is stopped and the run fails with its message (actor and step); nothing is retried.</summary>
    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(0, TimeSpan.Zero, e =>
    {
        Fail(e);
        return Directive.Stop;
    });

    private void Start()
    {
        _requester = Sender;
        string dispatcher = _setup.Dispatcher;
        _recorder = Context.ActorOf(_setup.Recorder.WithDispatcher(dispatcher), RecorderActor.Name);
        _blocks = _setup.Blocks.Select((p, b) => Context.ActorOf(p.WithDispatcher(dispatcher), SegmentBlockActor.NameOf(b))).ToArray();
        _exchanges = _setup.Exchanges?.Select((p, d) => Context.ActorOf(p.WithDispatcher(dispatcher), ExchangeActor.NameOf(_setup.FirstDendrite + d))).ToArray() ?? [];
        _blockReplies = new SegmentsStepped?[_blocks.Length];
        _exchangeReplies = new ExchangeStepped?[_exchanges.Length];
        _exposuresForBlock = _blocks.Select(_ => new List<ExposureBatch>()).ToArray();
        _changesForExchange = _exchanges.Select(_ => new List<RosterChange>()).ToArray();
        _pending = _blocks.Length;
        foreach (var b in _blocks) Send(b, new SeedSegments());
    }

    private void Send(IActorRef target, object message)
    {
        target.Tell(message, Self);
        _sent++;
    }

    private void OnSeeded(SegmentsSeeded m)
    {
        if (_failed) return;
        foreach (var r in m.Rosters) _changesForExchange[SpineId.DendriteOfSegment(r.SegmentId) - _setup.FirstDendrite].Add(r);
        if (--_pending == 0) BeginStep(0);
    }

    private void BeginStep(long k)
    {
        if (_setup.Cancellation.IsCancellationRequested)
        {
            Fail(new OperationCanceledException(_setup.Cancellation));
            return;
        }
        var plan = _setup.Plan;
        _step = k;
        _stepDone = false;
        bool frozen = k == plan.Steps;
        double t = k * plan.StepH;
        for (int b = 0; b < _blocks.Length; b++)
        {
            Send(_blocks[b], new StepSegments(k, t, plan.StepH, plan.CensusAt(k), frozen, _exposuresForBlock[b].ToArray(), _recorded));
            _exposuresForBlock[b].Clear();
            _blockReplies[b] = null;
        }
        _pending = _blocks.Length;
        if (frozen) return; // the census-only last step moves no particle
        for (int d = 0; d < _exchanges.Length; d++)
        {
            Send(_exchanges[d], new StepExchange(k, t, plan.StepH, _changesForExchange[d].ToArray()));
            _changesForExchange[d].Clear();
            _exchangeReplies[d] = null;
        }
        _pending += _exchanges.Length;
    }

    private void OnBlockStepped(SegmentsStepped m)
    {
        if (_failed || !Check(m.Step, _blockReplies[m.Block] is null, "block", m.Block)) return;
        _blockReplies[m.Block] = m;
        if (--_pending == 0) EndStep();
    }

    private void OnExchangeStepped(ExchangeStepped m)
    {
        int d = m.Dendrite - _setup.FirstDendrite;
        if (_failed || !Check(m.Step, _exchangeReplies[d] is null, "exchange", m.Dendrite)) return;
        _exchangeReplies[d] = m;
        if (--_pending == 0) EndStep();
    }

    /// <summary>An answer for another step, or a second one, is a broken protocol: the run fails rather than mixing steps.</summary>
    private bool Check(long step, bool first, string who, int index)
    {
        if (step == _step && first) return true;
        Fail(new InvalidOperationException($"{who} {index} answered step {step} twice or out of turn (step {_step} runs)"));
        return false;
    }

    /// <summary>Every answer of the step is in: log it, route what the next step needs, go on unless the recorder lags.</summary>
    private void EndStep()
    {
        var plan = _setup.Plan;
        bool frozen = _step == plan.Steps;
        double t = _step * plan.StepH;
        var blocks = _blockReplies.Select(r => r!).ToArray();
        var exchanges = frozen ? [] : _exchangeReplies.Select(r => r!).ToArray();
        Send(_recorder, new RecordStep(_step, t, frozen ? t : t + plan.StepH, blocks, exchanges.Select(e => e.Rows).ToArray()));
        foreach (var block in blocks)
            foreach (var r in block.Rosters) _changesForExchange[SpineId.DendriteOfSegment(r.SegmentId) - _setup.FirstDendrite].Add(r);
        foreach (var ex in exchanges)
            foreach (var batch in ex.Batches)
                _exposuresForBlock[_setup.BlockOfDendriteOffset[SpineId.DendriteOfSegment(batch.SegmentId) - _setup.FirstDendrite]].Add(batch);
        _stepDone = true;
        if (frozen) Send(_recorder, new FinishRecording());
        else if (_step - _recorded < _setup.StepsInFlight) BeginStep(_step + 1);
    }

    private void OnRecorded(StepRecorded m)
    {
        if (_failed) return;
        _recorded = m.Step;
        var plan = _setup.Plan;
        _setup.Progress?.Report(new JobProgress(Math.Min(m.Step + 1, plan.Steps) * plan.StepH, plan.Steps * plan.StepH, m.LiveSpines, m.EventRows));
        if (_stepDone && _step < plan.Steps && _step - _recorded < _setup.StepsInFlight) BeginStep(_step + 1);
    }

    private void OnRecordingFinished(RecordingFinished m)
    {
        if (_failed || _finished) return;
        _finished = true;
        _requester.Tell(new RunCompleted(m.Summary, _sent));
    }

    private void Fail(Exception e)
    {
        if (_failed) return;
        _failed = true;
        _requester.Tell(new Status.Failure(e));
    }
}
