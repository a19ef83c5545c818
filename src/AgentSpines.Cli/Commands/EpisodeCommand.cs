using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using AgentSpines.Physics.Electrodiffusion;

namespace AgentSpines.Cli.Commands;

/// <summary>
/// `agentspines episode [--spine FILE] [--head-radius-nm 250 | --head-volume-um3 V] [--head-length-nm 500]
/// [--neck-diameter-nm 70] [--neck-length-nm 500] [--dendrite-radius-nm 400] [--current-pa 25] [--duration-ms 10]
/// [--dendrite-step-mv 6 --dendrite-step-ms 10] [--rest-mv -70] [--solver reference|fast] [--dt-ns 0.1]
/// [--trace-csv FILE] [--profile-csv FILE] [--json]`: one electrodiffusion episode (defaults: the paper's spine A,
/// 25 pA for 10 ms). Prints a table, or with --json exactly one JSON object.
/// </summary>
public static class EpisodeCommand
{
    public static int Run(string[] args)
    {
        var a = new CommandArgs(args, new HashSet<string> { "json" });
        bool json = a.Flag("json");
        string? spineFile = a.String("spine");
        var geometry = SpineGeometry.SpineA;
        var input = SynapticInput.PaperFig1;
        if (spineFile != null) (_, geometry, input) = SpineEpisodeFile.Load(spineFile);

        double? headRadius = a.Double("head-radius-nm");
        double? headVolume = a.Double("head-volume-um3");
        if (headRadius != null && headVolume != null) throw new UsageException("give --head-radius-nm or --head-volume-um3, not both");
        geometry = geometry with
        {
            HeadRadiusNm = headRadius ?? geometry.HeadRadiusNm,
            HeadLengthNm = a.Double("head-length-nm") ?? geometry.HeadLengthNm,
            NeckDiameterNm = a.Double("neck-diameter-nm") ?? geometry.NeckDiameterNm,
            NeckLengthNm = a.Double("neck-length-nm") ?? geometry.NeckLengthNm,
            DendriteRadiusNm = a.Double("dendrite-radius-nm") ?? geometry.DendriteRadiusNm,
            DendriteLengthNm = a.Double("dendrite-length-nm") ?? geometry.DendriteLengthNm,
            CompartmentLengthNm = a.Double("compartment-length-nm") ?? geometry.CompartmentLengthNm,
        };
        if (headVolume is { } vol) geometry = SpineGeometry.WithHeadVolume(geometry, vol);
        input = input with
        {
            CurrentPa = a.Double("current-pa") ?? input.CurrentPa,
            DurationMs = a.Double("duration-ms") ?? input.DurationMs,
            DendriteStepMv = a.Double("dendrite-step-mv") ?? input.DendriteStepMv,
            DendriteStepDurationMs = a.Double("dendrite-step-ms") ?? input.DendriteStepDurationMs,
            TailMs = a.Double("tail-ms") ?? input.TailMs,
        };
        var parameters = ElectrodiffusionParameters.Paper with { RestPotentialMv = a.Double("rest-mv") ?? ElectrodiffusionParameters.Paper.RestPotentialMv };
        string solverName = a.String("solver") ?? "fast";
        double dt_ns = a.Double("dt-ns") ?? 0.1;
        string? traceCsv = a.String("trace-csv");
        string? profileCsv = a.String("profile-csv");
        a.RejectUnknown();
        if (solverName is not ("fast" or "reference")) throw new UsageException($"--solver: '{solverName}' is not one of reference, fast");

        geometry.Validate();
        input.Validate();
        var system = new ElectrodiffusionSystem(parameters, geometry);
        ISpineSolver solver = solverName == "fast"
            ? new FastRosenbrockSolver(system)
            : new ReferenceExplicitSolver(system, dt_ns * 1e-9) { ObserveIntervalS = traceCsv != null ? 0.1e-6 : 1e-6 };
        EpisodeTrace? trace = traceCsv == null && profileCsv == null ? null : new EpisodeTrace
        {
            MinIntervalMs = 0.0002,
            SampleTimesMs = DenseSampleTimes(input),
            ProfileTimesMs = new[] { 0.01, 1, 5, input.DurationMs, input.DurationMs + 0.05, input.DurationMs + 5 }.Where(t => t <= input.EndMs).Distinct().ToArray(),
        };

        var sw = Stopwatch.StartNew();
        var s = EpisodeRunner.Run(solver, input, null, trace);
        double wall_ms = sw.Elapsed.TotalMilliseconds;
        if (trace != null)
        {
            if (traceCsv != null) using (var w = new StreamWriter(traceCsv)) trace.WriteHeadCsv(w);
            if (profileCsv != null) using (var w = new StreamWriter(profileCsv)) trace.WriteProfileCsv(w);
        }

        if (json)
        {
            using var stream = Console.OpenStandardOutput();
            using (var w = new Utf8JsonWriter(stream))
            {
                w.WriteStartObject();
                Num(w, "v_head_10us_mv", s.HeadDepolarization10usMv);
                Num(w, "v_head_end_mv", s.HeadDepolarizationEndMv);
                Num(w, "na_end_mm", s.HeadNaEndMm);
                Num(w, "k_end_mm", s.HeadKEndMm);
                Num(w, "cl_end_mm", s.HeadClEndMm);
                Num(w, "v_after_mv", s.HeadPotentialAfter50usMv);
                Num(w, "tau_na_ms", s.NaDecayTauMs);
                Num(w, "r_neck_rest_mohm", s.NeckResistanceRestMOhm);
                Num(w, "boost_mv", s.DendriteStepBoostMv);
                Num(w, "nmda_boost", s.NmdaCurrentBoostRatio);
                Num(w, "wall_ms", wall_ms);
                w.WriteEndObject();
            }
            stream.WriteByte((byte)'\n');
            return 0;
        }

        Console.WriteLine($"episode: {solverName} solver, head r {F(geometry.HeadRadiusNm)} nm x {F(geometry.HeadLengthNm)} nm ({F(geometry.HeadVolumeUm3)} um^3), " +
                          $"neck d {F(geometry.NeckDiameterNm)} nm x {F(geometry.NeckLengthNm)} nm, dendrite r {F(geometry.DendriteRadiusNm)} nm, " +
                          $"{F(input.CurrentPa)} pA for {F(input.DurationMs)} ms" +
                          (input.HasDendriteStep ? $", then dendrite +{F(input.DendriteStepMv)} mV for {F(input.DendriteStepDurationMs)} ms" : ""));
        foreach (var (name, value) in s.Quantities()) Console.WriteLine($"  {name,-22} {F(value),12}");
        Console.WriteLine("  (nmda_charge_fc is the calcium-influx proxy: integral of the NMDA current at 1 nS, in pA ms)");
        Console.WriteLine($"  {"solver_steps",-22} {s.SolverSteps,12}");
        Console.WriteLine($"  {"wall_ms",-22} {F(wall_ms),12}");
        return 0;
    }

    private static double[] DenseSampleTimes(SynapticInput input)
    {
        var t = new List<double>();
        for (double x = 0.0002; x <= 0.02 + 1e-12; x += 0.0002) t.Add(Math.Round(x, 6));
        for (double x = 0.05; x <= input.EndMs + 1e-9; x += 0.05) t.Add(Math.Round(x, 6));
        for (double x = 0.0002; x <= 0.02 + 1e-12; x += 0.0002) t.Add(Math.Round(input.DurationMs + x, 6));
        return t.Where(x => x > 0 && x <= input.EndMs).Distinct().OrderBy(x => x).ToArray();
    }

    private static void Num(Utf8JsonWriter w, string key, double v)
    {
        if (double.IsFinite(v)) w.WriteNumber(key, v); else w.WriteNull(key);
    }

    private static string F(double v) => double.IsNaN(v) ? "-" : v.ToString("G6", CultureInfo.InvariantCulture);
}
