using AgentSpines.Cluster.Coordination;
using Spectre.Console;

namespace AgentSpines.Cluster.Progress;

/// <summary>
/// Shows sweep progress: a Spectre.Console progress bar over jobs on an interactive terminal, otherwise plain
/// lines ("12/40 jobs done") on stderr, one per job, so logs and CI output stay readable.
/// </summary>
public static class JobProgressView
{
    public static bool Interactive => !Console.IsErrorRedirected && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    public static async Task<T> RunAsync<T>(string title, Func<IProgress<SweepProgress>, Task<T>> work)
    {
        if (!Interactive)
            return await work(new DirectProgress(p => Console.Error.WriteLine(
                $"{title}: {p.Done}/{p.Total} jobs done{(p.Duplicates > 0 ? $", {p.Duplicates} duplicates ignored" : "")}{(p.LastJob != null ? $" ({p.LastJob})" : "")}")));
        T result = default!;
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask(title, maxValue: 1);
                result = await work(new DirectProgress(s =>
                {
                    task.MaxValue = Math.Max(1, s.Total);
                    task.Value = s.Done;
                    task.Description = $"{title} {s.Done}/{s.Total}";
                }));
                task.Value = task.MaxValue;
            });
        return result;
    }

    /// <summary>Reports on the caller's thread, serialised, skipping repeats of the same count.</summary>
    private sealed class DirectProgress(Action<SweepProgress> show) : IProgress<SweepProgress>
    {
        private readonly object _lock = new();
        private int _lastDone = -1;

        public void Report(SweepProgress value)
        {
            lock (_lock)
            {
                if (value.Done == _lastDone) return;
                _lastDone = value.Done;
                show(value);
            }
        }
    }
}
