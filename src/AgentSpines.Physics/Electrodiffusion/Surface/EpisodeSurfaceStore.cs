using System.Collections.Concurrent;
using System.Diagnostics;
using AgentSpines.Core;

namespace AgentSpines.Physics.Electrodiffusion.Surface;

/// <summary>How a surface was obtained.</summary>
public enum SurfaceOrigin { Memory, Loaded, Built, RebuiltDamaged }

/// <summary>
/// Content-addressed cache of episode response surfaces: file DIR/KEY.surface, KEY the SHA-256 of the spec and
/// software version (<see cref="EpisodeSurfaceSpec.Key"/>). A run reuses a surface built by an earlier run; a
/// sweep's workers share one directory. Writes go to a unique temporary name in the same directory and are
/// renamed over the final name (atomic on POSIX file systems), so a reader never sees half a file. Concurrent
/// builders of the same key each build the same bytes (deterministic) and the last rename wins. A file that fails
/// its checksum or belongs to another spec is rebuilt and replaced. Within a process, surfaces are kept in memory.
/// </summary>
public sealed class EpisodeSurfaceStore(string directory)
{
    private static readonly ConcurrentDictionary<string, Lazy<(EpisodeResponseSurface Surface, SurfaceOrigin Origin, double Seconds)>> InProcess = new();

    public string Directory { get; } = directory;

    /// <summary>$AGENTSPINES_SURFACE_CACHE, else $XDG_CACHE_HOME/agentspines/surfaces, else ~/.cache/agentspines/surfaces.</summary>
    public static string DefaultDirectory
    {
        get
        {
            var env = Environment.GetEnvironmentVariable("AGENTSPINES_SURFACE_CACHE");
            if (!string.IsNullOrWhiteSpace(env)) return env;
            var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            string root = !string.IsNullOrWhiteSpace(xdg) ? xdg : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
            return Path.Combine(root, "agentspines", "surfaces");
        }
    }

    public string PathOf(string key) => Path.Combine(Directory, key + ".surface");

    /// <summary>The surface of the spec: from this process's memory, the cache file, or built (and saved).</summary>
    public EpisodeResponseSurface GetOrBuild(EpisodeSurfaceSpec spec, out SurfaceOrigin origin, out double buildSeconds, Action<string>? log = null)
    {
        spec.Validate();
        string key = spec.Key();
        string full = Path.GetFullPath(PathOf(key));
        bool created = false;
        var lazy = InProcess.GetOrAdd(full, _ =>
        {
            created = true;
            return new Lazy<(EpisodeResponseSurface, SurfaceOrigin, double)>(() => LoadOrBuild(spec, full, log), LazyThreadSafetyMode.ExecutionAndPublication);
        });
        var (surface, o, seconds) = lazy.Value;
        origin = created ? o : SurfaceOrigin.Memory;
        buildSeconds = created && o is SurfaceOrigin.Built or SurfaceOrigin.RebuiltDamaged ? seconds : 0;
        return surface;
    }

    /// <summary>Forgets the surfaces kept in this process's memory (benchmarks and tests of the file cache).</summary>
    public static void ClearProcessMemory() => InProcess.Clear();

    private (EpisodeResponseSurface, SurfaceOrigin, double) LoadOrBuild(EpisodeSurfaceSpec spec, string path, Action<string>? log)
    {
        bool damaged = false;
        if (File.Exists(path))
        {
            byte[]? bytes = null;
            try { bytes = File.ReadAllBytes(path); }
            catch (IOException) { }
            var loaded = bytes == null ? null : EpisodeSurfaceFile.Deserialize(bytes, spec);
            if (loaded != null) return (loaded, SurfaceOrigin.Loaded, 0);
            damaged = true;
            log?.Invoke($"episode surface: {path} is damaged or stale; rebuilding");
        }
        var sw = Stopwatch.StartNew();
        var surface = EpisodeSurfaceBuilder.Build(spec, log);
        double seconds = sw.Elapsed.TotalSeconds;
        Save(surface, Directory);
        return (surface, damaged ? SurfaceOrigin.RebuiltDamaged : SurfaceOrigin.Built, seconds);
    }

    /// <summary>Writes a surface as DIR/KEY.surface: a unique temporary name, then an atomic rename over the final name.</summary>
    public static void Save(EpisodeResponseSurface surface, string directory)
    {
        string path = Path.Combine(directory, surface.Key + ".surface");
        try
        {
            System.IO.Directory.CreateDirectory(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AgentSpinesInputException($"episode surface cache directory {directory}: cannot be created ({e.Message})");
        }
        string tmp = Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var f = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write))
            {
                f.Write(EpisodeSurfaceFile.Serialize(surface));
                f.Flush(flushToDisk: true);
            }
            File.Move(tmp, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            try { File.Delete(tmp); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            throw new AgentSpinesInputException($"episode surface cache directory {directory}: cannot write {Path.GetFileName(path)} ({e.Message})");
        }
    }
}
