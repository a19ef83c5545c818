using System.Diagnostics;
using AgentSpines.Actors.Population;
using AgentSpines.Core.Random;
using AgentSpines.Plasticity.Model;
using AgentSpines.Plasticity.Options;
using AgentSpines.Plasticity.Population;
using AgentSpines.Plasticity.Regime;
using AgentSpines.Plasticity.State;
using Akka.Actor;

namespace AgentSpines.Benchmarks;

/// <summary>
/// The design not taken, for `bench population`: the same model with one Akka actor per spine (its own mailbox) under
/// one actor per segment, which tells its spines to step, waits for all of them, records the losses, runs formation
/// and creates actors for the births; a driver waits for every segment each step. Same seeding and streams as the
/// engine; the events go back to the segments as messages but are not written (the engine's figure includes writing).
/// </summary>
public static class PerSpineActorBenchmark
{
    public sealed record Result(double Seconds, long Spines, long Steps);

    private sealed record Go(StepEnvironment Env);
    private sealed record Done(long Spines);
    private sealed record Stepped(SpineState State, bool Eliminated, string Cause, StructuralEvent[] Events);

    private sealed class SpineActor : ReceiveActor
    {
        public SpineActor(SpineState state, RandomStream rng, PlasticityModel model)
        {
            var events = new List<StructuralEvent>();
            Receive<Go>(m =>
            {
                events.Clear();
                var env = m.Env;
                bool lost = model.StepSpine(ref state, in env, SpineInputs.None, rng, events) == SpineFate.Eliminated;
                Sender.Tell(new Stepped(state, lost, events.Count > 0 ? events[^1].Cause : StructuralEvent.Intrinsic, events.ToArray()));
                if (lost) Context.Stop(Self);
            });
        }
    }

    private sealed class SegmentActor : ReceiveActor
    {
        private readonly List<IActorRef> _spines = new();
        private readonly List<SpineBirth> _births = new();
        private readonly RandomStream _formation;
        private IActorRef _driver = ActorRefs.Nobody;
        private int _pending;
        private StepEnvironment _env;

        public SegmentActor(SeededSegment seeded, ulong key, PlasticityModel model)
        {
            var ctx = seeded.Context;
            _formation = new RandomStream(key, ctx.SegmentId, StreamId.Formation);
            for (int i = 0; i < seeded.Spines.Count; i++) Spawn(seeded.Spines[i], seeded.LifeCycleStream(key, i), model);
            Receive<Go>(m =>
            {
                _driver = Sender;
                _env = m.Env;
                _pending = _spines.Count;
                foreach (var s in _spines) s.Tell(m);
                if (_pending == 0) Form(ctx, key, model);
            });
            Receive<Stepped>(m =>
            {
                if (m.Eliminated)
                {
                    _spines.Remove(Sender);
                    if (m.State.Stage != LifeStage.Filopodium && model.LeavesLossSite(m.State)) ctx.RecordLoss(m.State.PositionUm, _env.TimeH + _env.StepH, m.Cause);
                }
                if (--_pending == 0) Form(ctx, key, model);
            });
        }

        private void Form(SegmentContext ctx, ulong key, PlasticityModel model)
        {
            _births.Clear();
            model.StepFormation(ctx, in _env, _formation, _births);
            foreach (var b in _births)
            {
                var rng = new RandomStream(key, b.SpineId, StreamId.LifeCycle);
                Spawn(model.NewSpine(b.SpineId, ctx.SegmentId, b.PositionUm, _env.TimeH + _env.StepH, rng, initial: false, filopodium: b.Filopodium), rng, model);
            }
            _driver.Tell(new Done(_spines.Count));
        }

        private void Spawn(SpineState s, RandomStream rng, PlasticityModel model)
            => _spines.Add(Context.ActorOf(Props.Create(() => new SpineActor(s, rng, model)).WithDispatcher(PopulationActorSystem.Dispatcher)));
    }

    private sealed class Driver : ReceiveActor
    {
        public Driver(IActorRef[] segments, DrugRegime regime, int steps, double dt)
        {
            IActorRef requester = ActorRefs.Nobody;
            int pending = 0, k = 0;
            long spines = 0;
            var exposure = regime.ForAnimal(Arm.Vehicle);
            void Begin()
            {
                var go = new Go(exposure.At(k * dt));
                pending = segments.Length;
                spines = 0;
                foreach (var s in segments) s.Tell(go);
            }
            Receive<string>(_ => { requester = Sender; Begin(); });
            Receive<Done>(m =>
            {
                spines += m.Spines;
                if (--pending > 0) return;
                if (++k < steps) Begin();
                else requester.Tell(new Done(spines));
            });
        }
    }

    public static Result Run(PlasticityOptions plasticity, RegimeOptions regimeOptions, int dendrites, double dendriteLengthUm, double segmentLengthUm,
        double days, double dt, ulong seed, int threads)
    {
        var model = new PlasticityModel(plasticity, dt);
        var regime = new DrugRegime(regimeOptions, dt);
        _ = model.Equilibrium;
        ulong key = RunSeed.ForReplicate(seed, 0);
        int steps = (int)Math.Round(days * 24 / dt);
        using var system = PopulationActorSystem.Create("per-spine", threads);
        try
        {
            var sw = Stopwatch.StartNew();
            var segments = PopulationSeeding.Segments(model, key, 0, dendrites, dendriteLengthUm, segmentLengthUm)
                .Select(s => system.ActorOf(Props.Create(() => new SegmentActor(s, key, model)).WithDispatcher(PopulationActorSystem.Dispatcher))).ToArray();
            var driver = system.ActorOf(Props.Create(() => new Driver(segments, regime, steps, dt)).WithDispatcher(PopulationActorSystem.Dispatcher));
            var done = driver.Ask<Done>("start", Timeout.InfiniteTimeSpan).GetAwaiter().GetResult();
            return new Result(sw.Elapsed.TotalSeconds, done.Spines, steps);
        }
        finally
        {
            system.Terminate().Wait();
        }
    }
}
