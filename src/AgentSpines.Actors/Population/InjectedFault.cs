namespace AgentSpines.Actors.Population;

/// <summary>
/// A fault the tests plant in a run to check how a failing actor ends it (exit code 1, one line, no partial output):
/// $AGENTSPINES_INJECT_FAULT = "ACTOR@STEP" (e.g. "segments-00001@5" or "recorder@3") makes that actor throw while it
/// handles that step. Read once per run; not a user option, so it is in no help text.
/// </summary>
public sealed record InjectedFault(string Actor, long Step)
{
    public const string EnvironmentVariable = "AGENTSPINES_INJECT_FAULT";

    public static InjectedFault? FromEnvironment()
    {
        string? v = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(v)) return null;
        int at = v.LastIndexOf('@');
        if (at <= 0 || !long.TryParse(v.AsSpan(at + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long step))
            throw new ArgumentException($"{EnvironmentVariable}={v}: expected ACTOR@STEP, e.g. segments-00001@5");
        return new InjectedFault(v[..at], step);
    }

    /// <summary>Throws when this is the planted fault of that actor at that step.</summary>
    public static void ThrowIfPlanted(InjectedFault? fault, string actor, long step)
    {
        if (fault != null && fault.Step == step && fault.Actor == actor)
            throw new InvalidOperationException($"fault injected by {EnvironmentVariable}");
    }
}
