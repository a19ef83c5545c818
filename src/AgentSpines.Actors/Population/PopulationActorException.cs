namespace AgentSpines.Actors.Population;

/// <summary>An exception inside a population actor, named by the actor and the step it was handling.</summary>
public sealed class PopulationActorException(string actor, long step, double timeH, Exception inner)
    : Exception($"actor '{actor}' failed at step {step} (t = {timeH:0.###} h): {inner.GetType().Name}: {inner.Message}", inner)
{
    public string Actor { get; } = actor;
    public long Step { get; } = step;

    /// <summary>Runs a message handler; any exception leaves it named by the actor and the step.</summary>
    public static void Guard(string actor, long step, double timeH, Action handler)
    {
        try { handler(); }
        catch (Exception e) when (e is not PopulationActorException) { throw new PopulationActorException(actor, step, timeH, e); }
    }
}

/// <summary>A population run that cannot go on (an actor failed); the message is one line naming the actor and the step.</summary>
public sealed class PopulationRunFailedException(string message, Exception inner) : Exception(message, inner);
