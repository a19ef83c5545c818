using AgentSpines.Core;
using AgentSpines.Physics.Electrodiffusion;
using AgentSpines.Physics.Electrodiffusion.Surface;

namespace AgentSpines.Physics.Tests.Electrodiffusion.Surface;

/// <summary>The content-addressed cache: keys, reuse, damage, concurrent builders.</summary>
public sealed class SurfaceCacheTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "agentspines-surface-test-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void TheKeyCoversTheParametersTheGridAndTheSoftwareVersion()
    {
        var a = PopulationSurface.Small();
        Assert.Equal(a.Key(), (a with { }).Key());
        Assert.Matches("^[0-9a-f]{64}$", a.Key());
        Assert.Contains("software=" + SoftwareVersion.Value, a.CanonicalText());
        Assert.Contains("solver=" + EpisodeSurfaceSpec.SolverRevision, a.CanonicalText());
        var changed = new[]
        {
            a with { Input = a.Input with { DurationMs = 11 } },
            a with { CurrentPA = SurfaceRange.Fixed(26) },
            a with { HeadVolumeUm3 = new SurfaceRange(0.05, 0.3) },
            a with { RefineTolerance = 0.003 },
            a with { Parameters = a.Parameters with { TemperatureK = 300 } },
            a with { Solver = a.Solver with { RelativeTolerance = 1e-5 } },
            a with { Nmda = a.Nmda with { MaxConductanceNS = 2 } },
            a with { Template = a.Template with { HeadLengthNm = 600 } },
        };
        Assert.Equal(changed.Length + 1, changed.Select(s => s.Key()).Append(a.Key()).Distinct().Count());
    }

    [Fact]
    public void ARunReusesTheFileAndADamagedFileIsRebuilt()
    {
        var spec = PopulationSurface.Small();
        EpisodeSurfaceStore.ClearProcessMemory();
        var store = new EpisodeSurfaceStore(_dir);
        var built = store.GetOrBuild(spec, out var o1, out double seconds);
        Assert.Equal(SurfaceOrigin.Built, o1);
        Assert.True(seconds > 0);
        string file = store.PathOf(spec.Key());
        Assert.True(File.Exists(file));
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp"));

        store.GetOrBuild(spec, out var o2, out double s2);
        Assert.Equal(SurfaceOrigin.Memory, o2);
        Assert.Equal(0, s2);

        EpisodeSurfaceStore.ClearProcessMemory(); // a new process
        var loaded = new EpisodeSurfaceStore(_dir).GetOrBuild(spec, out var o3, out double s3);
        Assert.Equal(SurfaceOrigin.Loaded, o3);
        Assert.Equal(0, s3);
        Assert.Equal(built.LogValues, loaded.LogValues);
        Assert.Equal(EpisodeSurfaceFile.Serialize(built), File.ReadAllBytes(file));

        var bytes = File.ReadAllBytes(file);
        bytes[bytes.Length / 2] ^= 0x40; // one flipped bit in the values
        File.WriteAllBytes(file, bytes);
        EpisodeSurfaceStore.ClearProcessMemory();
        var rebuilt = new EpisodeSurfaceStore(_dir).GetOrBuild(spec, out var o4, out _);
        Assert.Equal(SurfaceOrigin.RebuiltDamaged, o4);
        Assert.Equal(built.LogValues, rebuilt.LogValues);
        Assert.Equal(EpisodeSurfaceFile.Serialize(built), File.ReadAllBytes(file));

        File.WriteAllBytes(file, bytes.AsSpan(0, 100).ToArray()); // truncated
        EpisodeSurfaceStore.ClearProcessMemory();
        new EpisodeSurfaceStore(_dir).GetOrBuild(spec, out var o5, out _);
        Assert.Equal(SurfaceOrigin.RebuiltDamaged, o5);
        EpisodeSurfaceStore.ClearProcessMemory();
    }

    [Fact]
    public void AFileForAnotherSpecIsNotAccepted()
    {
        var a = PopulationSurface.Small();
        var b = PopulationSurface.Small(headMin: 0.06);
        var bytes = EpisodeSurfaceFile.Serialize(EpisodeSurfaceBuilder.Build(a));
        Assert.NotNull(EpisodeSurfaceFile.Deserialize(bytes, a));
        Assert.Null(EpisodeSurfaceFile.Deserialize(bytes, b));
    }

    [Fact]
    public void ConcurrentBuildersLeaveOneCompleteFile()
    {
        var spec = PopulationSurface.Small(headMin: 0.07);
        // Four "workers" (separate stores, no shared process memory between their builds) race on one key.
        var surfaces = new EpisodeResponseSurface[4];
        Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            var s = EpisodeSurfaceBuilder.Build(spec);
            EpisodeSurfaceStore.Save(s, _dir);
            surfaces[i] = s;
        });
        var files = Directory.GetFiles(_dir);
        Assert.Single(files); // no temporary names left behind
        var loaded = EpisodeSurfaceFile.Deserialize(File.ReadAllBytes(files[0]), spec);
        Assert.NotNull(loaded);
        Assert.All(surfaces, s => Assert.Equal(s.LogValues, loaded!.LogValues)); // deterministic: same bytes from every builder
    }

    [Fact]
    public void AnUnwritableDirectoryIsOneClearError()
    {
        string blocker = Path.Combine(_dir, "file");
        Directory.CreateDirectory(_dir);
        File.WriteAllText(blocker, "x");
        EpisodeSurfaceStore.ClearProcessMemory();
        var e = Assert.Throws<AgentSpinesInputException>(() => new EpisodeSurfaceStore(Path.Combine(blocker, "sub")).GetOrBuild(PopulationSurface.Small(0.08), out _, out _));
        Assert.Contains("episode surface cache directory", e.Message);
        EpisodeSurfaceStore.ClearProcessMemory();
    }
}
