namespace AgentSpines.Plasticity.State;

/// <summary>
/// Early-phase LTP/LTD size changes of activity-dependent plasticity, counted instead of logged one by one (a
/// population's `episodes` table holds these counts; the events table only what lasts). VolumeChangeUm3 adds, change
/// by change, head volume after minus before: the very sum the events would give.
/// </summary>
public struct EarlyPhaseCounts
{
    public int LtpInductions, LtpReversals, LtdInductions, LtdReversals;
    public double VolumeChangeUm3;

    public readonly int Total => LtpInductions + LtpReversals + LtdInductions + LtdReversals;
}
