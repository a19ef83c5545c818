using AgentSpines.EventLog.Writing;

namespace AgentSpines.Actors.Population;

/// <summary>The tables of particle exchange in a population run: `spine_exposure` and, in trace mode, `exchange_events`.</summary>
public sealed class ExchangeTables(IReadOnlyList<string> species, string arm, TableWriter<SpineExposureRecord> exposure, TableWriter<ExchangeEventRecord>? trace)
    : IDisposable
{
    public void Append(ExposureRows rows)
    {
        foreach (var r in rows.Rows)
            exposure.Append(new SpineExposureRecord(rows.TimeH, r.SpineId, r.PositionUm, species[r.Species], r.Arrivals, r.MeanOccupancy, r.PeakOccupancy, r.Occupancy, arm));
        if (trace is null || rows.Trace is null) return;
        foreach (var e in rows.Trace)
            trace.Append(new ExchangeEventRecord(e.TimeH, e.SpineId, species[e.Species], e.Particle,
                e.Delta > 0 ? "capture" : e.Reaction ? "reaction" : "release", arm));
    }

    public void Close()
    {
        exposure.Close();
        trace?.Close();
    }

    public void Dispose()
    {
        exposure.Dispose();
        trace?.Dispose();
    }
}
