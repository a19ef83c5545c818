using AgentSpines.Actors.Population;
using AgentSpines.Actors.Tests.Population;
using AgentSpines.Core.Identity;
using AgentSpines.EventLog;
using AgentSpines.EventLog.Dataset;
using AgentSpines.EventLog.Reading;
using AgentSpines.EventLog.Schema;
using AgentSpines.EventLog.Writing;
using AgentSpines.Plasticity.Options;
using AgentSpines.Plasticity.Regime;
using AgentSpines.Plasticity.State;
using Akka.Actor;
using Akka.TestKit.Xunit2;

namespace AgentSpines.Actors.Tests.Engine;

/// <summary>The recorder writes each step as it comes, acknowledges it, and hands its summary back as a message.</summary>
public sealed class RecorderActorTests : SlowMachineTestKit
{
    [Fact]
    public void WritesStepsAcknowledgesThemAndAnswersTheSummary()
    {
        string dir = EngineFixtures.TempDir();
        try
        {
            var partition = PartitionKey.Of("t", 0);
            using var writer = new DatasetWriter(dir);
            var events = new TableWriter<EventRecord>(writer.Open(EventRecord.Schema.Name, EventRecord.Schema, partition, 0));
            var snapshots = new TableWriter<SnapshotRecord>(writer.Open(SnapshotRecord.Schema.Name, SnapshotRecord.Schema, partition, 0));
            var metrics = new TableWriter<MetricRecord>(writer.Open(MetricRecord.Schema.Name, MetricRecord.Schema, partition, 0));
            var setup = new RecorderSetup(0, 2, 100, new ImagingOptions(), null, "vehicle", false, new HashSet<long> { 0 }, new Dictionary<long, double>(), 24, 1);
            var recorder = new PopulationRecorder(setup, new StepEnvironmentSource(new DrugRegime(new RegimeOptions(), 1), Arm.Vehicle), events, snapshots, metrics, null, null);
            var actor = Sys.ActorOf(Props.Create(() => new RecorderActor(recorder)));

            ulong seg0 = SpineId.SegmentIdOf(0, 0), seg1 = SpineId.SegmentIdOf(1, 3);
            SpineCensusRow Row(ulong seg, uint n, LifeStage stage) => new(SpineId.Of(seg, n).Value, seg, 1 + n, stage, false, n == 0, 0.1, 0.5, 1, 0.1, 10, 0);
            var census = new[] { Row(seg0, 0, LifeStage.Thin), Row(seg0, 1, LifeStage.Mushroom), Row(seg1, 0, LifeStage.Filopodium), Row(seg1, 1, LifeStage.Stubby) };
            var formed = new StructuralEvent(1, SpineId.Of(seg1, 2).Value, seg1, StructuralEvent.Formed, LifeStage.Nascent, LifeStage.Nascent, 0, 0.05, 1, 0.1, 3, "intrinsic");
            var lost = new StructuralEvent(1, census[0].SpineId, seg0, StructuralEvent.Eliminated, LifeStage.Thin, LifeStage.Thin, 0.1, 0, 1, 0.1, 1, "intrinsic");

            DendriteCensus[] counts = [new(0, 2, 1, 0.2), new(1, 1, 0, 0.1)];
            actor.Tell(new RecordStep(0, 0, 1, [new SegmentsStepped(0, 0, counts, census, new[] { lost }, new[] { formed }, [], [])], []), TestActor);
            var ack = ExpectMsg<StepRecorded>();
            Assert.Equal(0, ack.Step);
            Assert.Equal(3 - 1 + 1, ack.LiveSpines); // three true spines at the census (a filopodium is not one), one lost, one formed
            Assert.Equal(2, ack.EventRows);

            actor.Tell(new FinishRecording(), TestActor);
            var summary = ExpectMsg<RecordingFinished>().Summary;
            Assert.Equal(1, summary.Formed);
            Assert.Equal(1, summary.Eliminated);
            Assert.Equal(3 / 200.0, Assert.Single(summary.DailyDensityPerUm), 12); // step 0 is a day: 3 true spines on 2 x 100 um
            Assert.Equal(1 / 3.0, Assert.Single(summary.DailyPersistentFraction), 12);
            writer.Commit();

            using var r = ParquetFileReader.Open(Directory.EnumerateFiles(Path.Combine(dir, "events"), "*.parquet", SearchOption.AllDirectories).Single());
            var types = r.ReadColumn("event_type");
            Assert.Equal(new[] { "eliminated", "formed" }, Enumerable.Range(0, types.Count).Select(i => (string?)types.GetValue(i)));
            using var s = ParquetFileReader.Open(Directory.EnumerateFiles(Path.Combine(dir, "snapshots"), "*.parquet", SearchOption.AllDirectories).Single());
            Assert.Equal(4, s.ReadColumn("spine_id").Count);
            using var m = ParquetFileReader.Open(Directory.EnumerateFiles(Path.Combine(dir, "metrics"), "*.parquet", SearchOption.AllDirectories).Single());
            var n = m.ReadColumn("n_spines");
            Assert.Equal(new[] { 1, 2 }, Enumerable.Range(0, n.Count).Select(i => Convert.ToInt32(n.GetValue(i))));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
