using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using AgentSpines.Physics.Transport;
using Spectre.Console;

namespace AgentSpines.Benchmarks;

/// <summary>
/// `agentspines bench transport [--json] [--particles N] [--spines N] [--threads N] [--duration-ms T]`:
/// capture-plus-release transitions per second of the plain engine (default 10^6 particles on 10^4 spines,
/// Markovian kernels with mean 1 ms each, 2 threads), and the bound set by drawing the same random numbers only.
/// </summary>
public static class TransportBenchmark
{
    public static int Run(bool json, int particles, int spines, int threads, double duration)
    {
        var options = SimulationOptions(particles, spines, duration);
        var sim = new TransportSimulation(options, 12345, threads);
        sim.AdvanceTo(1.0); // warm-up: JIT and caches
        var before = Words(sim);
        var startCounts = sim.Totals;
        var process = Process.GetCurrentProcess();
        var cpu0 = process.TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        int steps = 10;
        for (int k = 1; k <= steps; k++) sim.AdvanceTo(1.0 + duration * k / steps);
        double simSeconds = sw.Elapsed.TotalSeconds;
        process.Refresh();
        double simCpu = (process.TotalProcessorTime - cpu0).TotalSeconds;
        var counts = sim.Totals;
        long transitions = counts.Captures + counts.Releases - startCounts.Captures - startCounts.Releases;
        var after = Words(sim);

        var model = sim.Species[0].Model;
        var cpu1 = process.TotalProcessorTime;
        sw.Restart();
        double checksum = DrawOnly(model, before, after, threads);
        double rngSeconds = sw.Elapsed.TotalSeconds;
        process.Refresh();
        double rngCpu = (process.TotalProcessorTime - cpu1).TotalSeconds;

        double perSecond = transitions / simSeconds, bound = transitions / rngSeconds;
        long words = 0;
        for (int i = 0; i < after.Clock.Length; i++) words += (long)(after.Clock[i] - before.Clock[i] + after.Motion[i] - before.Motion[i]);
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                transitions_per_s = perSecond,
                rng_bound_per_s = bound,
                ratio = perSecond / bound,
                particles,
                spines,
                threads,
                transitions,
                simulated_ms = duration,
                random_words_per_transition = (double)words / transitions,
                seconds = simSeconds,
                transitions_per_cpu_s = transitions / simCpu,
                rng_bound_per_cpu_s = transitions / rngCpu,
                load_average = ProcessGauges.LoadAverage(),
            }));
            return 0;
        }
        var table = new Table().Title("bench transport").AddColumns("figure", "value");
        table.AddRow("particles / spines / threads", $"{particles:N0} / {spines:N0} / {threads}");
        table.AddRow("simulated time (ms)", F(duration));
        table.AddRow("capture + release transitions", transitions.ToString("N0", CultureInfo.InvariantCulture));
        table.AddRow("transitions per second", perSecond.ToString("N0", CultureInfo.InvariantCulture) + " (goal >= 10,000,000)");
        table.AddRow("random-number bound per second", bound.ToString("N0", CultureInfo.InvariantCulture));
        table.AddRow("ratio to the bound", (perSecond / bound).ToString("P1", CultureInfo.InvariantCulture) + " (goal >= 30%)");
        table.AddRow("per CPU-second: simulation / bound", $"{transitions / simCpu:N0} / {transitions / rngCpu:N0}");
        table.AddRow("32-bit words per transition", F((double)words / transitions));
        table.AddRow("load average (1 min) during the run", F(ProcessGauges.LoadAverage()));
        table.AddRow("(checksum)", F(checksum));
        AnsiConsole.Write(table);
        return 0;
    }

    private static string F(double v) => v.ToString("G4", CultureInfo.InvariantCulture);

    /// <summary>Markovian capture and dwell (1 ms each), no reaction, periodic: particles live through the whole bench.</summary>
    private static TransportOptions SimulationOptions(int particles, int spines, double duration)
    {
        double length = spines / 10.0;
        return new TransportOptions
        {
            DurationMs = duration + 1, SampleCount = 1,
            Dendrite = new TransportDendriteOptions { LengthUm = length, SpineDensityPerUm = 10, End = EndCondition.Periodic, SegmentCount = 2 },
            Species =
            {
                new ParticleSpeciesOptions
                {
                    Name = "bench", ParticleCount = particles, DiffusionUm2PerMs = 0.2,
                    Capture = new CaptureOptions { Kernel = CaptureKernel.Exponential, RateUmPerMs = 0.1 },
                    Dwell = new DwellOptions { Kernel = DwellKernel.Exponential, TauMs = 1.0 },
                    Initial = new InitialOptions { Placement = InitialPlacement.Uniform, FractionTrapped = 0.5 },
                },
            },
        };
    }

    private sealed record WordCounts(ulong[] Clock, ulong[] Motion);

    private static WordCounts Words(TransportSimulation sim)
        => new((ulong[])sim.Species[0].Particles.RngWords.Clone(), (ulong[])sim.Species[0].Particles.MotionRngWords.Clone());

    /// <summary>Compiled fully optimised at once, like the simulation's hot loop, so the comparison is fair.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static double DrawChunk(SpeciesModel model, WordCounts from, WordCounts to, int first, int end)
    {
        double sum = 0;
        for (int i = first; i < end; i++)
        {
            var clock = model.Cursor(i, from.Clock[i]);
            for (ulong w = from.Clock[i]; w + 1 < to.Clock[i]; w += 2) sum += clock.NextOpenDouble();
            var motion = model.MotionCursor(i, from.Motion[i]);
            for (ulong w = from.Motion[i]; w + 1 < to.Motion[i]; w += 2) sum += motion.NextOpenDouble();
        }
        return sum;
    }

    /// <summary>Draws exactly the doubles the simulation drew (same streams, same counters), doing nothing else.</summary>
    private static double DrawOnly(SpeciesModel model, WordCounts from, WordCounts to, int threads)
    {
        int n = from.Clock.Length, chunks = (n + TransportSimulation.ChunkSize - 1) / TransportSimulation.ChunkSize;
        var sums = new double[chunks];
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = threads },
            c => sums[c] = DrawChunk(model, from, to, c * TransportSimulation.ChunkSize, Math.Min(n, (c + 1) * TransportSimulation.ChunkSize)));
        return sums.Sum();
    }
}
