namespace AgentSpines.Cli.Tests;

/// <summary>agentspines power: a table per group size; bad input is one line and exit code 2.</summary>
[Collection("console")]
public class PowerCommandTests
{
    [Fact]
    public void PrintsOneRowPerGroupSize()
    {
        var (code, output, err) = CliHarness.Run("power", CliHarness.Config("psilocybin.json"), "--effect-day", "1", "--animals", "3,5",
            "--experiments", "3", "--Imaging:DendritesPerAnimal=3");
        Assert.True(code == 0, err);
        var rows = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(l => char.IsDigit(l[0])).ToList();
        Assert.Equal(2, rows.Count);
        Assert.StartsWith("3 ", rows[0]);
        Assert.StartsWith("5 ", rows[1]);
    }

    [Theory]
    [InlineData("--effect-day", "2")]       // not a session day of the config
    [InlineData("--animals", "1,6")]        // a group of one has no variance
    [InlineData("--animals", "six")]
    public void BadInputIsOneLineAndExitCode2(string option, string value)
    {
        var args = new List<string> { "power", CliHarness.Config("psilocybin.json"), "--experiments", "2" };
        if (option != "--effect-day") args.AddRange(["--effect-day", "1"]);
        args.AddRange([option, value]);
        var (code, output, err) = CliHarness.Run([.. args]);
        Assert.Equal(2, code);
        Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(option, err);
        Assert.DoesNotContain("animals_per_arm", output);
    }
}
