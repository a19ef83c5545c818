using AgentSpines.Core.Identity;
using AgentSpines.Core.Random;
using AgentSpines.Plasticity.Imaging;
using AgentSpines.Plasticity.Model;
using AgentSpines.Plasticity.Options;
using AgentSpines.Plasticity.Regime;
using AgentSpines.Plasticity.State;

namespace AgentSpines.Plasticity.Population;

/// <summary>
/// A plain deterministic stand-in for the actor engine: dendrites -> segments -> spines, with the same per-entity
/// calls and stream keys the actors use. Per step, for each segment in id order: each spine in id order
/// StepSpine (stream LifeCycle keyed by spine id), losses recorded on the segment, then StepFormation (stream
/// Formation keyed by segment id). Ids: <see cref="SpineId"/>; the initial population: <see cref="PopulationSeeding"/>. Drug and vehicle arms share RunSeed.ForReplicate(seed, replicate).
/// </summary>
public sealed class PopulationDriver(PlasticityModel model, DrugRegime regime, ImagingOptions imaging)
{
    public PlasticityModel Model => model;
    public DrugRegime Regime => regime;

    public static ulong SegmentId(int dendrite, int segment) => SpineId.SegmentIdOf(dendrite, segment);

    public ExperimentResult Run(PopulationSpec spec)
    {
        _ = model.Equilibrium; // computed once, before the parallel loop
        var arms = regime.SimulatedArms();
        int jobs = spec.Replicates * arms.Length;
        var results = new RunResult[jobs];
        void Job(int j) => results[j] = RunOne(spec, j / arms.Length, arms[j % arms.Length]);
        if (spec.Parallel) System.Threading.Tasks.Parallel.For(0, jobs, Job);
        else for (int j = 0; j < jobs; j++) Job(j);
        return new ExperimentResult { Regime = regime.Options.Name, Runs = results.ToList() };
    }

    private sealed class Segment
    {
        public required SegmentContext Context;
        public required RandomStream Rng;
        public required double DendriteStartUm;
        public required int Dendrite;
        public readonly List<SpineState> Spines = new();
        public readonly List<RandomStream> Streams = new();
    }

    public RunResult RunOne(PopulationSpec spec, int replicate, Arm arm)
    {
        ulong seed = RunSeed.ForReplicate(spec.Seed, replicate);
        double dt = spec.StepHours;
        var animal = AnimalEffects.Draw(model.Options, seed);
        var segments = BuildSegments(spec, seed);
        var events = new List<StructuralEvent>();
        var births = new List<SpineBirth>();
        var sessions = new List<SessionCensus>();
        var daily = new List<double>();
        var dailyPersistent = new List<double>();
        var silent = new List<double>();
        var labile = new List<double>();
        var turnover = spec.RecordTurnover ? new List<TurnoverRecord>() : null;
        long formed = 0, eliminated = 0;
        int steps = (int)Math.Round(spec.DurationDays * 24 / dt);
        int stepsPerDay = Math.Max(1, (int)Math.Round(24 / dt));
        var sessionSteps = imaging.SessionDays.Select(d => (int)Math.Round((regime.ReferenceTimeH + d * 24) / dt)).ToArray();
        int nextSession = 0;
        var exposure = regime.ForAnimal(arm, animal.DrugSensitivity);
        // density restoration: each dendrite's true spines at the start of the step and of the run
        var spinesNow = new int[model.Restoration.Enabled ? spec.DendriteCount : 0];
        var spinesAtStart = new int[spinesNow.Length];

        for (int k = 0; k <= steps; k++)
        {
            double t = k * dt;
            while (nextSession < sessionSteps.Length && sessionSteps[nextSession] <= k)
            {
                if (sessionSteps[nextSession] == k) sessions.Add(Census(segments, imaging.SessionDays[nextSession], spec, seed));
                nextSession++;
            }
            if (k % stepsPerDay == 0) RecordDaily(segments, spec, daily, dailyPersistent);
            var (fs, fl) = SilentFractions(segments);
            silent.Add(fs);
            labile.Add(fl);
            if (k == steps) break;

            var animalEnv = exposure.At(t);
            if (model.Restoration.Enabled)
            {
                TrueSpinesPerDendrite(segments, spinesNow);
                if (k == 0) spinesNow.CopyTo(spinesAtStart, 0);
            }
            foreach (var seg in segments)
            {
                var env = model.Restoration.Enabled ? model.Restoration.ForDendrite(animalEnv, spinesNow[seg.Dendrite], spinesAtStart[seg.Dendrite], spec.DendriteLengthUm, model.BaselineFormationPerUmPerH) : animalEnv;
                var spines = seg.Spines;
                var streams = seg.Streams;
                int keep = 0;
                for (int i = 0; i < spines.Count; i++)
                {
                    var s = spines[i];
                    events.Clear();
                    if (model.StepSpine(s, env, SpineInputs.None, streams[i], events) == SpineFate.Eliminated)
                    {
                        if (s.Stage != LifeStage.Filopodium)
                        {
                            eliminated++;
                            string cause = events.Count > 0 ? events[^1].Cause : StructuralEvent.Intrinsic;
                            if (model.LeavesLossSite(s)) seg.Context.RecordLoss(s.PositionUm, t + dt, cause);
                            turnover?.Add(new TurnoverRecord(t + dt, s.Id, s.SegmentId, seg.DendriteStartUm + s.PositionUm, false, s.Persistent, cause));
                        }
                        continue;
                    }
                    spines[keep] = s;
                    streams[keep] = streams[i];
                    keep++;
                }
                if (keep < spines.Count)
                {
                    spines.RemoveRange(keep, spines.Count - keep);
                    streams.RemoveRange(keep, streams.Count - keep);
                }
                births.Clear();
                model.StepFormation(seg.Context, env, seg.Rng, births);
                foreach (var b in births)
                {
                    var rng = new RandomStream(seed, b.SpineId, StreamId.LifeCycle);
                    var s = model.NewSpine(b.SpineId, seg.Context.SegmentId, b.PositionUm, t + dt, rng, initial: false, filopodium: b.Filopodium,
                        effects: seg.Context.Effects);
                    spines.Add(s);
                    streams.Add(rng);
                    if (!b.Filopodium)
                    {
                        formed++;
                        turnover?.Add(new TurnoverRecord(t + dt, s.Id, s.SegmentId, seg.DendriteStartUm + s.PositionUm, true, false, b.Cause));
                    }
                }
            }
        }
        return new RunResult
        {
            Replicate = replicate, Arm = arm, Sessions = sessions, DailyDensityPerUm = daily, DailyPersistentFraction = dailyPersistent,
            Formed = formed, Eliminated = eliminated, Turnover = turnover, SilentFractionByStep = silent, LabileFractionByStep = labile,
        };
    }

