using System.Diagnostics;
using AgentSpines.Actors.Simulation;
using Spectre.Console;

namespace AgentSpines.Cli;

/// <summary>
/// Shows a run's progress: a Spectre.Console bar with simulated time, spine count, events/s and ETA on a
/// terminal; plain lines (every 10%) when the output is redirected, so logs stay readable.
/// </summary>
public sealed class RunProgressDisplay
{
    private readonly bool _interactive = !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    public void Run(IReadOnlyList<(string Label, Action<IProgress<JobProgress>> Work)> jobs)
    {
        if (_interactive)
        {
            AnsiConsole.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
                .Start(ctx =>
                {
                    foreach (var (label, work) in jobs)
                    {
                        var task = ctx.AddTask(Markup.Escape(label), maxValue: 1.0);
                        var sw = Stopwatch.StartNew();
                        work(new Callback(p =>
                        {
                            task.Value = p.TotalH > 0 ? Math.Min(1.0, p.SimulatedH / p.TotalH) : 1.0;
                            double rate = p.Events / Math.Max(1e-9, sw.Elapsed.TotalSeconds);
                            task.Description = Markup.Escape($"{label}  t={p.SimulatedH / 24:F1}/{p.TotalH / 24:F1} d  spines={p.Spines:N0}  events/s={rate:N0}");
                        }));
                        task.Value = 1.0;
                        task.StopTask();
                    }
                });
            return;
        }
        foreach (var (label, work) in jobs)
        {
            int lastDecile = -1;
            var sw = Stopwatch.StartNew();
            work(new Callback(p =>
            {
                int decile = p.TotalH > 0 ? (int)(10 * p.SimulatedH / p.TotalH) : 10;
                if (decile == lastDecile) return;
                lastDecile = decile;
                double frac = p.TotalH > 0 ? p.SimulatedH / p.TotalH : 1;
                double eta = frac > 0 ? sw.Elapsed.TotalSeconds * (1 - frac) / frac : double.NaN;
                Console.WriteLine($"{label}: {100 * frac:F0}%  t={p.SimulatedH / 24:F1} d  spines={p.Spines:N0}  events/s={p.Events / Math.Max(1e-9, sw.Elapsed.TotalSeconds):N0}  eta={eta:F0} s");
            }));
        }
    }

    /// <summary>Synchronous IProgress: reports run on the simulating thread, in order.</summary>
    private sealed class Callback(Action<JobProgress> report) : IProgress<JobProgress>
    {
        public void Report(JobProgress value) => report(value);
    }
}
