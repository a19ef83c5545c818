using AgentSpines.Plasticity.Imaging;
using AgentSpines.Plasticity.Population;
using AgentSpines.Plasticity.State;

namespace AgentSpines.Actors.Population;

// The messages of a population run. All immutable; arrays are never touched again by their sender once sent.

/// <summary>Runner to coordinator: run every step, then answer <see cref="RunCompleted"/> (or a Status.Failure).</summary>
public sealed record StartRun;

/// <summary>Coordinator to runner: the run is over and its tables are closed.</summary>
public sealed record RunCompleted(RunSummaryParts Summary, long MessagesSent);

/// <summary>Coordinator to a segment block: draw your initial population and answer <see cref="SegmentsSeeded"/>.</summary>
public sealed record SeedSegments;

/// <summary>A block's initial population: its spine count and, with exchange on, each segment's roster (births of step -1).</summary>
public sealed record SegmentsSeeded(int Block, long Spines, RosterChange[] Rosters);

/// <summary>
/// Coordinator to a segment block: take a census (state at the step's start) if asked, then, unless the step is the
/// frozen last one, deliver the exposures of the previous step to the spines and step them. Exposures are in
/// canonical order (exchange id = dendrite, then send order).
/// </summary>
/// <param name="RecordedThrough">The last step the recorder has written (-1: none): the block may use the arrays it sent for that
/// step and earlier ones again (LentArrays).</param>
public sealed record StepSegments(long Step, double TimeH, double StepH, CensusKind Census, bool Frozen, ExposureBatch[] Exposures, long RecordedThrough = -1);

/// <summary>What a census step asks of the segments: nothing, per-dendrite counts (daily), or every spine's row too (snapshots, imaging).</summary>
public enum CensusKind { None, Counts, Rows }

/// <summary>One dendrite at a census: true spines (filopodia excluded), how many are persistent, the sum of their head volumes (spine id order).</summary>
public readonly record struct DendriteCensus(int Dendrite, int TrueSpines, int Persistent, double HeadVolumeSumUm3);

/// <summary>
/// A block's step: census counts per dendrite and rows (each null unless asked), spine events (spines in id order), formation events (segments in id order),
/// `episodes` rows (per dendrite, or per spine), and each segment's roster change (births and losses; empty when exchange is off). The census
/// rows, the two event segments and the episodes rows lie in arrays the block lends: they are valid until the recorder has written the step
/// (the block takes them again after a StepSegments whose RecordedThrough reaches it).
/// </summary>
public sealed record SegmentsStepped(long Step, int Block, DendriteCensus[]? Counts, ArraySegment<SpineCensusRow>? Census, ArraySegment<StructuralEvent> SpineEvents,
    ArraySegment<StructuralEvent> FormationEvents,
    ArraySegment<EpisodeRow> Episodes, RosterChange[] Rosters);

/// <summary>Coordinator to a dendrite's exchange: apply these roster changes (segments in id order), then advance over the step.</summary>
public sealed record StepExchange(long Step, double TimeH, double StepH, RosterChange[] Changes);

/// <summary>An exchange's step: the exposures of its spines per segment (segment id order) and its table rows.</summary>
public sealed record ExchangeStepped(long Step, int Dendrite, ExposureBatch[] Batches, ExposureRows Rows);

/// <summary>Coordinator to recorder: everything logged about step Step, blocks and exchanges in id order.</summary>
public sealed record RecordStep(long Step, double TimeH, double EndH, SegmentsStepped[] Segments, ExposureRows[] Exposures);

/// <summary>Recorder to coordinator: step Step is written (the coordinator keeps at most a few steps in flight).</summary>
public sealed record StepRecorded(long Step, long LiveSpines, long EventRows);

/// <summary>Coordinator to recorder: close the tables and answer <see cref="RecordingFinished"/>.</summary>
public sealed record FinishRecording;

public sealed record RecordingFinished(RunSummaryParts Summary);

/// <summary>What a run's recorder knows at the end: imaging sessions, daily densities, turnover counts.</summary>
public sealed record RunSummaryParts(List<SessionCensus> Sessions, List<double> DailyDensityPerUm, List<double> DailyPersistentFraction, long Formed, long Eliminated);

/// <summary>One spine's state at a census (snapshot, imaging session, daily count); built from a SpineState only here.</summary>
public readonly record struct SpineCensusRow(
    ulong SpineId, ulong SegmentId, double PositionUm, LifeStage Stage, bool Silent, bool Persistent,
    double HeadVolumeUm3, double HeadWidthUm, double NeckLengthUm, double NeckDiameterUm, double AgeH, double FormedAtH,
    double AmpaContent = 1, double NmdaContent = 1)
{
    public static SpineCensusRow Of(in SpineState s) => new(s.Id, s.SegmentId, s.PositionUm, s.Stage, s.Silent, s.Persistent,
        s.HeadVolumeUm3, s.HeadWidthUm, s.NeckLengthUm, s.NeckDiameterUm, s.AgeH, s.FormedAtH, s.AmpaContent, s.NmdaContent);
}