    private List<Segment> BuildSegments(PopulationSpec spec, ulong seed)
    {
        var list = new List<Segment>();
        foreach (var seeded in PopulationSeeding.Segments(model, seed, 0, spec.DendriteCount, spec.DendriteLengthUm, spec.SegmentLengthUm))
        {
            var seg = new Segment
            {
                Context = seeded.Context, Rng = new RandomStream(seed, seeded.Context.SegmentId, StreamId.Formation),
                DendriteStartUm = VirtualMicroscope.DendriteStartUm(seeded.Dendrite), Dendrite = seeded.Dendrite,
            };
            seg.Spines.AddRange(seeded.Spines);
            seg.Streams.AddRange(seeded.Streams);
            list.Add(seg);
        }
        return list;
    }

    private SessionCensus Census(List<Segment> segments, double day, PopulationSpec spec, ulong seed)
    {
        var scope = new VirtualMicroscope(imaging, spec.DendriteLengthUm, spec.DendriteCount, seed, day);
        foreach (var seg in segments)
            foreach (var s in seg.Spines)
                scope.Observe(s.Id, seg.DendriteStartUm, s.PositionUm, s.Stage, s.HeadVolumeUm3, s.HeadWidthUm, s.Persistent);
        return scope.TakeSession();
    }

    /// <summary>Each dendrite's spines, filopodia excluded (what DensityRestoration reads).</summary>
    private static void TrueSpinesPerDendrite(List<Segment> segments, int[] counts)
    {
        Array.Clear(counts);
        foreach (var seg in segments)
            foreach (var s in seg.Spines)
                if (s.Stage != LifeStage.Filopodium) counts[seg.Dendrite]++;
    }

    /// <summary>Fractions of spines (filopodia excluded) that are silent, and that hold only labile (CP) AMPARs.</summary>
    private static (double Silent, double Labile) SilentFractions(List<Segment> segments)
    {
        int n = 0, silent = 0, labile = 0;
        foreach (var seg in segments)
            foreach (var s in seg.Spines)
            {
                if (s.Stage == LifeStage.Filopodium) continue;
                n++;
                if (s.Silent) silent++;
                else if (s.Maturity == SynapseMaturity.Labile) labile++;
            }
        return n > 0 ? ((double)silent / n, (double)labile / n) : (0, 0);
    }

    private static void RecordDaily(List<Segment> segments, PopulationSpec spec, List<double> daily, List<double> dailyPersistent)
    {
        int n = 0, p = 0;
        foreach (var seg in segments)
            foreach (var s in seg.Spines)
            {
                if (s.Stage == LifeStage.Filopodium) continue;
                n++;
                if (s.Persistent) p++;
            }
        daily.Add(n / spec.TotalLengthUm);
        dailyPersistent.Add(n > 0 ? (double)p / n : 0);
    }
}
