using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using AgentSpines.Cluster.Coordination;
using AgentSpines.Cluster.Execution;
using AgentSpines.Cluster.Messaging;
using AgentSpines.Cluster.Sweeps;
using AgentSpines.Cluster.TestSupport;

namespace AgentSpines.Benchmarks;

/// <summary>
/// `agentspines bench cluster [--json] [--broker URI] [--jobs N] [--work-iterations N] [--rows N]`: sweep throughput
/// with 1 and 2 worker processes against a local broker (a private rabbitmq-server is started when --broker is not
/// given), the speedup, and the broker overhead per job as a share of the job's execution time measured on the
/// worker in the same run: (wall time per job with one worker - execution time) / execution time.
/// </summary>
public static class ClusterBenchmark
{
    public static int Run(bool json, string? brokerArg, int jobs, long work, long rows)
    {
        string dir = Path.Combine(Path.GetTempPath(), $"agentspines-bench-cluster-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        LocalBroker? local = null;
        try
        {
            File.WriteAllText(Path.Combine(dir, "bench.json"), $$"""{ "Regime": { "Name": "bench" }, "Run": { "Seed": 7 }, "Synthetic": { "Rows": {{rows}}, "Steps": 10, "WorkIterations": {{work}} } }""");
            File.WriteAllText(Path.Combine(dir, "sweep.json"), $$"""{ "Name": "bench", "Engine": "synthetic", "Regimes": ["bench.json"], "Replicates": {{jobs}} }""");
            var plan = SweepPlan.Build(SweepConfigLoader.Load(Path.Combine(dir, "sweep.json")), EngineRegistry.Default);
            if (brokerArg == null)
            {
                if (!json) Console.Error.WriteLine("bench cluster: starting a private rabbitmq-server on 127.0.0.1 ...");
                try
                {
                    local = LocalBroker.Start(TimeSpan.FromSeconds(120));
                }
                catch (Exception e) when (e is InvalidOperationException or TimeoutException)
                {
                    Console.Error.WriteLine($"agentspines bench: could not start a local rabbitmq-server ({e.Message.ReplaceLineEndings(" ")[..Math.Min(300, e.Message.Length)]}); give --broker URI");
                    return ClusterExitCodes.BrokerUnavailable;
                }
            }
            var broker = BrokerSettings.Resolve(brokerArg ?? local!.Uri, env: _ => null);

            var executor = EngineRegistry.Default.Get(EngineRegistry.Synthetic);
            JobRunner.Run(plan.Jobs[0], executor, null, default); // warm-up (JIT)
            var clock = Stopwatch.StartNew();
            for (int i = 0; i < 2; i++) JobRunner.Run(plan.Jobs[i], executor, null, default);
            double jobSeconds = clock.Elapsed.TotalSeconds / 2;

            var (wall1, exec1) = Distributed(plan, broker, dir, 1);
            var (wall2, _) = Distributed(plan, broker, dir, 2);
            double jps1 = jobs / wall1, jps2 = jobs / wall2;
            // Job time as the worker measured it in the same run, so machine load affects both sides alike.
            double workerJobSeconds = exec1 / jobs;
            double overhead = Math.Max(0, (wall1 / jobs - workerJobSeconds) / workerJobSeconds);
            if (json)
            {
                Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
                {
                    ["jobs_per_s_1"] = Math.Round(jps1, 4),
                    ["jobs_per_s_2"] = Math.Round(jps2, 4),
                    ["speedup"] = Math.Round(jps2 / jps1, 3),
                    ["overhead_share"] = Math.Round(overhead, 4),
                    ["job_s"] = Math.Round(jobSeconds, 4),
                    ["job_s_on_worker"] = Math.Round(workerJobSeconds, 4),
                    ["jobs"] = jobs,
                    ["cores"] = Environment.ProcessorCount,
                }));
            }
            else
            {
                Console.WriteLine($"cluster benchmark: {jobs} synthetic jobs of {jobSeconds:0.000} s in-process, {workerJobSeconds:0.000} s on a worker ({work} work iterations, {rows} rows), {Environment.ProcessorCount} cores");
                Console.WriteLine($"  {"workers",-10}{"wall s",10}{"jobs/s",10}");
                Console.WriteLine($"  {"1",-10}{wall1,10:0.00}{jps1,10:0.000}");
                Console.WriteLine($"  {"2",-10}{wall2,10:0.00}{jps2,10:0.000}");
                Console.WriteLine($"  speedup {jps2 / jps1:0.00}x (goal >= 1.8x), broker overhead {overhead * 100:0.00}% of job time (goal < 2%)");
            }
            return 0;
        }
        catch (BrokerUnavailableException e)
        {
            Console.Error.WriteLine($"agentspines bench: {e.Message}");
            return ClusterExitCodes.BrokerUnavailable;
        }
        finally
        {
            local?.Dispose();
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>Wall seconds for the whole sweep with <paramref name="workers"/> worker processes already waiting,
    /// and the sum of the jobs' execution seconds measured on the workers.</summary>
    private static (double Wall, double Execute) Distributed(SweepPlan plan, BrokerSettings broker, string dir, int workers)
    {
        string prefix = $"bench{workers}-{Guid.NewGuid():N}"[..20];
        var procs = new List<Process>();
        try
        {
            for (int i = 0; i < workers; i++)
            {
                var p = StartWorker(broker, prefix, $"bench-w{i}");
                procs.Add(p);
                string? line;
                while ((line = p.StandardOutput.ReadLine()) != null && !line.Contains("waiting for jobs", StringComparison.Ordinal)) { }
                if (line == null) throw new InvalidOperationException("a benchmark worker exited before connecting");
                _ = p.StandardOutput.ReadToEndAsync();
            }
            var options = new CoordinatorOptions(broker, new Topology(prefix), RetryPolicy.Default, TimeSpan.FromSeconds(30));
            var clock = Stopwatch.StartNew();
            var summary = new Coordinator(options, plan, Path.Combine(dir, "out-" + prefix), null, TextWriter.Null).RunAsync(CancellationToken.None).GetAwaiter().GetResult();
            return (clock.Elapsed.TotalSeconds, summary.ExecuteSeconds);
        }
        finally
        {
            foreach (var p in procs)
            {
                try { if (!p.HasExited) p.Kill(true); } catch (InvalidOperationException) { }
                p.Dispose();
            }
        }
    }

    private static Process StartWorker(BrokerSettings broker, string prefix, string name)
    {
        string self = Environment.ProcessPath ?? "dotnet";
        var psi = new ProcessStartInfo(self) { RedirectStandardOutput = true, RedirectStandardError = false, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") psi.ArgumentList.Add(System.Reflection.Assembly.GetEntryAssembly()!.Location);
        foreach (var x in new[] { "worker", "--queue-prefix", prefix, "--name", name }) psi.ArgumentList.Add(x);
        psi.Environment[BrokerSettings.EnvironmentVariable] = broker.Uri.OriginalString;
        return Process.Start(psi) ?? throw new InvalidOperationException("could not start a benchmark worker");
    }

}
