using System.Text.Json;

namespace AgentSpines.Cli.Tests.Commands;

/// <summary>inspect, export and report on a small real run, and the input errors of each.</summary>
[Collection("console")]
public sealed class ReadCommandsTests(TinyRun run) : IClassFixture<TinyRun>
{
    [Fact]
    public void Inspect_of_a_dataset_checks_completeness_and_every_checksum()
    {
        string output = CliAssert.Succeeds("inspect", run.Dir);
        Assert.Contains("complete (_SUCCESS): yes", output);
        Assert.Contains("checksums: all files match the manifest", output);
        Assert.Contains("table events:", output);
    }

    [Fact]
    public void Inspect_of_a_file_shows_its_schema_with_units()
    {
        string output = CliAssert.Succeeds("inspect", run.FirstParquet("snapshots"));
        Assert.Contains("schema (snapshots)", output);
        Assert.Contains("head_volume_um3", output);
        Assert.Contains("unit um^3", output);
    }

    [Fact]
    public void Inspect_finds_a_file_changed_after_the_run()
    {
        string copy = run.Scratch("tampered");
        CopyTree(run.Dir, copy);
        string file = Directory.EnumerateFiles(Path.Combine(copy, "events"), "*.parquet", SearchOption.AllDirectories).First();
        var bytes = File.ReadAllBytes(file);
        bytes[bytes.Length / 2] ^= 0xFF;
        File.WriteAllBytes(file, bytes);
        var (_, output, err) = CliHarness.Run("inspect", copy);
        Assert.DoesNotContain("checksums: all files match the manifest", output + err);
    }

    [Fact]
    public void Inspect_of_a_missing_path_or_a_file_that_is_not_parquet_is_an_input_error()
    {
        CliAssert.IsInputError("/no/such/run", "inspect", "/no/such/run");
        string bad = run.Scratch("bad") + ".parquet";
        File.WriteAllText(bad, "not parquet");
        CliAssert.IsInputError(Path.GetFileName(bad), "inspect", bad);
    }

    [Fact]
    public void Export_writes_one_csv_per_table_with_every_row_and_the_partition_columns_first()
    {
        string outDir = run.Scratch("csv");
        CliAssert.Succeeds("export", run.Dir, "--csv", outDir);
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(run.Dir, "manifest.json")));
        foreach (var table in new[] { "events", "snapshots", "metrics", "imaging", "cohorts" })
        {
            var lines = File.ReadAllLines(Path.Combine(outDir, table + ".csv"));
            Assert.StartsWith("regime,replicate,", lines[0]);
            Assert.Equal(RowsInManifest(manifest, table), lines.Length - 1);
            if (table == "events") Assert.True(lines.Length > 100, "the tiny run has events");
        }
    }

    [Fact]
    public void Export_without_an_output_or_of_a_missing_path_is_an_input_error()
    {
        CliAssert.IsInputError("--csv", "export", run.Dir);
        CliAssert.IsInputError("/no/such/run", "export", "/no/such/run", "--csv", run.Scratch("x") + ".csv");
    }

    [Fact]
    public void Report_of_a_run_writes_an_index_page()
    {
        string outDir = run.Scratch("report");
        CliAssert.Succeeds("report", run.Dir, "--out", outDir);
        string index = File.ReadAllText(Path.Combine(outDir, "index.html"));
        Assert.Contains("ketamine", index);
    }

    [Fact]
    public void Report_of_a_missing_run_is_an_input_error()
        => CliAssert.IsInputError("/no/such/run", "report", "/no/such/run");

    private static long RowsInManifest(JsonDocument manifest, string table)
        => manifest.RootElement.GetProperty("tables").GetProperty(table).GetProperty("rows").GetInt64();

    private static void CopyTree(string from, string to)
    {
        foreach (var f in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(to, Path.GetRelativePath(from, f));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(f, target);
        }
    }
}
