using System.Runtime.CompilerServices;
using AgentSpines.Core;
using AgentSpines.Physics.Electrodiffusion;

namespace AgentSpines.Physics.Tests.Electrodiffusion;

public class SpineEpisodeFileTests
{
    /// <summary>configs/spines of the repository, found from this source file (builds may live outside the repo).</summary>
    private static string ConfigDir([CallerFilePath] string sourceFile = "")
    {
        var dir = new DirectoryInfo(Path.GetDirectoryName(sourceFile) ?? ".");
        while (dir != null && !Directory.Exists(Path.Combine(dir.FullName, "configs", "spines"))) dir = dir.Parent;
        return Path.Combine(dir?.FullName ?? throw new DirectoryNotFoundException("configs/spines"), "configs", "spines");
    }

    [Fact]
    public void SpineAFileIsThePaperSpine()
    {
        var c = SpineEpisodeFile.Load(Path.Combine(ConfigDir(), "spine_a.json"));
        Assert.Equal(SpineGeometry.SpineA, c.Geometry);
        Assert.Equal(SynapticInput.PaperFig1, c.Input);
    }

    [Fact]
    public void EveryShippedSpineFileLoadsAndRuns()
    {
        var files = Directory.GetFiles(ConfigDir(), "*.json");
        Assert.True(files.Length >= 4);
        foreach (var f in files)
        {
            var c = SpineEpisodeFile.Load(f);
            var s = new FastEpisodeModel().Run(c.Geometry, c.Input);
            Assert.True(s.HeadDepolarizationEndMV > 0, f);
        }
    }

    [Fact]
    public void UnknownKeysAndBadValuesAreUserErrors()
    {
        using var tmp = new TempDirectory();
        string path = tmp.File("spine-bad.json");
        File.WriteAllText(path, "{ \"Geometry\": { \"HeadRadiusNmm\": 250 } }");
        Assert.Contains("HeadRadiusNmm", Assert.Throws<AgentSpinesInputException>(() => SpineEpisodeFile.Load(path)).Message);
        File.WriteAllText(path, "{ \"Geometry\": { \"NeckDiameterNm\": 900 } }");
        Assert.ThrowsAny<AgentSpinesInputException>(() => SpineEpisodeFile.Load(path));
        // one spelling: the old snake_case keys are unknown keys, named in the error
        File.WriteAllText(path, "{ \"Geometry\": { \"head_radius_nm\": 250 } }");
        Assert.Contains("Geometry.head_radius_nm", Assert.Throws<AgentSpinesInputException>(() => SpineEpisodeFile.Load(path)).Message);
    }
}
