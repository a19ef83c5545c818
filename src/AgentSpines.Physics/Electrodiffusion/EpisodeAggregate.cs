namespace AgentSpines.Physics.Electrodiffusion;

/// <summary>
/// Per-spine running aggregate of episode summaries, for the event log (count, mean and max head depolarisation,
/// summed calcium proxy, max NMDA boost). Not thread-safe: one per spine actor.
/// </summary>
public sealed class EpisodeAggregate
{
    public long Count { get; private set; }
    public double SumPeakDepolarization_mV { get; private set; }
    public double MaxPeakDepolarization_mV { get; private set; } = double.NegativeInfinity;
    public double SumNmdaCharge_fC { get; private set; }
    public double MaxNmdaCurrentBoostRatio { get; private set; } = double.NegativeInfinity;

    public double MeanPeakDepolarization_mV => Count > 0 ? SumPeakDepolarization_mV / Count : double.NaN;

    public void Add(EpisodeSummary s)
    {
        Count++;
        SumPeakDepolarization_mV += s.PeakHeadDepolarization_mV;
        MaxPeakDepolarization_mV = Math.Max(MaxPeakDepolarization_mV, s.PeakHeadDepolarization_mV);
        SumNmdaCharge_fC += s.NmdaCharge_fC;
        MaxNmdaCurrentBoostRatio = Math.Max(MaxNmdaCurrentBoostRatio, s.NmdaCurrentBoostRatio);
    }

    public void Reset()
    {
        Count = 0;
        SumPeakDepolarization_mV = 0;
        SumNmdaCharge_fC = 0;
        MaxPeakDepolarization_mV = double.NegativeInfinity;
        MaxNmdaCurrentBoostRatio = double.NegativeInfinity;
    }
}
