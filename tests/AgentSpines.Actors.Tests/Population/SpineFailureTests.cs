using AgentSpines.Actors.Population;
using AgentSpines.Core.Random;
using AgentSpines.Plasticity.State;
using AgentSpines.EventLog.Dataset;
using AgentSpines.EventLog.Reading;

namespace AgentSpines.Actors.Tests.Population;

/// <summary>A spine whose step throws is stopped by its segment; the run goes on and the failure is a logged event.</summary>
public class SpineFailureTests
{
    private sealed class FaultyActivity(ulong badSpine) : ISpineActivity
    {
        public SpineInputs InputsFor(SpineState spine, PopulationClock clock, RandomStream rng, out EpisodeAggregate? aggregate)
        {
            aggregate = null;
            if (spine.Id == badSpine && clock.TimeH >= 5) throw new InvalidOperationException("NaN head volume");
            return SpineInputs.None;
        }
    }

    [Fact]
    public void FailingSpineIsStoppedAndLogged()
    {
        var config = EngineFixtures.Config("baseline.json", "--Run:DurationDays=1", "--Dendrites:Count=1");
        ulong bad = (AgentSpines.Plasticity.Population.PopulationDriver.SegmentId(0, 0) << 32) | 0; // first spine of the first segment
        string dir = EngineFixtures.TempDir();
        using var writer = new DatasetWriter(dir);
        var runner = new PopulationRunner(config, 2, new FaultyActivity(bad));
        var result = runner.Run(0, Arm.Vehicle, 0, 1, writer, PartitionKey.Of("t", 0), 0, null, CancellationToken.None, out var stats);
        var f = Assert.Single(stats.Failures);
        Assert.Equal(bad, f.ActorId);
        Assert.Equal(Directive.Stop, f.Directive);
        writer.Commit();
        var events = Directory.EnumerateFiles(Path.Combine(dir, "events"), "*.parquet", SearchOption.AllDirectories).Single();
        using var r = ParquetFileReader.Open(events);
        var type = r.ReadColumn("event_type");
        var cause = r.ReadColumn("cause");
        int i = Enumerable.Range(0, type.Count).Single(k => (string?)type.GetValue(k) == "failure");
        Assert.Contains("NaN head volume", (string?)cause.GetValue(i));
        Assert.True(result.DailyDensityPerUm.Count >= 2, "the run went on");
    }
}
