using AgentSpines.EventLog.Schema;
namespace AgentSpines.EventLog.Interop;

/// <summary>Plausible rows of the simulation tables for the fixtures (deterministic).</summary>
internal static class SimulationRows
{
    private static readonly string[] States = ["nascent", "thin", "stubby", "mushroom", "filopodium"];
    private static readonly string[] Causes = ["spontaneous", "ltp", "ltd", "drug", "turnover"];

    public static IEnumerable<EventRecord> Events(int n, ulong seed = 1)
    {
        var rnd = new FixtureRandom(seed);
        double t = 0;
        for (int i = 0; i < n; i++)
        {
            t += rnd.Unit() * 0.5;
            string type = EventTypes.All[rnd.Next(EventTypes.All.Count)];
            bool formed = type == EventTypes.Formed;
            yield return new EventRecord(
                TimeH: t,
                DendriteId: rnd.Next(4),
                SegmentId: rnd.Next(40),
                SpineId: 1000 + rnd.Next(500),
                EventType: type,
                StateBefore: formed ? null : States[rnd.Next(States.Length)],
                StateAfter: type == EventTypes.Eliminated ? null : States[rnd.Next(States.Length)],
                HeadVolumeBeforeUm3: formed ? null : 0.01 + rnd.Unit() * 0.3,
                HeadVolumeAfterUm3: type == EventTypes.Eliminated ? null : 0.01 + rnd.Unit() * 0.3,
                NeckLengthUm: rnd.Chance(0.1) ? null : 0.2 + rnd.Unit() * 1.5,
                NeckDiameterUm: rnd.Chance(0.1) ? null : 0.05 + rnd.Unit() * 0.2,
                PositionUm: rnd.Unit() * 200,
                Cause: Causes[rnd.Next(Causes.Length)],
                Drug: rnd.Chance(0.5) ? null : "ketamine",
                Arm: rnd.Chance(0.5) ? Arms.Drug : Arms.Vehicle);
        }
    }

    public static IEnumerable<SnapshotRecord> Snapshots(int n)
    {
        var rnd = new FixtureRandom(2);
        for (int i = 0; i < n; i++)
        {
            double formedAt = rnd.Unit() * 48;
            double time = 24 * (1 + i / 500);
            double volume = 0.01 + rnd.Unit() * 0.3;
            yield return new SnapshotRecord(time, i % 3, i % 30, i, rnd.Unit() * 200, States[rnd.Next(States.Length)], rnd.Chance(0.3),
                volume, Math.Cbrt(volume) * 1.2, 0.2 + rnd.Unit(), 0.05 + rnd.Unit() * 0.2, Math.Max(0, time - formedAt), formedAt, Arms.Baseline);
        }
    }

    public static IEnumerable<MetricRecord> Metrics(int n)
    {
        var rnd = new FixtureRandom(3);
        for (int i = 0; i < n; i++)
        {
            int spines = rnd.Next(200);
            bool drug = i % 2 == 1;
            yield return new MetricRecord(i * 0.25, i % 4, drug ? Arms.Drug : Arms.Vehicle, spines, spines / 100.0, rnd.Next(5), rnd.Next(5),
                spines == 0 ? null : 0.05 + rnd.Unit() * 0.1, drug ? rnd.Unit() * 10 : null, drug ? rnd.Unit() : null);
        }
    }
}
