namespace AgentSpines.Actors;

/// <summary>What a parent does with a child whose handler threw (Akka's vocabulary).</summary>
public enum Directive
{
    /// <summary>Keep the child and its state; drop the failing message.</summary>
    Resume,
    /// <summary>Replace the child by a fresh instance from its props; its children are stopped.</summary>
    Restart,
    /// <summary>Stop the child and its descendants; later messages to it are dead letters.</summary>
    Stop,
    /// <summary>Fail the parent with the same error and let the grandparent decide.</summary>
    Escalate,
}

/// <summary>
/// A parent's policy for failing children: a decider from exception to directive, and a restart budget per
/// child after which a Restart becomes Stop (a child that fails on every message must not spin forever).
/// </summary>
public sealed class SupervisorStrategy(Func<Exception, Directive> decider, int maxRestarts = 10)
{
    public Func<Exception, Directive> Decider { get; } = decider;
    public int MaxRestarts { get; } = maxRestarts;

    public static SupervisorStrategy Default { get; } = new(_ => Directive.Restart);
    public static SupervisorStrategy StoppingStrategy { get; } = new(_ => Directive.Stop);
    public static SupervisorStrategy EscalatingStrategy { get; } = new(_ => Directive.Escalate);
}

/// <summary>One supervised failure, kept by the system so the run can log it as an event.</summary>
public sealed record FailureRecord(long Step, double TimeH, ulong ActorId, string ActorPath, string ExceptionType, string Message, Directive Directive);

/// <summary>Thrown by the scheduler when a failure escalates past the root: the run cannot go on.</summary>
public sealed class ActorSystemFailedException(string message, Exception inner) : Exception(message, inner);
