using AgentSpines.Actors.Population;
using AgentSpines.Core.Identity;
using AgentSpines.Core.Random;
using AgentSpines.EventLog;
using AgentSpines.EventLog.Dataset;
using AgentSpines.EventLog.Reading;
using AgentSpines.EventLog.Schema;
using AgentSpines.EventLog.Writing;
using AgentSpines.Plasticity.State;

namespace AgentSpines.Actors.Tests.Population;

/// <summary>An exception in any actor fails the run with one line naming the actor and the step; the aborted dataset leaves no file.</summary>
public class ActorFailureTests
{
    private sealed class FaultyActivity(ulong badSpine) : ISpineActivity
    {
        public SpineInputs InputsFor(SpineState spine, in StepEnvironment env, RandomStream rng, out SpineEpisodes episodes)
        {
            episodes = SpineEpisodes.None;
            if (spine.Id == badSpine && env.TimeH >= 5) throw new InvalidOperationException("NaN head volume");
            return SpineInputs.None;
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void AThrowingSpineFailsTheRunNamingItsSegmentBlockAndTheStep(int threads)
    {
        var config = EngineFixtures.Config("baseline.json", "--Run:DurationDays=1", "--Dendrites:Count=3");
        ulong bad = SpineId.Of(SpineId.SegmentIdOf(2, 0), 0).Value; // first spine of dendrite 2, hosted by the third block
        string dir = EngineFixtures.TempDir();
        try
        {
            using (var writer = new DatasetWriter(dir))
            {
                var engine = new PopulationEngine(config, threads, new FaultyActivity(bad));
                var e = Assert.Throws<PopulationRunFailedException>(() => engine.Run(new RunRequest(0, Arm.Vehicle), new RunOutput(writer, PartitionKey.Of("t", 0), 0)));
                Assert.Equal("actor 'segments-00002' failed at step 5 (t = 5 h): InvalidOperationException: NaN head volume", e.Message);
                writer.Abort();
            }
            Assert.Empty(Directory.EnumerateFiles(dir, "*.parquet", SearchOption.AllDirectories)); // no table looks complete
            Assert.Empty(Directory.EnumerateFiles(dir, "*.tmp", SearchOption.AllDirectories));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void CancellationStopsBetweenSteps()
    {
        var config = EngineFixtures.Config("baseline.json", "--Run:DurationDays=2", "--Dendrites:Count=2");
        string dir = EngineFixtures.TempDir();
        try
        {
            using var writer = new DatasetWriter(dir);
            using var cts = new CancellationTokenSource();
            var progress = new SynchronousProgress(p => { if (p.SimulatedH >= 3) cts.Cancel(); });
            Assert.ThrowsAny<OperationCanceledException>(() =>
                new PopulationEngine(config, 2).Run(new RunRequest(0, Arm.Vehicle), new RunOutput(writer, PartitionKey.Of("t", 0), 0), progress, cts.Token));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    private sealed class SynchronousProgress(Action<AgentSpines.Actors.Simulation.JobProgress> report) : IProgress<AgentSpines.Actors.Simulation.JobProgress>
    {
        public void Report(AgentSpines.Actors.Simulation.JobProgress value) => report(value);
    }
}
