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
        Assert.Equal(Options.SemUnit.Animals, ketamine.Imaging.SemOver);
        Assert.Equal(new double[] { -3, -1, 1, 3, 5, 10, 15 }, ketamine.Imaging.SessionDays);
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
