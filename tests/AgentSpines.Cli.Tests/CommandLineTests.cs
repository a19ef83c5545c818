using System.CommandLine;
using AgentSpines.Cli.CommandLine;

namespace AgentSpines.Cli.Tests;

/// <summary>The command-line conventions: help everywhere, --version, one-line errors with a suggestion, exit code 2.</summary>
[Collection("console")]
public class CommandLineTests
{
    /// <summary>Every command and subcommand, as the words typed after `agentspines`.</summary>
    public static TheoryData<string> AllCommands()
    {
        var data = new TheoryData<string>();
        void Walk(Command c, string path)
        {
            foreach (var sub in c.Subcommands)
            {
                string p = path.Length == 0 ? sub.Name : path + " " + sub.Name;
                data.Add(p);
                Walk(sub, p);
            }
        }
        Walk(CommandCatalog.BuildRoot(), "");
        return data;
    }

    [Theory]
    [MemberData(nameof(AllCommands))]
    public void EveryCommandHasHelpListingItsOptions(string path)
    {
        var words = path.Split(' ');
        var command = words.Aggregate((Command)CommandCatalog.BuildRoot(), (c, w) => c.Subcommands.Single(s => s.Name == w));
        foreach (string flag in new[] { "--help", "-h" })
        {
            var (code, output, err) = CliHarness.Run([.. words, flag]);
            Assert.True(code == 0, $"{path} {flag}: exit {code}, {err}");
            Assert.Contains("Usage:", output);
            Assert.Contains($"agentspines {path}", output);
            foreach (var option in command.Options) Assert.Contains(option.Name, output);
            foreach (var option in command.Options.OfType<Option>().Where(o => o.HasDefaultValue && o.ValueType != typeof(bool)))
                Assert.Contains("[default: ", output);
            foreach (var sub in command.Subcommands) Assert.Contains(sub.Name, output);
            Assert.Empty(err);
        }
    }

    [Fact]
    public void CommandsTheReadmeDocumentsAreAllThere()
    {
        var names = CommandCatalog.BuildRoot().Subcommands.Select(c => c.Name).ToHashSet();
        foreach (var n in new[] { "run", "check-config", "inspect", "export", "episode", "validate", "sweep", "coordinator", "worker", "merge", "calibrate", "report", "bench" })
            Assert.Contains(n, names);
        var bench = CommandCatalog.BuildRoot().Subcommands.Single(c => c.Name == "bench").Subcommands.Select(c => c.Name).ToHashSet();
        foreach (var n in new[] { "population", "parquet", "transport", "electrodiffusion", "cluster", "activity" }) Assert.Contains(n, bench);
    }

    [Fact]
    public void HelpShowsUnitsRangesAndDefaults()
    {
        var (_, output, _) = CliHarness.Run("bench", "transport", "--help");
        Assert.Contains("--duration-ms", output);
        Assert.Contains("simulated time in ms", output);
        Assert.Contains("[default: 10]", output);
        Assert.Contains("(1 to 1024)", output);
        var (_, run, _) = CliHarness.Run("help", "run");
        Assert.Contains("--Section:Key", run);
        Assert.Contains("AGENTSPINES__Section__Key", run);
    }

    [Fact]
    public void VersionPrintsTheSoftwareVersion()
    {
        var (code, output, _) = CliHarness.Run("--version");
        Assert.Equal(0, code);
        Assert.Equal(AgentSpines.Core.SoftwareVersion.Value, output.Trim());
    }

    [Fact]
    public void NoArgumentsPrintsHelpWithExitTwo()
    {
        var (code, output, _) = CliHarness.Run();
        Assert.Equal(2, code);
        Assert.Contains("check-config", output);
    }

    [Theory]
    [InlineData("rnu|x", "agentspines", "'run'")]
    [InlineData("check-confg|x.json", "agentspines", "'check-config'")]
    [InlineData("bench|trnasport", "agentspines bench", "'transport'")]
    [InlineData("run|configs/baseline.json|--out|/tmp/x|--thraeds|2", "agentspines run", "'--threads'")]
    [InlineData("sweep|s.json|--out|/tmp/x|--paralel|2", "agentspines sweep", "'--parallel'")]
    [InlineData("episode|--head-radius-mn|200", "agentspines episode", "'--head-radius-nm'")]
    public void MistypedNamesGetOneLineWithASuggestion(string args, string prefix, string suggestion)
    {
        var (code, output, err) = CliHarness.Run(args.Split('|'));
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Single(err.Trim().Split('\n'));
        Assert.StartsWith(prefix + ": ", err);
        Assert.Contains("did you mean " + suggestion, err);
    }

    [Theory]
    [InlineData("run|configs/baseline.json|--out|/tmp/x|--threads|abc", "--threads: 'abc' is not an integer")]
    [InlineData("run|configs/baseline.json|--out|/tmp/x|--threads|0", "--threads: 0 is out of range [1, 1024]")]
    [InlineData("episode|--dt-ns|NaN", "--dt-ns: 'NaN' is not a number")]
    [InlineData("run|configs/baseline.json", "--out")]
    [InlineData("bench", "Required command")]
    [InlineData("validate|nosuchsuite", "nosuchsuite")]
    [InlineData("episode|--solver|bogus", "bogus")]
    [InlineData("inspect|/tmp|--Run:Seed=3", "takes no configuration overrides")]
    [InlineData("check-config|configs/baseline.json|--Run:Seed", "has no value")]
    public void BadInputGivesExitTwoAndOneLine(string args, string expected)
    {
        var (code, _, err) = CliHarness.Run(args.Split('|'));
        Assert.Equal(2, code);
        Assert.Single(err.Trim().Split('\n'));
        Assert.Contains(expected, err);
        Assert.DoesNotContain("   at ", err);
    }

    [Fact]
    public void OverridesWorkWithEqualsOrSpaceAndAfterOptions()
    {
        var (code, output, err) = CliHarness.Run("check-config", "--Run:Seed", "42", CliHarness.Config("baseline.json"), "--Run:DurationDays=3",
            "--Imaging:SessionDays=[-3, -1]");
        Assert.True(code == 0, err);
        Assert.Contains("\"Seed\": 42", output);
        Assert.Contains("\"DurationDays\": 3", output);
    }

    [Fact]
    public void EnvironmentOverrideIsBelowTheCommandLine()
    {
        Environment.SetEnvironmentVariable("AGENTSPINES__Run__Seed", "9");
        try
        {
            var (_, fromEnv, _) = CliHarness.Run("check-config", CliHarness.Config("baseline.json"));
            Assert.Contains("\"Seed\": 9", fromEnv);
            var (_, fromArgs, _) = CliHarness.Run("check-config", CliHarness.Config("baseline.json"), "--Run:Seed=11");
            Assert.Contains("\"Seed\": 11", fromArgs);
        }
        finally { Environment.SetEnvironmentVariable("AGENTSPINES__Run__Seed", null); }
    }

    [Fact]
    public void SuggestionDistanceCountsASwapAsOneEdit()
    {
        Assert.Equal(1, Suggestions.Distance("thraeds", "threads"));
        Assert.Equal("--threads", Suggestions.Closest("--thraeds", ["--threads", "--replicates", "--out"]));
        Assert.Null(Suggestions.Closest("frobnicate", ["run", "sweep", "merge"]));
    }
}
