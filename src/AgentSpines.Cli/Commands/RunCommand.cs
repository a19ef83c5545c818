using System.Diagnostics;
using AgentSpines.Actors.Simulation;
using Spectre.Console;
using AgentSpines.EventLog.Dataset;
using AgentSpines.EventLog.Writing;
using AgentSpines.EventLog.Format;

namespace AgentSpines.Cli.Commands;

/// <summary>
/// `agentspines run CONFIG --out DIR [--threads N] [--replicates N] [--Section:Key=value ...]`: validates the
/// config before touching DIR, runs every replicate in-process, writes the dataset (manifest and _SUCCESS
/// last) and prints a summary. Ctrl-C (SIGINT) or SIGTERM stops between steps and removes the partial output (exit 130).
/// </summary>
public static class RunCommand
{
    public static int Run(string[] args)
    {
        var a = new CommandArgs(args, new HashSet<string> { "quiet" });
        string file = a.Positional(0, "CONFIG");
        string outDir = a.String("out") ?? throw new UsageException("missing --out DIR");
        int threads = a.Int("threads", 1, 1024) ?? 0;
        int? replicates = a.Int("replicates", 1, 10_000);
        bool quiet = a.Flag("quiet");
        a.RejectUnknown();

        var overrides = new List<string>(a.ConfigOverrides);
        if (replicates is { } r) overrides.Add($"--Run:Replicates={r}");
        var config = SimulationConfig.Load(file, overrides);
        string json = config.ToJson();
        OutputDirectory.RequireEmpty(outDir);
        bool created = !Directory.Exists(outDir);

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
        OutputCodec.Zstd => ParquetCodec.Zstd,
        _ => ParquetCodec.Snappy,
    };
}
