namespace AgentSpines.Actors;

/// <summary>The structural step being run: index, start time and length in hours of simulated time.</summary>
public readonly record struct StepInfo(long Index, double StartH, double LengthH)
{
    public double EndH => StartH + LengthH;
}

/// <summary>Actors that implement this are called once at the start of every step, before any message round.</summary>
public interface IStepped
{
    void OnStep(in StepInfo step);

    /// <summary>
    /// Called a few actors ahead of <see cref="OnStep"/>, so that an actor can prefetch the objects its step will
    /// read (<see cref="Prefetch.Object"/>) while the actors before it run. A hint: it must not change state.
    /// </summary>
    void PrepareStep() { }
}
