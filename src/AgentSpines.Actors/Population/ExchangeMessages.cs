namespace AgentSpines.Actors.Population;

/// <summary>A segment's spines that appeared (births of its formation) and went (losses) in one step, for its dendrite's exchange.</summary>
public sealed record RosterChange(ulong SegmentId, (ulong SpineId, double PositionUm)[] Added, ulong[] Removed);

/// <summary>
/// The exposures of some spines of one segment over one step, in the exchange's site order; spines not listed held and
/// received no particle. PrpOccupancy (0..1): the PRP species' mean occupancy / capture sites, an input of the spine's next step.
/// </summary>
public sealed record ExposureBatch(ulong SegmentId, ulong[] SpineIds, double[] PrpOccupancy);

/// <summary>One row of `spine_exposure`: a spine's exposure to one species over one step.</summary>
public readonly record struct ExposureRow(ulong SpineId, double PositionUm, int Species, int Arrivals, double MeanOccupancy, int PeakOccupancy, int Occupancy);

/// <summary>One row of `exchange_events` (trace mode): a capture (+1), release (-1) or reaction (-1, Reaction) at an exact time.</summary>
public readonly record struct ExchangeTraceRow(double TimeH, ulong SpineId, int Species, long Particle, sbyte Delta, bool Reaction);

/// <summary>What one dendrite's exchange logs for one step (rows in spine then species order).</summary>
public sealed record ExposureRows(double TimeH, ExposureRow[] Rows, ExchangeTraceRow[]? Trace);
