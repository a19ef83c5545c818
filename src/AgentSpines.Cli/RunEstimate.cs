using System.Globalization;
using AgentSpines.Actors.Simulation;

namespace AgentSpines.Cli;

/// <summary>
/// What a run will cost, from its config alone, printed by `run` and `check-config` before anything runs: spines
/// (dendrites x length x density, both arms), steps, peak memory and output size. The per-spine figures are
/// deliberately generous, so a refused run would not have fitted: live state is about 0.2 KB per spine (DESIGN.md),
/// and configs/ketamine.json with 4 dendrites (960 spines), 19 days and 2 replicates wrote 2.28 MB (62 B per
/// spine and simulated day, fixed costs included) with a peak resident set of 124 MB (estimates: 3.6 MB, 258 MB).
/// </summary>
public sealed record RunEstimate(long Spines, long Steps, int Replicates, long PeakMemoryBytes, long OutputBytes)
{
    private const double BytesPerLiveSpine = 2_000;      // state, messages in flight, writer buffers (x10 the measured 217 B)
    private const double OutputBytesPerSpineDay = 100;
    private const long FixedMemoryBytes = 256L << 20;    // runtime, GC budget (128 MB gen0), Parquet buffers

    public static RunEstimate Of(SimulationConfig c)
    {
        double spinesPerArm = c.Dendrites.Count * c.Dendrites.LengthUm * c.Plasticity.DensityPerUm;
        long spines = (long)Math.Ceiling(2 * spinesPerArm); // drug and vehicle arms
        long steps = (long)Math.Round(c.Run.DurationDays * 24 / c.Run.StepHours);
        // replicates run one after another: memory is one replicate's, output all of them
        long memory = FixedMemoryBytes + (long)(spines * BytesPerLiveSpine);
        long output = (long)(spines * Math.Max(1, c.Run.DurationDays) * OutputBytesPerSpineDay * c.Run.Replicates);
        return new RunEstimate(spines, steps, c.Run.Replicates, memory, output);
    }

    public override string ToString()
        => $"estimate: {Spines.ToString("N0", CultureInfo.InvariantCulture)} spines (both arms), {Steps.ToString("N0", CultureInfo.InvariantCulture)} steps x {Replicates} replicates, " +
           $"peak memory about {Size(PeakMemoryBytes)}, output about {Size(OutputBytes)}";

    /// <summary>Refuses a run that would not fit the machine's free memory or the output's free disk (unless forced).</summary>
    public void RequireFits(string outDir, long freeMemoryBytes)
    {
        long freeDisk = FreeDisk(outDir);
        if (PeakMemoryBytes > freeMemoryBytes)
            throw new UsageException($"{this}: more memory than the {Size(freeMemoryBytes)} available; make the run smaller or give --force");
        if (OutputBytes > freeDisk)
            throw new UsageException($"{this}: more than the {Size(freeDisk)} free on the disk of {outDir}; make the run smaller or give --force");
    }

    /// <summary>
    /// Memory the run may use: Linux's MemAvailable (free plus reclaimable cache), capped by what the GC may use
    /// (a container limit); elsewhere the GC's figure alone.
    /// </summary>
    public static long AvailableMemoryBytes()
    {
        long gc = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        try
        {
            foreach (var line in File.ReadLines("/proc/meminfo"))
                if (line.StartsWith("MemAvailable:", StringComparison.Ordinal)
                    && long.TryParse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out long kb))
                    return Math.Min(gc, kb * 1024);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        return gc;
    }

    private static long FreeDisk(string outDir)
    {
        var dir = new DirectoryInfo(Path.GetFullPath(outDir));
        while (dir != null && !dir.Exists) dir = dir.Parent;
        if (dir == null) return long.MaxValue;
        try { return new DriveInfo(dir.FullName).AvailableFreeSpace; }
        catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException) { return long.MaxValue; }
    }

    private static string Size(long bytes) => bytes switch
    {
        >= 1L << 40 => $"{bytes / (double)(1L << 40):0.0} TB",
        >= 1L << 30 => $"{bytes / (double)(1L << 30):0.0} GB",
        >= 1L << 20 => $"{bytes / (double)(1L << 20):0.0} MB",
        _ => $"{bytes / 1024.0:0.0} KB",
    };
}
