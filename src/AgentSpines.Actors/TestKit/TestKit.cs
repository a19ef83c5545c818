namespace AgentSpines.Actors.TestKit;

/// <summary>
/// Base for actor tests (after Akka.TestKit.Xunit2): owns a system, makes probes and isolated actors, and
/// advances simulated steps. Framework-neutral: failed expectations throw <see cref="TestKitAssertionException"/>.
/// </summary>
public class TestKit : IDisposable
{
    private long _step;
    private ulong _nextId = 1_000_000_000UL;

    public ActorSystem Sys { get; }
    public double StepLengthH { get; }

    public TestKit(int threads = 1, double stepLengthH = 1.0)
    {
        Sys = new ActorSystem("test", threads);
        StepLengthH = stepLengthH;
    }

    public TestProbe CreateTestProbe(string name = "probe")
    {
        var actor = new TestProbe.ProbeActor();
        var r = Sys.ActorOf(Props.Create(() => actor), NextId(), name);
        return new TestProbe(this, r, actor);
    }

    public IActorRef ActorOf(Props props, string name, ulong? id = null) => Sys.ActorOf(props, id ?? NextId(), name);

    public TestActorRef<T> ActorOfAsTestActorRef<T>(Props props, string name, ulong? id = null) where T : ActorBase
        => new(this, ActorOf(props, name, id));

    /// <summary>Runs n structural steps (step hooks, then message rounds).</summary>
    public void RunSteps(int n)
    {
        for (int i = 0; i < n; i++)
        {
            Sys.RunStep(new StepInfo(_step, _step * StepLengthH, StepLengthH));
            _step++;
        }
    }

    internal void SendAs(IActorRef from, IActorRef target, object message) => Sys.SendAs(from, target, message);

    private ulong NextId() => _nextId++;

    public virtual void Dispose() => GC.SuppressFinalize(this);
}
