using System.CommandLine;
using AgentSpines.Cli.CommandLine;
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
public sealed class EpisodeCommand : ICliCommand
{
    private static readonly SpineGeometry A = SpineGeometry.SpineA;
    private static readonly SynapticInput Fig1 = SynapticInput.PaperFig1;
    private static readonly Option<bool> Json = Options.Flag("--json", "print exactly one JSON object");
    private static readonly Option<string?> Spine = Options.Text("--spine", "FILE", "spine geometry and input from a JSON file (configs/spines/*.json); the options below override it");
    private static readonly Option<double?> HeadRadius = Geometry("--head-radius-nm", "head radius in nm", A.HeadRadiusNm);
    private static readonly Option<double?> HeadVolume = Options.OptionalDouble("--head-volume-um3", "head volume in um^3, instead of --head-radius-nm (the radius follows at the head length)");
    private static readonly Option<double?> HeadLength = Geometry("--head-length-nm", "head length in nm", A.HeadLengthNm);
    private static readonly Option<double?> NeckDiameter = Geometry("--neck-diameter-nm", "neck diameter in nm", A.NeckDiameterNm);
    private static readonly Option<double?> NeckLength = Geometry("--neck-length-nm", "neck length in nm", A.NeckLengthNm);
    private static readonly Option<double?> DendriteRadius = Geometry("--dendrite-radius-nm", "dendrite radius in nm", A.DendriteRadiusNm);
    private static readonly Option<double?> DendriteLength = Geometry("--dendrite-length-nm", "dendrite length in nm", A.DendriteLengthNm);
    private static readonly Option<double?> CompartmentLength = Geometry("--compartment-length-nm", "compartment length in nm", A.CompartmentLengthNm);
    private static readonly Option<double?> Current = Geometry("--current-pa", "synaptic current in pA", Fig1.CurrentPA);
    private static readonly Option<double?> Duration = Geometry("--duration-ms", "current duration in ms", Fig1.DurationMs);
    private static readonly Option<double?> StepMV = Geometry("--dendrite-step-mv", "dendritic depolarisation step in mV", Fig1.DendriteStepMV);
    private static readonly Option<double?> StepMs = Geometry("--dendrite-step-ms", "dendritic step duration in ms (0: no step)", Fig1.DendriteStepDurationMs);
    private static readonly Option<double?> Tail = Geometry("--tail-ms", "simulated time after the current in ms", Fig1.TailMs);
    private static readonly Option<double?> Rest = Geometry("--rest-mv", "resting potential in mV", ElectrodiffusionParameters.Paper.RestPotentialMV);
    private static readonly Option<string> Solver = Options.Text("--solver", "NAME", "reference (explicit, dt --dt-ns) or fast (Rosenbrock)", "fast");
    private static readonly Option<double> Dt = Options.Double("--dt-ns", "time step of the reference solver in ns", 0.001, 10, 0.1);
    private static readonly Option<string?> TraceCsv = Options.Text("--trace-csv", "FILE", "write the voltage and concentration traces as CSV");
    private static readonly Option<string?> ProfileCsv = Options.Text("--profile-csv", "FILE", "write the spatial profiles as CSV");

    public AgentCommand Create()
    {
        Solver.AcceptOnlyFromAmong("reference", "fast");
        return new("episode", "one electrodiffusion episode of one spine (defaults: the paper's spine A, 25 pA for 10 ms)", Run)
        {
            Json, Spine, HeadRadius, HeadVolume, HeadLength, NeckDiameter, NeckLength, DendriteRadius, DendriteLength, CompartmentLength,
            Current, Duration, StepMV, StepMs, Tail, Rest, Solver, Dt, TraceCsv, ProfileCsv,
        };
    }

    private static Option<double?> Geometry(string name, string what, double paperValue)
        => Options.OptionalDouble(name, $"{what} (default: {paperValue.ToString(CultureInfo.InvariantCulture)}, or the --spine file's)");

