using System.Diagnostics;
using AgentSpines.Actors.Simulation;
using AgentSpines.EventLog;
using AgentSpines.Cli.CommandLine;
using Spectre.Console;
using System.CommandLine;

namespace AgentSpines.Cli.Commands;

/// <summary>
/// `agentspines run CONFIG --out DIR [--threads N] [--replicates N] [--Section:Key=value ...]`: validates the
/// config before touching DIR, runs every replicate in-process, writes the dataset (manifest and _SUCCESS
/// last) and prints a summary. Ctrl-C (SIGINT) or SIGTERM stops between steps and removes the partial output (exit 130).
/// </summary>
public sealed class RunCommand : ICliCommand
{
    private static readonly Argument<string> ConfigFile = new("CONFIG") { Description = "the run's JSON configuration (configs/*.json)" };
    private static readonly Option<string?> Out = Options.Text("--out", "DIR", "new or empty directory for the dataset", required: true);
    private static readonly Option<int?> Threads = Options.OptionalInt("--threads", "worker threads per replicate (default: one per core)", 1, 1024);
    private static readonly Option<int?> Replicates = Options.OptionalInt("--replicates", "replicates to run (default: Run:Replicates of the config)", 1, 10_000);
    private static readonly Option<bool> Quiet = Options.Flag("--quiet", "no progress display");
    private static readonly Option<bool> Force = Options.Flag("--force", "run even if the estimate exceeds the free memory or disk");

    public AgentCommand Create() => new("run", "simulate a regime in-process and write the dataset", Run, takesConfigOverrides: true)
    {
        ConfigFile, Out, Threads, Replicates, Quiet, Force,
    };

    private static int Run(CommandInput a)
    {
        string file = a.Get(ConfigFile);
        string outDir = a.Get(Out)!;
        int threads = a.Get(Threads) ?? 0;
        int? replicates = a.Get(Replicates);
        bool quiet = a.Get(Quiet);

        var overrides = new List<string>(a.ConfigOverrides);
        if (replicates is { } r) overrides.Add($"--Run:Replicates={r}");
        var config = SimulationConfig.Load(file, overrides);
        SessionDayCheck.Require(config);
        string json = config.ToJson();
        OutputDirectory.RequireEmpty(outDir);
        if (config.Run.Kind == RunKind.Population)
        {
            var estimate = RunEstimate.Of(config);
            Console.WriteLine(estimate);
            if (!a.Get(Force)) estimate.RequireFits(outDir, RunEstimate.AvailableMemoryBytes());
        }
        bool created = !Directory.Exists(outDir);
        using var outputLock = OutputDirectory.Lock(outDir); // a second run on the same directory stops here, having written nothing

        using var cts = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; cts.Cancel(); };
        Console.CancelKeyPress += onCancel;
        // SIGTERM (kill, a batch scheduler's time limit) stops as cleanly as Ctrl-C
        using var onTerm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM,
            ctx => { ctx.Cancel = true; cts.Cancel(); });
        var sw = Stopwatch.StartNew();
        var outcomes = new List<JobOutcome>();
        DatasetWriter? writer = null;
        try
        {
            writer = new DatasetWriter(outDir, new DatasetOptions
            {
                ConfigJson = json, Seed = config.Run.Seed,
                Writer = new ParquetWriterOptions { Codec = Codec(config.Output.Codec), RowGroupRows = config.Output.RowGroupRows },
            });
            var jobs = SimulationJobs.JobsOf(json);
            var work = jobs.Select(job => ($"{config.Run.Name} replicate {job.Replicate}",
                (Action<IProgress<JobProgress>>)(p => outcomes.Add(SimulationJobs.Execute(job, writer, p, cts.Token, threads))))).ToList();
            if (quiet) foreach (var (_, w) in work) w(new Progress<JobProgress>());
            else new RunProgressDisplay().Run(work);
            writer.Commit(new DatasetManifestInfo { ConfigJson = json, Seed = config.Run.Seed, Shards = outcomes.Count });
        }
        catch (OperationCanceledException)
        {
            writer?.Abort();
            OutputDirectory.RemoveRunOutput(outDir, created);
            Console.Error.WriteLine("agentspines run: cancelled; partial output removed");
            return 130;
        }
        catch
        {
            writer?.Abort();
            OutputDirectory.RemoveRunOutput(outDir, created);
            throw;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
        RunSummary.Print(config, outcomes, outDir, sw.Elapsed);
        return 0;
    }

    private static ParquetCodec Codec(OutputCodec c) => c switch
    {
        OutputCodec.Gzip => ParquetCodec.Gzip,
        OutputCodec.None => ParquetCodec.Uncompressed,
        _ => ParquetCodec.Snappy,
    };
}
