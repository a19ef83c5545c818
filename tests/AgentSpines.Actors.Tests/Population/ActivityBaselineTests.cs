using AgentSpines.EventLog.Dataset;
using AgentSpines.Actors.Population;
using AgentSpines.EventLog;
using AgentSpines.Plasticity.Population;
using AgentSpines.Plasticity.State;
using Xunit.Abstractions;

namespace AgentSpines.Actors.Tests.Population;

/// <summary>
/// Issue 12 item 6: with synaptic activity on (electrodiffusion episodes -> calcium -> CaMKII), a baseline run keeps its
/// density. Before the phosphatase reset the switch locked on in nearly every spine and a baseline run lost a quarter of
/// its visible spines in a day. The run with activity is compared with the same run without (same streams).
/// </summary>
public class ActivityBaselineTests(ITestOutputHelper output)
{
    private static RunResult RunBaseline(params string[] extra)
    {
        var config = EngineFixtures.Config("baseline.json", [.. new[] { "--Run:DurationDays=30", "--Dendrites:Count=24",
            "--Imaging:SessionDays:0=-3", "--Imaging:SessionDays:1=-2", "--Imaging:SessionDays:2=1", "--Imaging:SessionDays:3=3",
            "--Imaging:SessionDays:4=7", "--Imaging:SessionDays:5=14", "--Imaging:SessionDays:6=26" }, .. extra]);
        using var writer = new DatasetWriter(EngineFixtures.TempDir());
        return new PopulationEngine(config, threads: 2).Run(new RunRequest(0, Arm.Vehicle), new RunOutput(writer, PartitionKey.Of("t", 0), 0)).Result;
    }

    [Fact]
    public void BaselineWithActivityKeepsItsDensityFor30Days()
    {
        // the activity of the shipped cocaine config (4 inputs per spine per hour)
        var on = RunBaseline("--Activity:Enabled=true", "--Activity:EpisodesPerSpinePerHour=4");
        var off = RunBaseline();
        double d0 = on.DailyDensityPerUm[0];
        output.WriteLine("true density with / without activity: " + string.Join(" ", on.DailyDensityPerUm.Zip(off.DailyDensityPerUm, (x, y) => $"{x:F3}/{y:F3}")));
        // the activity's own effect (paired: same streams for structure) is small at every day ...
        for (int d = 0; d < on.DailyDensityPerUm.Count; d++)
            Assert.True(Math.Abs(on.DailyDensityPerUm[d] / off.DailyDensityPerUm[d] - 1) < 0.02, $"day {d}: with activity {on.DailyDensityPerUm[d]:F3}, without {off.DailyDensityPerUm[d]:F3}");
        // ... and the run with activity stays within 3 % of its day-0 density (averaged over 3-day windows: Poisson noise
        // of 2,900 spines alone is about 1.5 % a day)
        for (int d = 1; d + 1 < on.DailyDensityPerUm.Count; d++)
        {
            double rel = (on.DailyDensityPerUm[d - 1] + on.DailyDensityPerUm[d] + on.DailyDensityPerUm[d + 1]) / 3 / d0 - 1;
            Assert.True(Math.Abs(rel) < 0.03, $"days {d - 1}-{d + 1}: true density {100 * rel:F1} % from day 0");
        }
        var visOn = on.Sessions.Select(s => s.VisibleIds.Length).ToArray();
        var visOff = off.Sessions.Select(s => s.VisibleIds.Length).ToArray();
        output.WriteLine($"true density day 0 {d0:F3}, day 30 {on.DailyDensityPerUm[^1]:F3} (activity off: {off.DailyDensityPerUm[^1]:F3}); " +
                         $"visible per session with activity {string.Join(" ", visOn)}, without {string.Join(" ", visOff)}");
        for (int i = 1; i < visOn.Length; i++)
            Assert.True(Math.Abs((double)visOn[i] / visOn[0] - 1) < 0.03 + Math.Abs((double)visOff[i] / visOff[0] - 1),
                $"session {i}: visible {visOn[i]} vs {visOn[0]} at the first session (activity off: {visOff[i]} vs {visOff[0]})");
    }
}
