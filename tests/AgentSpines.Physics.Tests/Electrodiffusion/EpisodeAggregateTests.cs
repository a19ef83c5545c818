using AgentSpines.Physics.Electrodiffusion;

namespace AgentSpines.Physics.Tests.Electrodiffusion;

public class EpisodeAggregateTests
{
    private static EpisodeSummary Summary(double peak_mV, double charge_fC, double boost)
        => new(0, 0, peak_mV, 0, 0, 0, 0, 0, 0, double.NaN, boost, charge_fC, 0, 0);

    [Fact]
    public void AggregatesCountMeanMaxAndTotalCalciumProxy()
    {
        var a = new EpisodeAggregate();
        Assert.True(double.IsNaN(a.MeanPeakDepolarization_mV));
        a.Add(Summary(4, 10, 1.05));
        a.Add(Summary(8, 30, 1.20));
        Assert.Equal(2, a.Count);
        Assert.Equal(6, a.MeanPeakDepolarization_mV, 12);
        Assert.Equal(8, a.MaxPeakDepolarization_mV);
        Assert.Equal(40, a.SumNmdaCharge_fC, 12);
        Assert.Equal(1.20, a.MaxNmdaCurrentBoostRatio);
        a.Reset();
        Assert.Equal(0, a.Count);
    }

    [Fact]
    public void TraceRecordsHeadAndProfilesAsCsv()
    {
        var trace = new EpisodeTrace { MinInterval_ms = 0.5, ProfileTimes_ms = new[] { 10.0 } };
        var sys = new ElectrodiffusionSystem(ElectrodiffusionParameters.Paper, SpineGeometry.SpineA);
        EpisodeRunner.Run(new FastRosenbrockSolver(sys), SynapticInput.PaperFig1, null, trace);
        Assert.Equal(14, trace.Profiles.Count);
        Assert.True(trace.Head.Count > 20);
        var w = new StringWriter();
        trace.WriteHeadCsv(w);
        Assert.StartsWith("t_ms,v_head_mv,na_mm,k_mm,cl_mm,i_neck_pa", w.ToString());
        // The potential drops across the neck: head well above the dendrite at 10 ms (Fig. 1D).
        Assert.True(trace.Profiles[0].Potential_mV - trace.Profiles[13].Potential_mV > 6);
    }
}
