namespace AgentSpines.EventLog.Schema;

/// <summary>Values of the events table's event_type column (use these instances: repeated strings encode fastest).</summary>
public static class EventTypes
{
    public const string Formed = "formed";
    public const string Stabilised = "stabilised";
    public const string Enlarged = "enlarged";
    public const string Shrunk = "shrunk";
    public const string Eliminated = "eliminated";
    public const string StateChanged = "state_changed";
    public const string Unsilenced = "unsilenced";
    public const string Silenced = "silenced";
    public const string Failure = "failure";
    public const string Capture = "capture";
    public const string Release = "release";

    public static readonly IReadOnlyList<string> All =
        [Formed, Stabilised, Enlarged, Shrunk, Eliminated, StateChanged, Unsilenced, Silenced, Failure, Capture, Release];
}

/// <summary>Values of the arm column: which experimental arm a row belongs to.</summary>
public static class Arms
{
    public const string Drug = "drug";
    public const string Vehicle = "vehicle";
    public const string Baseline = "baseline";
}