    private static int Run(CommandInput a)
    {
        bool json = a.Get(Json);
        string? spineFile = a.Get(Spine);
        var geometry = SpineGeometry.SpineA;
        var input = SynapticInput.PaperFig1;
        if (spineFile != null) (_, geometry, input) = SpineEpisodeFile.Load(spineFile);

        double? headRadius = a.Get(HeadRadius);
        double? headVolume = a.Get(HeadVolume);
        if (headRadius != null && headVolume != null) throw new UsageException("give --head-radius-nm or --head-volume-um3, not both");
        geometry = geometry with
        {
            HeadRadiusNm = headRadius ?? geometry.HeadRadiusNm,
            HeadLengthNm = a.Get(HeadLength) ?? geometry.HeadLengthNm,
            NeckDiameterNm = a.Get(NeckDiameter) ?? geometry.NeckDiameterNm,
            NeckLengthNm = a.Get(NeckLength) ?? geometry.NeckLengthNm,
            DendriteRadiusNm = a.Get(DendriteRadius) ?? geometry.DendriteRadiusNm,
            DendriteLengthNm = a.Get(DendriteLength) ?? geometry.DendriteLengthNm,
            CompartmentLengthNm = a.Get(CompartmentLength) ?? geometry.CompartmentLengthNm,
        };
        if (headVolume is { } vol) geometry = SpineGeometry.WithHeadVolume(geometry, vol);
        input = input with
        {
            CurrentPA = a.Get(Current) ?? input.CurrentPA,
            DurationMs = a.Get(Duration) ?? input.DurationMs,
            DendriteStepMV = a.Get(StepMV) ?? input.DendriteStepMV,
            DendriteStepDurationMs = a.Get(StepMs) ?? input.DendriteStepDurationMs,
            TailMs = a.Get(Tail) ?? input.TailMs,
        };
        var parameters = ElectrodiffusionParameters.Paper with { RestPotentialMV = a.Get(Rest) ?? ElectrodiffusionParameters.Paper.RestPotentialMV };
        string solverName = a.Get(Solver);
        double dt_ns = a.Get(Dt);
        string? traceCsv = a.Get(TraceCsv);
        string? profileCsv = a.Get(ProfileCsv);

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
                Num(w, "v_head_10us_mv", s.HeadDepolarization10usMV);
                Num(w, "v_head_end_mv", s.HeadDepolarizationEndMV);
                Num(w, "na_end_mm", s.HeadNaEndMM);
                Num(w, "k_end_mm", s.HeadKEndMM);
                Num(w, "cl_end_mm", s.HeadClEndMM);
                Num(w, "v_after_mv", s.HeadPotentialAfter50usMV);
                Num(w, "tau_na_ms", s.NaDecayTauMs);
                Num(w, "r_neck_rest_mohm", s.NeckResistanceRestMOhm);
                Num(w, "boost_mv", s.DendriteStepBoostMV);
                Num(w, "nmda_boost", s.NmdaCurrentBoostRatio);
                Num(w, "wall_ms", wall_ms);
                w.WriteEndObject();
            }
            stream.WriteByte((byte)'\n');
            return 0;
        }

        Console.WriteLine($"episode: {solverName} solver, head r {F(geometry.HeadRadiusNm)} nm x {F(geometry.HeadLengthNm)} nm ({F(geometry.HeadVolumeUm3)} um^3), " +
                          $"neck d {F(geometry.NeckDiameterNm)} nm x {F(geometry.NeckLengthNm)} nm, dendrite r {F(geometry.DendriteRadiusNm)} nm, " +
                          $"{F(input.CurrentPA)} pA for {F(input.DurationMs)} ms" +
                          (input.HasDendriteStep ? $", then dendrite +{F(input.DendriteStepMV)} mV for {F(input.DendriteStepDurationMs)} ms" : ""));
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
