using AgentSpines.Core.Configuration;
using AgentSpines.Plasticity.Calibration;

namespace AgentSpines.Plasticity.Tests;

public class CalibratorTests
{
    [Fact]
    public void TargetsFilesLoadAndFittingDoesNotWorsenTheObjective()
    {
        foreach (var f in Directory.GetFiles(Path.Combine(TestSupport.RepoRoot, "configs", "targets"), "*.json"))
            Assert.NotEmpty(CalibrationTargets.Load(f).Targets);
        var targets = CalibrationTargets.Load(Path.Combine(TestSupport.RepoRoot, "configs", "targets", "diazepam_5mgkg_1wk.json"));
        var cal = new Calibrator(TestSupport.Config("diazepam_5mgkg_1wk.json"), targets, 2, 400, ["--Run:DurationDays=62"]);
        var before = Calibrator.Objective(cal.Evaluate(["--Regime:Mechanisms:TransientElimination:0:Gain=0.5"]));
        var fit = cal.Fit(6, _ => 0.5);
        Assert.Equal(targets.Targets.Count, fit.Residuals.Count);
        Assert.True(fit.Objective <= before, $"{fit.Objective} > {before}");
        Assert.Contains("density_effect_pp", Calibrator.Table(fit.Residuals));
    }

    [Fact]
    public void BadTargetsFileFailsWithItsName()
    {
        using var tmp = new TempDirectory();
        string path = tmp.File("agentspines_bad_targets.json");
        File.WriteAllText(path, "{ \"Targets\": [ { \"Metric\": \"nonsense\", \"Day\": 1, \"Value\": 1 } ] }");
        var e = Assert.Throws<ConfigException>(() => CalibrationTargets.Load(path));
        Assert.Contains("agentspines_bad_targets.json", e.Message);
    }
}
