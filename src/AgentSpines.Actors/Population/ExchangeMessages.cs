namespace AgentSpines.Actors.Population;

/// <summary>A segment's spines that appeared (births of its formation) and went (losses) in one step, for its dendrite's exchange.</summary>
public sealed record RosterChange((ulong SpineId, double PositionUm)[] Added, ulong[] Removed);

/// <summary>PRP occupancy (0..1) of some spines of one segment over step StepIndex; spines not listed had none.</summary>
public sealed record ExposureBatch(long StepIndex, ulong[] SpineIds, double[] PrpOccupancy);

/// <summary>One spine's PRP occupancy (0..1) over step StepIndex: the input of its next step.</summary>
public sealed record PrpExposure(long StepIndex, double Occupancy);

/// <summary>One row of `spine_exposure`: a spine's exposure to one species over one step.</summary>
public readonly record struct ExposureRow(ulong SpineId, int Species, int Arrivals, double MeanOccupancy, int PeakOccupancy, int Occupancy);

/// <summary>One row of `exchange_events` (trace mode): a capture (+1), release (-1) or reaction (-1, Reaction) at an exact time.</summary>
public readonly record struct ExchangeTraceRow(double TimeH, ulong SpineId, int Species, long Particle, sbyte Delta, bool Reaction);

/// <summary>What one dendrite's exchange logs for one step (rows in spine then species order).</summary>
public sealed record ExposureRows(double TimeH, ExposureRow[] Rows, ExchangeTraceRow[]? Trace);
