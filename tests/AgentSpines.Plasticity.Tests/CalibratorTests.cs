using AgentSpines.Core.Configuration;
using AgentSpines.Plasticity.Calibration;

namespace AgentSpines.Plasticity.Tests;

public class CalibratorTests
{
    [Fact]
    public void TargetsFilesLoadAndTheJointFileNamesOnlySharedCascadeParameters()
    {
        foreach (var f in Directory.GetFiles(Path.Combine(TestSupport.RepoRoot, "configs", "targets"), "*.json").Where(f => !f.EndsWith("cascade.json")))
            Assert.NotEmpty(CalibrationTargets.Load(f).Targets);
        var (studies, parameters) = JointTargets.Load(Path.Combine(TestSupport.RepoRoot, "configs", "targets", "cascade.json"));
        Assert.True(studies.Count >= 4);
        Assert.All(parameters, p => Assert.StartsWith("Cascade:", p.Key));
    }

    /// <summary>
    /// Starting far from the optimum (microglial engulfment gain 0.5 where about 8 reproduces diazepam's -13 % at one
    /// week), the fit must cut the objective at least fourfold within 10 runs: a fit that does nothing fails.
    /// </summary>
    [Fact]
    public void FittingTheSharedCascadeFromAwayImprovesTheObjectiveFourfold()
    {
        var targets = new CalibrationTargets
        {
            Targets = [new TargetPoint { Metric = "density_effect_pp", Day = 7, Value = -13, Tolerance = 1.5 }],
            Parameters = [new FreeParameter { Key = "Cascade:TransientEliminationPerMicroglia", Min = 0, Max = 20 }],
        };
        var cal = new Calibrator([new CalibrationStudy(TestSupport.Config("diazepam_5mgkg_1wk.json"), targets, ["--Run:DurationDays=9"])], targets.Parameters, 2, 400);
        var before = Calibrator.Objective(cal.Evaluate(["--Cascade:TransientEliminationPerMicroglia=0.5"]));
        var fit = cal.Fit(10, _ => 0.5);
        Assert.True(before > 10, $"start objective {before:F1} is not far from the optimum");
        Assert.True(fit.Objective <= before / 4, $"objective {fit.Objective:F2} after the fit vs {before:F2} before");
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
