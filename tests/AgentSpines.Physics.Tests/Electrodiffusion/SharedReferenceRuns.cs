using AgentSpines.Physics.Electrodiffusion;

namespace AgentSpines.Physics.Tests.Electrodiffusion;

/// <summary>
/// Long reference runs shared by several test classes, each computed once per test process (thread-safe).
/// The explicit scheme at 0.5 ns is the reference: the time-step test shows it equals 0.1 ns to 1e-5.
/// </summary>
public static class SharedReferenceRuns
{
    public const double ReferenceStepS = 0.5e-9;

    public sealed record ReferenceRun(EpisodeSummary Summary, EpisodeTrace Trace, ReferenceExplicitSolver Solver, TimeSpan Wall);

    private static readonly Lazy<ReferenceRun> SpineA05 = new(() => RunReference(SpineGeometry.SpineA, SynapticInput.PaperFig1, ReferenceStepS));
    private static readonly Lazy<ReferenceRun> SpineA01 = new(() => RunReference(SpineGeometry.SpineA, SynapticInput.PaperFig1, 0.1e-9));

    /// <summary>Spine A, 25 pA for 10 ms, 20 ms simulated, dt 0.5 ns.</summary>
    public static ReferenceRun SpineA => SpineA05.Value;

    /// <summary>The same at dt 0.1 ns (the paper's step).</summary>
    public static ReferenceRun SpineAFineStep => SpineA01.Value;

    public static ReferenceRun RunReference(SpineGeometry g, SynapticInput input, double dtS)
    {
        var sys = new ElectrodiffusionSystem(ElectrodiffusionParameters.Paper, g);
        var solver = new ReferenceExplicitSolver(sys, dtS);
        var trace = new EpisodeTrace { MinIntervalMs = 0.05 };
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var summary = EpisodeRunner.Run(solver, input, null, trace);
        return new ReferenceRun(summary, trace, solver, sw.Elapsed);
    }

    public static EpisodeSummary RunFast(SpineGeometry g, SynapticInput input)
        => new FastEpisodeModel().Run(g, input);
}
