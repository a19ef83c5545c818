namespace AgentSpines.Cli.Tests;

[Collection("console")]
public class RunCommandTests
{
    [Theory]
    [InlineData("--Run:StepHours=abc", "Run:StepHours")]
    [InlineData("--Run:Replicats=2", "Run:Replicats")]
    [InlineData("--Dendrites:LengthUm=-5", "Dendrites:LengthUm")]
    [InlineData("--Plasticity:NoSuchKnob=1", "Plasticity:NoSuchKnob")]
    public void BadValueGivesExitTwoOneLineAndNoOutput(string over, string key)
    {
        string dir = CliHarness.NewDir();
        var (code, _, err) = CliHarness.Run("run", CliHarness.Config("baseline.json"), "--out", dir, over);
        Assert.Equal(2, code);
        Assert.Contains(key, err);
        Assert.Single(err.Trim().Split('\n'));
        Assert.False(Directory.Exists(dir), "nothing may be written for a bad config");
    }

    [Fact]
    public void MissingConfigFileIsNamed()
    {
        var (code, _, err) = CliHarness.Run("run", "/no/such.json", "--out", CliHarness.NewDir());
        Assert.Equal(2, code);
        Assert.Contains("/no/such.json", err);
    }

    [Fact]
    public void NonEmptyOutputDirectoryIsRefused()
    {
        string dir = CliHarness.NewDir();
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "keep.txt"), "mine");
        var (code, _, err) = CliHarness.Run("run", CliHarness.Config("baseline.json"), "--out", dir, "--Run:DurationDays=1", "--Imaging:SessionDays=[-3,-2]");
        Assert.Equal(2, code);
        Assert.Contains("not empty", err);
        Assert.Equal("mine", File.ReadAllText(Path.Combine(dir, "keep.txt")));
    }

    [Fact]
    public void UnknownCommandAndOptionGiveExitTwo()
    {
        Assert.Equal(2, CliHarness.Run("frobnicate").Code);
        var (code, _, err) = CliHarness.Run("run", CliHarness.Config("baseline.json"), "--out", CliHarness.NewDir(), "--thraeds", "2");
        Assert.Equal(2, code);
        Assert.Contains("--thraeds", err);
    }

    [Fact]
    public void SmallRunWritesACompleteDataset()
    {
        string dir = CliHarness.NewDir();
        var (code, output, err) = CliHarness.Run("run", CliHarness.Config("ketamine.json"), "--out", dir, "--Run:DurationDays=2", "--Imaging:SessionDays=[-3,-2]",
            "--Run:Replicates=2", "--Dendrites:Count=2", "--threads", "2");
        Assert.True(code == 0, err);
        Assert.True(File.Exists(Path.Combine(dir, "_SUCCESS")));
        Assert.True(File.Exists(Path.Combine(dir, "manifest.json")));
        foreach (var table in new[] { "events", "snapshots", "metrics", "imaging", "cohorts" })
            Assert.True(Directory.Exists(Path.Combine(dir, table, "regime=ketamine", "replicate=1")), table);
        Assert.Empty(Directory.EnumerateFiles(dir, "*.tmp", SearchOption.AllDirectories));
        Assert.Contains("ketamine", output);
    }

    [Fact]
    public void CheckConfigPrintsTheResolvedConfig()
    {
        var (code, output, _) = CliHarness.Run("check-config", CliHarness.Config("baseline.json"), "--Run:Seed=42");
        Assert.Equal(0, code);
        Assert.Contains("\"Seed\": 42", output);
        Assert.Contains("\"StepHours\"", output);
    }

    [Fact]
    public void EveryReadyConfigIsValid()
    {
        var files = Directory.EnumerateFiles(Path.Combine(CliHarness.RepoRoot(), "configs"), "*.json", SearchOption.TopDirectoryOnly)
            .Concat(Directory.EnumerateFiles(Path.Combine(CliHarness.RepoRoot(), "configs", "transport"), "*.json")).ToList();
        Assert.True(files.Count >= 13);
        foreach (var f in files)
        {
            var (code, _, err) = CliHarness.Run("check-config", f);
            Assert.True(code == 0, $"{Path.GetFileName(f)}: {err}");
        }
    }
}
