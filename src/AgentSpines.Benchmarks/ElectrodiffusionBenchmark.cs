using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using AgentSpines.Physics.Electrodiffusion;

namespace AgentSpines.Benchmarks;

/// <summary>
/// `agentspines bench electrodiffusion [--json] [--dt-ns 0.1] [--fast-repeats 20]`: the paper's Fig. 1 case
/// (spine A, 25 pA for 10 ms, 20 ms simulated) with the explicit reference (dt 0.1 ns as in the paper) and with
/// the fast solver, in the same process: wall times, their ratio and the largest relative difference over the
/// episode quantities. The fast time is the median of several runs (after 60 warm-up runs).
/// </summary>
public static class ElectrodiffusionBenchmark
{
    public static int Run(bool json, double dt_ns, int repeats)
    {
        var g = SpineGeometry.SpineA;
        var input = SynapticInput.PaperFig1;
        var fastModel = new FastEpisodeModel();
        var fast = fastModel.Run(g, input);
        for (int w = 0; w < 60; w++) fast = fastModel.Run(g, input);   // warm-up: let tiered JIT reach optimised code
        var times = new List<double>();
        double cpu0 = ProcessGauges.CpuSeconds() * 1e3;
        for (int r = 0; r < repeats; r++)
        {
            var sw = Stopwatch.StartNew();
            fast = fastModel.Run(g, input);
            times.Add(sw.Elapsed.TotalMilliseconds);
        }
        double fast_cpu_ms = (ProcessGauges.CpuSeconds() * 1e3 - cpu0) / repeats;
        times.Sort();
        double fast_ms = times[times.Count / 2];

        cpu0 = ProcessGauges.CpuSeconds() * 1e3;
        var refWatch = Stopwatch.StartNew();
        var reference = new ReferenceEpisodeModel(timeStepS: dt_ns * 1e-9).Run(g, input);
        double reference_ms = refWatch.Elapsed.TotalMilliseconds;
        double reference_cpu_ms = ProcessGauges.CpuSeconds() * 1e3 - cpu0;

        double maxRel = 0;
        string worst = "";
        foreach (var ((name, r), (_, f)) in reference.Quantities().Zip(fast.Quantities()))
        {
            if (!double.IsFinite(r) || !double.IsFinite(f)) continue;
            double rel = Math.Abs(f - r) / Math.Abs(r);
            if (rel > maxRel) { maxRel = rel; worst = name; }
        }
        double ratio = reference_ms / fast_ms;
        // 10^4 spines x one episode per simulated hour x 30 days, fast solver without cache, one core.
        // (CPU times are reported too: on a shared, overloaded machine wall times measure the queue, not the code.)
        double population_cpu_s = 1e4 * 24 * 30 * fast_cpu_ms / 1e3;

        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                reference_ms,
                fast_ms,
                ratio,
                max_rel_error = maxRel,
                reference_dt_ns = dt_ns,
                reference_cpu_ms,
                fast_cpu_ms,
                cpu_ratio = reference_cpu_ms / fast_cpu_ms,
                fast_steps = fast.SolverSteps,
                population_uncached_cpu_s = population_cpu_s,
            }));
            return 0;
        }
        Console.WriteLine("bench electrodiffusion: spine A, 25 pA for 10 ms, 20 ms simulated");
        Console.WriteLine($"  reference (explicit, dt {F(dt_ns)} ns)  {F(reference_ms),12} ms");
        Console.WriteLine($"  fast (Rodas3, {fast.SolverSteps} steps)       {F(fast_ms),12} ms  (median of {repeats})");
        Console.WriteLine($"  ratio                              {F(ratio),12}");
        Console.WriteLine($"  CPU: reference {F(reference_cpu_ms)} ms, fast {F(fast_cpu_ms)} ms, ratio {F(reference_cpu_ms / fast_cpu_ms)}");
        Console.WriteLine($"  max relative difference            {F(maxRel),12}  ({worst})");
        Console.WriteLine($"  10^4 spines x 720 episodes, uncached, one core: {F(population_cpu_s)} s");
        return 0;
    }

    private static string F(double v) => v.ToString("G5", CultureInfo.InvariantCulture);
}
