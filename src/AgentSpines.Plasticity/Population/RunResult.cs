using AgentSpines.Plasticity.State;

namespace AgentSpines.Plasticity.Population;

/// <summary>What imaging saw at one session of one run: visible spine ids (ascending) and their properties.</summary>
public sealed class SessionCensus
{
    public required double SessionDay { get; init; }
    public required double FieldLengthUm { get; init; }
    public required ulong[] VisibleIds { get; init; }
    public required double[] HeadWidthsUm { get; init; }
    public required bool[] Persistent { get; init; }
    /// <summary>Position of each visible spine along all dendrites laid end to end (dendrite index * 1e6 + um).</summary>
    public required double[] PositionsUm { get; init; }
    public required int FilopodiaVisible { get; init; }
    /// <summary>All spines present (visible or not, filopodia excluded).</summary>
    public required int TrueSpines { get; init; }
    /// <summary>Number of dendrites in the field (dendrite indexes 0 .. n-1 of this census).</summary>
    public int DendritesImaged { get; init; }
}

/// <summary>A formation or elimination kept when PopulationSpec.RecordTurnover is set.</summary>
public readonly record struct TurnoverRecord(double TimeH, ulong SpineId, ulong SegmentId, double PositionUm, bool Formed, bool Persistent, string Cause);

/// <summary>One replicate of one arm.</summary>
public sealed class RunResult
{
    public required int Replicate { get; init; }
    public required Arm Arm { get; init; }
    public required List<SessionCensus> Sessions { get; init; }
    /// <summary>True spine density (/um, filopodia excluded) at the start of each simulated day.</summary>
    public required List<double> DailyDensityPerUm { get; init; }
    public required List<double> DailyPersistentFraction { get; init; }
    /// <summary>Fraction of spines (filopodia excluded) with a silent synapse at the start of every step.</summary>
    public List<double> SilentFractionByStep { get; init; } = new();
    /// <summary>Fraction of spines whose synapse holds only calcium-permeable (labile) AMPARs: silent under naspm.</summary>
    public List<double> LabileFractionByStep { get; init; } = new();
    public required long Formed { get; init; }
    public required long Eliminated { get; init; }
    public List<TurnoverRecord>? Turnover { get; init; }
}

/// <summary>All replicates and arms of one regime.</summary>
public sealed class ExperimentResult
{
    public required string Regime { get; init; }
    public required List<RunResult> Runs { get; init; }

    public IEnumerable<RunResult> ArmRuns(Arm arm) => Runs.Where(r => r.Arm == arm).OrderBy(r => r.Replicate);
}
