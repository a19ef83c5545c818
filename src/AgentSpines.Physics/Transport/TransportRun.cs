using AgentSpines.Core.Configuration;
using Microsoft.Extensions.Configuration;

namespace AgentSpines.Physics.Transport;

/// <summary>
/// Runs a transport configuration (section "Transport", bound to <see cref="TransportOptions"/>) and returns its
/// tables. Rows are written at t = 0 and at every sample time, species by species in configuration order.
/// </summary>
public static class TransportRun
{
    public const string Section = "Transport";

    /// <summary>Binds and validates the "Transport" section of a layered configuration.</summary>
    public static TransportOptions Bind(IConfiguration root) => StrictBinder.Bind<TransportOptions>(root.GetSection(Section), Section);

    public static TransportTables Run(IConfiguration root, ulong seed, int? threads = null) => Run(Bind(root), seed, threads);

    public static TransportTables Run(TransportOptions options, ulong seed, int? threads = null)
    {
        StrictBinder.ValidateTree(options, new ConfigValidator(Section));
        var sim = new TransportSimulation(options, seed, threads);
        var tables = new TransportTables
        {
            Exposure = options.TrackOccupancy ? new ExposureTable() : null,
            Trace = options.TraceEvents ? new TraceTable() : null,
        };
        var times = options.SampleTimesMs();
        Record(sim, tables, 0.0, first: true);
        for (int k = 1; k < times.Length; k++)
        {
            sim.AdvanceTo(times[k]);
            Record(sim, tables, times[k], first: false);
        }
        tables.Transitions = sim.Totals;
        return tables;
    }

    private static void Record(TransportSimulation sim, TransportTables tables, double t, bool first)
    {
        foreach (var sp in sim.Species)
        {
            var o = sp.Observe();
            string name = sp.Model.Name;
            tables.Msd.Species.Add(name); tables.Msd.TMs.Add(t);
            tables.Msd.MsdUm2.Add(o.Alive > 0 ? o.MsdUm2 : 0.0);
            tables.Msd.MeanDisplacementUm.Add(o.Alive > 0 ? o.MeanDisplacementUm : 0.0);
            var c = tables.Counts;
            c.Species.Add(name); c.TMs.Add(t); c.NFree.Add(o.Free); c.NTrapped.Add(o.Trapped); c.NReacted.Add(o.Reacted); c.NAbsorbed.Add(o.Absorbed);
            if (!first && tables.Exposure is { } ex && sp.Occupancy is { } occ)
                for (int s = 0; s < occ.Current.Length; s++)
                {
                    ex.Species.Add(name); ex.TMs.Add(t); ex.Spine.Add(s); ex.Arrivals.Add(occ.StepArrivals[s]);
                    ex.MeanOccupancy.Add(occ.StepMeanOccupancy[s]); ex.PeakOccupancy.Add(occ.StepPeakOccupancy[s]);
                    ex.Occupancy.Add(occ.Current[s]); ex.IntegralParticleMs.Add(occ.IntegralParticleMs[s]);
                }
            if (!first && tables.Trace is { } tr)
                foreach (var e in sp.LastStepEvents)
                {
                    tr.Species.Add(name); tr.TMs.Add(e.TimeMs); tr.Particle.Add(e.Particle); tr.Spine.Add(e.Spine);
                    tr.Kind.Add(e.Delta > 0 ? "capture" : e.Reaction ? "reaction" : "release");
                }
        }
    }
}
