using System.Text.Json;

namespace AgentSpines.Cli.Tests.Commands;

/// <summary>episode, validate, calibrate, bench and check-config: a small happy path and an input error each.</summary>
[Collection("console")]
public sealed class ModelCommandsTests
{
    [Fact]
    public void Episode_json_is_one_object_and_the_neck_resistance_scales_with_its_length()
    {
        using var shortNeck = JsonDocument.Parse(ChildCli.Succeeds("episode", "--json", "--duration-ms", "1", "--neck-length-nm", "500"));
        using var longNeck = JsonDocument.Parse(ChildCli.Succeeds("episode", "--json", "--duration-ms", "1", "--neck-length-nm", "1000"));
        double r1 = shortNeck.RootElement.GetProperty("r_neck_rest_mohm").GetDouble();
        double r2 = longNeck.RootElement.GetProperty("r_neck_rest_mohm").GetDouble();
        Assert.Equal(2.0, r2 / r1, 9); // R = rho L / (pi r^2): ohmic cylinder
        // A 25 pA current into the head depolarises it above rest, more behind the longer (higher-resistance) neck.
        double v1 = shortNeck.RootElement.GetProperty("v_head_end_mv").GetDouble();
        double v2 = longNeck.RootElement.GetProperty("v_head_end_mv").GetDouble();
        Assert.InRange(v1, 0.5, 60);
        Assert.True(v2 > v1, $"{v2} mV behind 1000 nm, {v1} mV behind 500 nm");
    }

    [Fact]
    public void Episode_with_a_negative_neck_diameter_is_an_input_error()
        => CliAssert.IsInputError("-5", "episode", "--neck-diameter-nm", "-5");

    [Fact]
    public void Validate_transport_passes_every_check_and_prints_one_json_object()
    {
        using var doc = JsonDocument.Parse(CliAssert.Succeeds("validate", "transport", "--json"));
        Assert.True(doc.RootElement.GetProperty("pass").GetBoolean());
        var checks = doc.RootElement.GetProperty("checks").EnumerateArray().ToList();
        Assert.True(checks.Count >= 10);
        Assert.All(checks, c => Assert.True(c.GetProperty("pass").GetBoolean(), c.GetProperty("check").GetString()));
    }

    [Fact]
    public void Validate_of_an_unknown_suite_is_an_input_error()
        => CliAssert.IsInputError("transport", "validate", "nosuchsuite"); // the message lists the suites there are

    [Fact]
    public void Calibrate_without_fit_prints_the_residual_table_of_every_target()
    {
        string targets = Path.Combine(CliHarness.RepoRoot(), "configs", "targets", "ketamine.json");
        string output = CliAssert.Succeeds("calibrate", CliHarness.Config("ketamine.json"), "--targets", targets,
            "--replicates", "1", "--spines", "100", "--no-fit");
        using var doc = JsonDocument.Parse(File.ReadAllText(targets), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        int n = doc.RootElement.GetProperty("Targets").GetArrayLength();
        Assert.Contains($"{n} targets", output);
        string[] metrics = ["density_effect_pp", "formation_ratio", "cohort_survival_pct"];
        Assert.Equal(n, output.Split('\n').Count(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [_, var metric, ..] && metrics.Contains(metric)));
        Assert.Contains("objective sum z^2", output);
    }

    [Fact]
    public void Calibrate_with_a_missing_targets_file_names_it()
        => CliAssert.IsInputError("/no/such/targets.json", "calibrate", CliHarness.Config("ketamine.json"), "--targets", "/no/such/targets.json");

    [Fact]
    public void Bench_parquet_at_a_tiny_size_prints_one_json_object()
    {
        string output = CliAssert.Succeeds("bench", "parquet", "--rows", "2000", "--json");
        using var doc = JsonDocument.Parse(output); // exactly one JSON value: Parse fails on anything after it
        Assert.Equal(JsonValueKind.Object, doc.RootElement.ValueKind);
        Assert.Equal(2000, doc.RootElement.GetProperty("rows").GetInt64());
    }

    [Fact]
    public void Bench_population_at_a_tiny_size_prints_one_json_object_with_the_machine_beside_the_figures()
    {
        string output = CliAssert.Succeeds("bench", "population", "--spines", "1000", "--days", "1", "--per-spine", "0", "--threads", "2", "--json");
        using var doc = JsonDocument.Parse(output); // exactly one JSON value
        var r = doc.RootElement;
        Assert.InRange(r.GetProperty("spines").GetInt64(), 900, 1100);
        Assert.Equal(2, r.GetProperty("threads").GetInt32());
        Assert.True(r.GetProperty("engine_s").GetDouble() > 0);
        Assert.True(r.GetProperty("plain_s").GetDouble() > 0);
        Assert.InRange(r.GetProperty("bytes_per_spine").GetDouble(), 50, 2000);
        Assert.Equal(Environment.ProcessorCount, r.GetProperty("processors").GetInt32());
        Assert.Contains(r.GetProperty("vector_isa").GetString(), new[] { "avx512", "avx2", "scalar" });
        Assert.False(r.TryGetProperty("akka_per_spine_actor_s", out _)); // not run (--per-spine 0): left out, not 0
    }

    [Fact]
    public void Bench_of_an_unknown_name_or_an_out_of_range_size_is_an_input_error()
    {
        CliAssert.IsInputError("nosuchbench", "bench", "nosuchbench");
        CliAssert.IsInputError("rows", "bench", "parquet", "--rows", "0");
    }

    [Fact]
    public void Check_config_with_a_bad_value_names_the_key()
        => CliAssert.IsInputError("Run:StepHours", "check-config", CliHarness.Config("baseline.json"), "--Run:StepHours=-1");
}
