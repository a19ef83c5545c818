using AgentSpines.Physics.Transport;

namespace AgentSpines.Physics.Tests.Transport;

public sealed class DeterminismAndOccupancyTests
{
    private static TransportOptions SmallMixedRun(bool occupancy)
    {
        var o = TransportCases.Fig2AllKernels(3000, 20);
        o.SampleCount = 10;
        o.TrackOccupancy = occupancy;
        o.Dendrite.LengthUm = 20; o.Dendrite.End = EndCondition.Reflecting;
        o.Species[0].DriftUmPerMs = 0.3; // reflecting with drift, sub-stepped
        foreach (var s in o.Species) { s.Initial.PositionUm = 10; }
        o.Species[1].Initial.Placement = InitialPlacement.Uniform;
        return o;
    }

    [Fact]
    public void ResultsDoNotDependOnTheThreadCount()
    {
        var one = new TransportSimulation(SmallMixedRun(false), 77, threads: 1);
        var two = new TransportSimulation(SmallMixedRun(false), 77, threads: 2);
        one.AdvanceTo(7.5); two.AdvanceTo(7.5);
        one.AdvanceTo(20); two.AdvanceTo(20);
        Assert.Equal(one.Totals, two.Totals);
        for (int s = 0; s < one.Species.Count; s++)
        {
            var a = one.Species[s].Particles; var b = two.Species[s].Particles;
            Assert.Equal(a.XUm, b.XUm); Assert.Equal(a.State, b.State); Assert.Equal(a.RngWords, b.RngWords);
        }
    }

    [Fact]
    public void StepBoundariesDoNotChangeTheHistory()
    {
        // event-driven with separate clock and motion streams: observing at more times must not change any event time
        var coarse = new TransportSimulation(SmallMixedRun(false), 5, threads: 2);
        var fine = new TransportSimulation(SmallMixedRun(false), 5, threads: 2);
        coarse.AdvanceTo(20);
        for (int k = 1; k <= 40; k++) fine.AdvanceTo(0.5 * k);
        for (int s = 0; s < coarse.Species.Count; s++)
        {
            Assert.Equal(coarse.Species[s].Particles.State, fine.Species[s].Particles.State);
            Assert.Equal(coarse.Species[s].Particles.NextEventMs, fine.Species[s].Particles.NextEventMs);
        }
        Assert.Equal(coarse.Totals.Captures, fine.Totals.Captures);
    }

    [Fact]
    public void OccupancyAgreesWithTheTrappedCountAndItsIntegral()
    {
        var sim = new TransportSimulation(SmallMixedRun(true), 9, threads: 2);
        var integralOfTrapped = new double[sim.Species.Count];
        var previous = sim.Species.Select(s => (double)s.Observe().Trapped).ToArray();
        double t0 = 0;
        for (int k = 1; k <= 200; k++)
        {
            double t = 0.1 * k;
            var step = sim.AdvanceTo(t);
            for (int s = 0; s < sim.Species.Count; s++)
            {
                var sp = sim.Species[s];
                var occ = sp.Occupancy!;
                long trapped = sp.Observe().Trapped;
                Assert.Equal(trapped, occ.Current.Sum());
                for (int j = 0; j < occ.Current.Length; j++)
                {
                    Assert.True(occ.StepPeakOccupancy[j] >= occ.Current[j]);
                    Assert.True(occ.StepPeakOccupancy[j] + 1e-12 >= occ.StepMeanOccupancy[j]);
                }
                integralOfTrapped[s] += 0.5 * (previous[s] + trapped) * (t - t0); // trapezoid, checked loosely
                previous[s] = trapped;
            }
            t0 = t;
        }
        for (int s = 0; s < sim.Species.Count; s++)
        {
            double exact = sim.Species[s].Occupancy!.IntegralParticleMs.Sum();
            Assert.InRange(integralOfTrapped[s], exact * 0.98, exact * 1.02);
        }
    }

    [Fact]
    public void ArrivalsCountEveryCapture()
    {
        var sim = new TransportSimulation(SmallMixedRun(true), 3, threads: 2);
        long arrivals = 0;
        for (int k = 1; k <= 10; k++)
        {
            sim.AdvanceTo(2.0 * k);
            arrivals += sim.Species.Sum(s => (long)s.Occupancy!.StepArrivals.Sum());
        }
        Assert.Equal(sim.Totals.Captures, arrivals);
    }

    [Fact]
    public void CountsAreConservedExceptForReactionAndAbsorption()
    {
        var o = SmallMixedRun(false);
        o.Dendrite.End = EndCondition.Absorbing;
        foreach (var s in o.Species) s.Initial.PositionUm = 1;
        var t = TransportRun.Run(o, 4);
        var c = t.Counts;
        for (int r = 0; r < c.Species.Count; r++)
        {
            int n = o.Species.First(s => s.Name == c.Species[r]).ParticleCount;
            Assert.Equal(n, c.NFree[r] + c.NTrapped[r] + c.NReacted[r] + c.NAbsorbed[r]);
        }
        Assert.True(c.NAbsorbed[^1] > 0);
        Assert.Equal(t.Transitions.Reactions, c.NReacted.Where((_, r) => c.TMs[r] == o.DurationMs).Sum());
    }

    [Fact]
    public void SameSeedSameTablesDifferentSeedDifferentTables()
    {
        var a = TransportRun.Run(SmallMixedRun(false), 1);
        var b = TransportRun.Run(SmallMixedRun(false), 1);
        var c = TransportRun.Run(SmallMixedRun(false), 2);
        Assert.Equal(a.Msd.MsdUm2, b.Msd.MsdUm2);
        Assert.NotEqual(a.Msd.MsdUm2, c.Msd.MsdUm2);
    }
}
