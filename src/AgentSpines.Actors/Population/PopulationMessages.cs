using AgentSpines.Plasticity.State;

namespace AgentSpines.Actors.Population;

/// <summary>A spine tells its segment it is gone (where, when, why), so new spines can prefer places of recent loss.</summary>
public sealed record SpineLost(ulong SpineId, double PositionUm, double TimeH, string Cause, bool LeavesSite);

/// <summary>Structural events of one spine or one segment in one step, in the order they happened.</summary>
public sealed record StructuralEvents(StructuralEvent[] Events);

/// <summary>One spine's state at a census (snapshot, imaging session, daily count).</summary>
public sealed record SpineCensusRow(
    ulong SpineId, ulong SegmentId, double PositionUm, LifeStage Stage, bool Silent, bool Persistent,
    double HeadVolumeUm3, double HeadWidthUm, double NeckLengthUm, double NeckDiameterUm, double AgeH, double FormedAtH,
    double AmpaContent = 1, double NmdaContent = 1);

/// <summary>A segment's self-messages that order a step: losses arrive between phase 1 and phase 2, formation runs in phase 2.</summary>
internal sealed class FormationPhase1
{
    public static readonly FormationPhase1 Instance = new();
}

internal sealed class FormationPhase2
{
    public static readonly FormationPhase2 Instance = new();
}

/// <summary>Tells the recorder to write what it holds (sent by the engine at the end of a run).</summary>
public sealed class FlushRecorder
{
    public static readonly FlushRecorder Instance = new();
}
