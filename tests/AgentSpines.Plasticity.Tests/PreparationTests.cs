using AgentSpines.Core.Configuration;

namespace AgentSpines.Plasticity.Tests;

/// <summary>Issue 12 item 4: a study's preparation is one file shared by its drug configs; the config's own values win.</summary>
public class PreparationTests
{
    [Fact]
    public void DrugConfigsTakeTheirPreparationsValues()
    {
        var psilocybin = TestSupport.Load("psilocybin.json");
        var dmt = TestSupport.Load("5meodmt.json");
        var ketamine = TestSupport.Load("ketamine.json");
        Assert.Equal("shao2021_cg1m2", psilocybin.Plasticity.Preparation);
        Assert.Equal(0.0016, psilocybin.Plasticity.PersistentHazardPerDay);
        Assert.Equal(0.31, psilocybin.Imaging.ArtefactMaxHiddenFraction);
        Assert.Equal(0.09, dmt.Imaging.WidthMeasurementLogSd);
        Assert.Equal(Options.SemUnit.Dendrites, ketamine.Imaging.SemOver);
        Assert.Equal(new double[] { -3, -1, 1, 3, 5, 10, 15 }, ketamine.Imaging.SessionDays);
        Assert.Equal(new[] { 8, 8, 8, 2, 2, 2, 1 }, ketamine.Imaging.SessionDays.Select(d => ketamine.Imaging.AnimalsImagedAt(State.Arm.Vehicle, d)));
        Assert.Equal(new[] { 8, 8, 8, 3, 2, 3, 3 }, ketamine.Imaging.SessionDays.Select(d => ketamine.Imaging.AnimalsImagedAt(State.Arm.Drug, d)));
    }

    [Fact]
    public void AnimalsImagedNeedsCountsOfAtLeastOneAndDistinctDaysAndSurvivesAShorterSessionList()
    {
        var zero = Assert.Throws<ConfigException>(() => TestSupport.Load("ketamine.json", ["--Imaging:AnimalsImaged:0:Vehicle=0"]));
        Assert.Equal("Imaging:AnimalsImaged:0:Vehicle", zero.Key);
        var twice = Assert.Throws<ConfigException>(() => TestSupport.Load("ketamine.json", ["--Imaging:AnimalsImaged:1:Day=3"]));
        Assert.Equal("Imaging:AnimalsImaged:1:Day", twice.Key);
        // a shorter run's own sessions (README) are not refused: entries for days that are not sessions do not apply
        var shorter = TestSupport.Load("ketamine.json", ["--Imaging:SessionDays=[-3,-2]"]);
        Assert.Equal(8, shorter.Imaging.AnimalsImagedAt(State.Arm.Vehicle, -2));
        // at most AnimalsPerArm
        Assert.Equal(2, TestSupport.Load("ketamine.json", ["--Imaging:AnimalsPerArm=2"]).Imaging.AnimalsImagedAt(State.Arm.Drug, 15));
    }

    [Fact]
    public void ASessionsMeasuresUseOnlyTheAnimalsImagedThere()
    {
        // 3 animals per arm of 2 dendrites; the vehicle arm imaged 3, 3, 1 animals and the drug arm 3, 2, 2 at the three sessions
        var cfg = TestSupport.Load("ketamine.json", ["--Imaging:SessionDays=[-3,-1,1]", "--Imaging:AnimalsPerArm=3", "--Imaging:DendritesPerAnimal=2",
            "--Imaging:AnimalsImaged:0:Day=-1", "--Imaging:AnimalsImaged:0:Vehicle=3", "--Imaging:AnimalsImaged:0:Drug=2",
            "--Imaging:AnimalsImaged:1:Day=1", "--Imaging:AnimalsImaged:1:Vehicle=1", "--Imaging:AnimalsImaged:1:Drug=2"]);
        var m = new Population.VirtualExperiment(cfg).RunPublishedDesign();
        Assert.Equal(6, m.DensityChangePct(State.Arm.Vehicle, -1).N); // sessions 1 and 2: all three animals
        Assert.Equal(2, m.DensityChangePct(State.Arm.Vehicle, 1).N);  // sessions 1 and 3: one animal
        Assert.Equal(4, m.FormationPct(State.Arm.Drug, -1).N);        // sessions 1 and 2: two animals
        Assert.Single(m.AnimalMeansOfDensityChange(State.Arm.Vehicle, 1));
        // the same animals' values as without the design restriction (the preparation's entries are for days 3-15, not
        // sessions here): the first ones in replicate order
        var all = new Population.VirtualExperiment(TestSupport.Load("ketamine.json", ["--Imaging:SessionDays=[-3,-1,1]", "--Imaging:AnimalsPerArm=3",
            "--Imaging:DendritesPerAnimal=2"])).RunPublishedDesign();
        Assert.Equal(all.AnimalMeansOfDensityChange(State.Arm.Vehicle, 1)[0], m.AnimalMeansOfDensityChange(State.Arm.Vehicle, 1)[0]);
        Assert.Equal(6, all.DensityChangePct(State.Arm.Vehicle, 1).N);
    }

    [Fact]
    public void TheConfigAndOverridesWinOverThePreparation()
    {
        var c = TestSupport.Load("psilocybin.json", ["--Plasticity:PersistentHazardPerDay=0.003"]);
        Assert.Equal(0.003, c.Plasticity.PersistentHazardPerDay);
        Assert.Equal(0.42, c.Plasticity.TransientHazardPerDay); // still from the preparation
    }

    [Fact]
    public void UnknownPreparationOrForeignSectionIsAConfigErrorNamingTheKey()
    {
        var e = Assert.Throws<ConfigException>(() => TestSupport.Load("psilocybin.json", ["--Plasticity:Preparation=nosuchstudy"]));
        Assert.Equal("Plasticity:Preparation", e.Key);
        Assert.Contains("nosuchstudy", e.Message);
        var bad = Assert.Throws<ConfigException>(() => TestSupport.Load("psilocybin.json", ["--Plasticity:Preparation=../psilocybin"]));
        Assert.Equal("Plasticity:Preparation", bad.Key);

        string dir = Directory.CreateTempSubdirectory("agentspines-prep").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(dir, "preparations"));
            File.WriteAllText(Path.Combine(dir, "preparations", "p.json"), """{ "Plasticity": {}, "Regime": { "Name": "x" } }""");
            File.WriteAllText(Path.Combine(dir, "c.json"), """{ "Plasticity": { "Preparation": "p" } }""");
            var foreign = Assert.Throws<ConfigException>(() => ExperimentConfigLoad(Path.Combine(dir, "c.json")));
            Assert.Equal("Regime", foreign.Key);
        }
        finally { Directory.Delete(dir, true); }
    }

    private static object ExperimentConfigLoad(string path) => Population.ExperimentConfig.Load(path);
}

public class PreparationListTests
{
    [Fact]
    public void AListTheConfigSetsReplacesThePreparationsListWhole()
    {
        // shao2021_cg1m2 has 7 sessions; a 2-session list override must leave 2, not 2 plus the preparation's last 5
        var c = TestSupport.Load("psilocybin.json", ["--Imaging:SessionDays=[-3,-2]"]);
        Assert.Equal(new double[] { -3, -2 }, c.Imaging.SessionDays);
    }
}
