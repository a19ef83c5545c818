namespace AgentSpines.Cli.Tests.Commands;

/// <summary>sweep and merge on the synthetic smoke sweep: the merged slices equal the whole sweep, file for file.</summary>
[Collection("console")]
public sealed class SweepCommandsTests : IDisposable
{
    private readonly TempDirectory _tmp = new("sweep");
    private static string Smoke => Path.Combine(CliHarness.RepoRoot(), "configs", "sweeps", "synthetic-smoke.json");

    public void Dispose() => _tmp.Dispose();

    [Fact]
    public void Sweep_slices_merged_give_the_same_dataset_as_the_whole_sweep()
    {
        string whole = _tmp.File("whole"), a = _tmp.File("a"), b = _tmp.File("b"), merged = _tmp.File("merged");
        CliAssert.Succeeds("sweep", Smoke, "--out", whole);
        Assert.True(File.Exists(Path.Combine(whole, "_SUCCESS")));
        CliAssert.Succeeds("sweep", Smoke, "--out", a, "--shard", "0/2");
        CliAssert.Succeeds("sweep", Smoke, "--out", b, "--shard", "1/2");
        string output = CliAssert.Succeeds("merge", a, b, "--out", merged);
        Assert.Contains("2 slices", output);
        var expected = Files(whole);
        var got = Files(merged);
        Assert.Equal(expected.Keys, got.Keys);
        foreach (var (rel, path) in expected)
            Assert.True(File.ReadAllBytes(path).AsSpan().SequenceEqual(File.ReadAllBytes(got[rel])), $"{rel} differs");
    }

    [Fact]
    public void Sweep_of_a_missing_file_or_a_bad_shard_is_an_input_error()
    {
        CliAssert.IsInputError("/no/such/sweep.json", "sweep", "/no/such/sweep.json", "--out", _tmp.File("x"));
        CliAssert.IsInputError("2/2", "sweep", Smoke, "--out", _tmp.File("y"), "--shard", "2/2"); // shards count from 0
        Assert.False(Directory.Exists(_tmp.File("y")), "nothing may be written for a bad shard");
    }

    [Fact]
    public void Merge_without_an_output_or_of_a_missing_slice_is_an_input_error()
    {
        CliAssert.IsInputError("--out", "merge", _tmp.File("a"));
        CliAssert.IsInputError("/no/such/slice", "merge", "/no/such/slice", "--out", _tmp.File("m"));
    }

    private static SortedDictionary<string, string> Files(string dir)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var f in Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories))
            result[Path.GetRelativePath(dir, f)] = f;
        return result;
    }
}
