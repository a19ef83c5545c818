namespace AgentSpines.Physics.Transport;

/// <summary>metrics/transport_msd: ensemble MSD of surviving particles per species and sample time.</summary>
public sealed class MsdTable
{
    public List<string> Species { get; } = new();
    public List<double> TMs { get; } = new();
    public List<double> MsdUm2 { get; } = new();
    public List<double> MeanDisplacementUm { get; } = new();
}

/// <summary>metrics/transport_counts: free, trapped and removed particles per species and sample time.</summary>
public sealed class CountsTable
{
    public List<string> Species { get; } = new();
    public List<double> TMs { get; } = new();
    public List<long> NFree { get; } = new();
    public List<long> NTrapped { get; } = new();
    public List<long> NReacted { get; } = new();
    public List<long> NAbsorbed { get; } = new();
}

/// <summary>metrics/transport_spine_exposure: per step (sample interval) and spine, the occupancy aggregates for plasticity.</summary>
public sealed class ExposureTable
{
    public List<string> Species { get; } = new();
    public List<double> TMs { get; } = new();
    public List<int> Spine { get; } = new();
    public List<int> Arrivals { get; } = new();
    public List<double> MeanOccupancy { get; } = new();
    public List<int> PeakOccupancy { get; } = new();
    public List<int> Occupancy { get; } = new();
    public List<double> IntegralParticleMs { get; } = new();
}

/// <summary>metrics/transport_trace: every capture (+1), release or reaction (-1) when TraceEvents is on.</summary>
public sealed class TraceTable
{
    public List<string> Species { get; } = new();
    public List<double> TMs { get; } = new();
    public List<int> Particle { get; } = new();
    public List<int> Spine { get; } = new();
    public List<string> Kind { get; } = new();
}

/// <summary>Everything a transport run returns.</summary>
public sealed class TransportTables
{
    public MsdTable Msd { get; } = new();
    public CountsTable Counts { get; } = new();
    public ExposureTable? Exposure { get; init; }
    public TraceTable? Trace { get; init; }
    public TransitionCounts Transitions { get; set; }

    /// <summary>The time series of one species (rows in sample order).</summary>
    public SpeciesSeries Series(string species)
    {
        var s = new SpeciesSeries();
        for (int r = 0; r < Msd.Species.Count; r++)
        {
            if (Msd.Species[r] != species) continue;
            s.TMs.Add(Msd.TMs[r]); s.MsdUm2.Add(Msd.MsdUm2[r]); s.MeanDisplacementUm.Add(Msd.MeanDisplacementUm[r]);
            s.NFree.Add(Counts.NFree[r]); s.NTrapped.Add(Counts.NTrapped[r]);
        }
        return s;
    }
}

public sealed class SpeciesSeries
{
    public List<double> TMs { get; } = new();
    public List<double> MsdUm2 { get; } = new();
    public List<double> MeanDisplacementUm { get; } = new();
    public List<long> NFree { get; } = new();
    public List<long> NTrapped { get; } = new();
    public List<double> NTotal => NFree.Zip(NTrapped, (a, b) => (double)(a + b)).ToList();
}
