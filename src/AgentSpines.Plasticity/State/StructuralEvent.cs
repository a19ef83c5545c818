namespace AgentSpines.Plasticity.State;

/// <summary>One structural change, as the event log records it.</summary>
public readonly record struct StructuralEvent(
    double TimeH,
    ulong SpineId,
    ulong SegmentId,
    string EventType,
    LifeStage StageBefore,
    LifeStage StageAfter,
    double HeadVolumeBeforeUm3,
    double HeadVolumeAfterUm3,
    double NeckLengthUm,
    double NeckDiameterUm,
    double PositionUm,
    string Cause)
{
    public const string Formed = "formed", Stabilised = "stabilised", Enlarged = "enlarged", Shrunk = "shrunk",
        Eliminated = "eliminated", StateChanged = "state_changed", Unsilenced = "unsilenced", Silenced = "silenced";
    public const string Intrinsic = "intrinsic", Ltp = "ltp", Ltd = "ltd", Stress = "stress";
}

/// <summary>A spine the formation step asks the segment to create (the new spine's state comes from NewSpine).</summary>
public readonly record struct SpineBirth(ulong SpineId, double PositionUm, bool Filopodium, string Cause);
