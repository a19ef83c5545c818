using System.Diagnostics;
using AgentSpines.Core.Random;

namespace AgentSpines.Actors.Benchmarks;

/// <summary>
/// Throughput of the step scheduler: every actor, on each step, tells a small message to a few pseudo-random
/// peers, which count it. Measures delivered messages per second of wall time, all rounds included.
/// </summary>
public static class SchedulerBenchmark
{
    public sealed record Result(long Messages, double Seconds, int Actors, int Threads)
    {
        public double MessagesPerSecond => Messages / Seconds;
    }

    /// <summary>The message: one shared immutable instance, as a "small message" carries no per-send payload.</summary>
    private sealed class Hit
    {
        public static readonly Hit Instance = new();
    }

    private sealed class Node(IActorRef[] peers, int fanOut) : ActorBase, IStepped
    {
        public long Received;
        private uint _state;

        protected override void PreStart() => _state = (uint)Self.Id * 2654435761u | 1;

        public void OnStep(in StepInfo step)
        {
            for (int i = 0; i < fanOut; i++)
            {
                _state ^= _state << 13; _state ^= _state >> 17; _state ^= _state << 5; // xorshift: cheap peer choice
                peers[_state % (uint)peers.Length].Tell(Hit.Instance);
            }
        }

        protected override bool OnReceive(object message)
        {
            Received++;
            return true;
        }
    }

    public static Result Run(int actors = 20_000, int fanOut = 50, int steps = 20, int threads = 0)
    {
        var system = new ActorSystem("bench", threads);
        var refs = new IActorRef[actors];
        for (int i = 0; i < actors; i++) refs[i] = system.ActorOf(Props.Create(() => new Node(refs, fanOut)), (ulong)(i + 2), "n");
        for (int w = 0; w < 30; w++) system.RunStep(new StepInfo(-1, 0, 1)); // warm-up: tiered JIT, list growth
        long before = system.Delivered;
        var sw = Stopwatch.StartNew();
        for (int s = 1; s <= steps; s++) system.RunStep(new StepInfo(s, s, 1));
        sw.Stop();
        return new Result(system.Delivered - before, sw.Elapsed.TotalSeconds, actors, system.Threads);
    }

    private sealed class Idle : ActorBase
    {
        protected override bool OnReceive(object message) => false;
    }

    /// <summary>
    /// Bytes of managed heap per idle actor beyond its own object (which here has no fields): the cell, the
    /// registry entry and the parent's child list. Measured over many actors with a full GC before and after.
    /// </summary>
    public static double BytesPerIdleActor(int count = 1_000_000)
    {
        var system = new ActorSystem("mem", 1);
        long ownState = EmptyObjectBytes();
        GC.Collect(); GC.WaitForPendingFinalizers(); GC.Collect();
        long before = GC.GetTotalMemory(true);
        var props = Props.Create(() => new Idle());
        for (int i = 0; i < count; i++) system.ActorOf(props, (ulong)(i + 2), "idle");
        system.DrainMessages(); // registers them
        long after = GC.GetTotalMemory(true);
        GC.KeepAlive(system);
        return (after - before) / (double)count - ownState;
    }

    private static long EmptyObjectBytes()
    {
        var keep = new object[100_000];
        long b = GC.GetTotalMemory(true);
        for (int i = 0; i < keep.Length; i++) keep[i] = new Idle();
        long a = GC.GetTotalMemory(true);
        GC.KeepAlive(keep);
        return (a - b) / keep.Length - 8; // minus the array slot
    }
}
