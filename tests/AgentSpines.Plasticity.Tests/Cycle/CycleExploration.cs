using AgentSpines.Plasticity.State;
using Xunit.Abstractions;

namespace AgentSpines.Plasticity.Tests.Cycle;

public class CycleExploration(ITestOutputHelper output)
{
    [Theory]
    [InlineData("cocaine_nac_d1.json", "", 72)]
    [InlineData("cocaine_nac_d2.json", "", 72)]
    [InlineData("cocaine_nac_d1.json", "--Regime:RepeatCount=10;--Regime:Cycle:Cues:0:Day=54", 54)]
    public void Explore(string config, string overrides, double cueDay)
    {
        var run = new CycleRun(config, 4, overrides.Split(';', StringSplitOptions.RemoveEmptyEntries));
        foreach (double d in new double[] { -1, 5, 9, 10, 20, 27, 28, 29, 35, 42, 50, 54, 57, 65, 71, 72 })
            output.WriteLine($"day {d,4}: density {CycleRun.Fmt(run.DensityChangePct(d))} %  silent drug {CycleRun.Fmt(run.SilentPct(Arm.Drug, d))} veh {CycleRun.Fmt(run.SilentPct(Arm.Vehicle, d))} naspm {CycleRun.Fmt(run.SilentWithNaspmPct(Arm.Drug, d))} FosB {run.DrugEnvironment(d).DeltaFosB:F3} K {run.DrugEnvironment(d).Synapses.CamKii:F3}");
        foreach (double h in new double[] { 0, 1, 2, 3, 4, 5, 6, 8, 12, 24, 72 })
            output.WriteLine($"cue +{h,3} h: silent drug {CycleRun.Fmt(run.SilentPct(Arm.Drug, cueDay, h))} veh {CycleRun.Fmt(run.SilentPct(Arm.Vehicle, cueDay, h))} density {CycleRun.Fmt(run.DensityChangePct(cueDay + h / 24.0))}");
        Assert.True(true);
    }
}
