namespace AgentSpines.Actors.Population;

/// <summary>A segment's spines that appeared (births of its formation) and went (losses) in one step, for its dendrite's exchange.</summary>
public sealed record RosterChange((ulong SpineId, double PositionUm)[] Added, ulong[] Removed);

/// <summary>The exposures of some spines of one segment over one step; spines not listed held and received no particle.</summary>
public sealed record ExposureBatch(ulong[] SpineIds, SpineExposure[] Exposures);

/// <summary>
/// One spine's exposure over step StepIndex (StepH hours long), per species (index of Exchange:Species): mean occupancy (particles)
/// and occupancy at the step's end; PrpOccupancy (0..1) is the input of its next step.
/// </summary>
public sealed record SpineExposure(long StepIndex, double StepH, double[] MeanOccupancy, int[] Occupancy, double PrpOccupancy);

/// <summary>One row of `spine_exposure`: a spine's exposure to one species over one step.</summary>
public readonly record struct ExposureRow(ulong SpineId, double PositionUm, int Species, int Arrivals, double MeanOccupancy, int PeakOccupancy, int Occupancy);

/// <summary>One row of `exchange_events` (trace mode): a capture (+1), release (-1) or reaction (-1, Reaction) at an exact time.</summary>
public readonly record struct ExchangeTraceRow(double TimeH, ulong SpineId, int Species, long Particle, sbyte Delta, bool Reaction);

/// <summary>What one dendrite's exchange logs for one step (rows in spine then species order).</summary>
public sealed record ExposureRows(double TimeH, ExposureRow[] Rows, ExchangeTraceRow[]? Trace);
