using System.Globalization;

namespace AgentSpines.Cli.Tests;

/// <summary>dose-response and drug-figures: small runs, real outputs, checked for content; temporary folders removed.</summary>
[Collection("console")]
public class DrugCommandTests
{
    [Fact]
    public void DoseResponseWritesATableWhoseEffectGrowsWithTheKetamineDose()
    {
        string dir = CliHarness.NewDir();
        try
        {
            var (code, _, err) = CliHarness.Run("dose-response", CliHarness.Config("ketamine.json"), "--doses", "0,10", "--days", "3",
                "--replicates", "3", "--spines", "600", "--no-plot", "--out", dir, "--Run:DurationDays=8");
            Assert.True(code == 0, err);
            var lines = File.ReadAllLines(Path.Combine(dir, "dose_response.csv"));
            Assert.Equal(3, lines.Length);
            Assert.StartsWith("dose_mg_per_kg,day,density_effect_pp", lines[0]);
            double Effect(string line) => double.Parse(line.Split(',')[2], CultureInfo.InvariantCulture);
            Assert.Equal(0, Effect(lines[1]), 9); // no drug: the arms share their random numbers, so exactly no effect
            Assert.True(Effect(lines[2]) > 5, lines[2]);
        }
        finally { if (Directory.Exists(dir)) Directory.Delete(dir, true); }
    }

    [Fact]
    public void DoseResponseDrawsThePngThroughTheAnalysisPackage()
    {
        string dir = CliHarness.NewDir();
        try
        {
            var (code, _, err) = CliHarness.Run("dose-response", CliHarness.Config("ketamine_anaesthetic.json"), "--doses", "10,85", "--days", "1",
                "--replicates", "2", "--spines", "300", "--out", dir);
            Assert.True(code == 0, err);
            var png = File.ReadAllBytes(Path.Combine(dir, "dose_response.png"));
            Assert.True(png.Length > 1000 && png[1] == (byte)'P' && png[2] == (byte)'N' && png[3] == (byte)'G');
        }
        finally { if (Directory.Exists(dir)) Directory.Delete(dir, true); }
    }

    [Fact]
    public void BadDoseListFailsWithOneLineAndExitCode2()
    {
        var (code, _, err) = CliHarness.Run("dose-response", CliHarness.Config("ketamine.json"), "--doses", "1,abc", "--out", CliHarness.NewDir());
        Assert.Equal(2, code);
        Assert.Contains("--doses", err);
        Assert.Single(err.Trim().Split('\n'));
        var (code2, _, err2) = CliHarness.Run("dose-response", CliHarness.Config("ketamine.json"), "--doses", "1", "--out", CliHarness.NewDir(), "--Regime:Species:0:OffTauH=3");
        Assert.Equal(2, code2);
        Assert.Contains("Regime:Species:0:OffTauH", err2);
        var (code3, _, err3) = CliHarness.Run("dose-response", CliHarness.Config("ketamine.json"), "--doses", "1", "--days", "1,abc", "--out", CliHarness.NewDir());
        Assert.Equal(2, code3);
        Assert.Contains("--days: 'abc' is not a finite number", err3);
        Assert.DoesNotContain("Infinity", err3);
    }

    [Fact]
    public void DrugFiguresWritesTimeCoursesAndTheTableOfPublishedPoints()
    {
        string dir = CliHarness.NewDir();
        try
        {
            var (code, output, err) = CliHarness.Run("drug-figures", "--configs", Path.Combine(CliHarness.RepoRoot(), "configs"), "--only", "zolpidem.json,ketamine_anaesthetic.json",
                "--replicates", "2", "--spines", "300", "--out", dir);
            Assert.True(code == 0, err);
            Assert.Contains("| zolpidem.json | density_effect_pp |", output);
            Assert.True(File.Exists(Path.Combine(dir, "timecourse_zolpidem.csv")));
            Assert.True(File.Exists(Path.Combine(dir, "ketamine_anaesthetic.png")));
            Assert.Contains("ketamine_anaesthetic.json", File.ReadAllText(Path.Combine(dir, "drug_table.md")));
        }
        finally { if (Directory.Exists(dir)) Directory.Delete(dir, true); }
    }
}
