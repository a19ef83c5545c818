using AgentSpines.Actors.Population;
using AgentSpines.Plasticity.Imaging;
using AgentSpines.Plasticity.Model;
using AgentSpines.Plasticity.Population;
using AgentSpines.Plasticity.Regime;
using AgentSpines.Plasticity.State;
using AgentSpines.EventLog.Dataset;

namespace AgentSpines.Actors.Tests.Population;

/// <summary>
/// The actor engine and the plain PopulationDriver apply the same rules to the same entities with the same random
/// streams: their populations must agree exactly (imaging censuses, daily densities, turnover counts).
/// </summary>
public class EngineMatchesPlainDriverTests
{
    [Theory]
    [InlineData("psilocybin.json", Arm.Drug, 16)]
    [InlineData("psilocybin.json", Arm.Vehicle, 16)]
    [InlineData("diazepam_5mgkg_1wk.json", Arm.Drug, 16)]
    // density restoration (per-dendrite counts and environments), through the D2 cells' return after withdrawal
    [InlineData("cocaine_nac_d2.json", Arm.Drug, 60)]
    [InlineData("cocaine_nac_d2.json", Arm.Vehicle, 30)]
    public void ActorRunEqualsDriverRun(string file, Arm arm, int days)
    {
        var config = EngineFixtures.Config(file, $"--Run:DurationDays={days}", "--Dendrites:Count=3");
        var model = new PlasticityModel(config.Plasticity, config.Run.StepHours);
        var regime = new DrugRegime(config.Regime, config.Run.StepHours);
        var driver = new PopulationDriver(model, regime, config.Imaging);
        var spec = new PopulationSpec
        {
            Name = config.Run.Name, Seed = config.Run.Seed, DurationDays = config.Run.DurationDays, StepHours = config.Run.StepHours,
            Replicates = 1, DendriteCount = config.Dendrites.Count, DendriteLengthUm = config.Dendrites.LengthUm,
            SegmentLengthUm = config.Dendrites.SegmentLengthUm, Parallel = false,
        };
        var expected = driver.RunOne(spec, replicate: 0, arm);

        using var writer = new DatasetWriter(EngineFixtures.TempDir());
        var actual = new PopulationEngine(config, threads: 2).Run(new RunRequest(0, arm), new RunOutput(writer, PartitionKey.Of("t", 0), 0)).Result;

        Assert.Equal(expected.Formed, actual.Formed);
        Assert.Equal(expected.Eliminated, actual.Eliminated);
        Assert.Equal(expected.DailyDensityPerUm, actual.DailyDensityPerUm);
        Assert.Equal(expected.DailyPersistentFraction, actual.DailyPersistentFraction);
        Assert.Equal(expected.Sessions.Count, actual.Sessions.Count);
        for (int i = 0; i < expected.Sessions.Count; i++)
        {
            Assert.Equal(expected.Sessions[i].SessionDay, actual.Sessions[i].SessionDay);
            Assert.Equal(expected.Sessions[i].VisibleIds, actual.Sessions[i].VisibleIds);
            Assert.Equal(expected.Sessions[i].HeadWidthsUm, actual.Sessions[i].HeadWidthsUm);
            Assert.Equal(expected.Sessions[i].TrueSpines, actual.Sessions[i].TrueSpines);
        }
        Assert.True(expected.Formed > 50, "the comparison must cover real turnover");
    }
}
