namespace AgentSpines.Core.Random;

/// <summary>Derives independent 64-bit keys for replicates (and other sub-runs) from the run seed.</summary>
public static class RunSeed
{
    /// <summary>SplitMix64 finaliser: a bijective 64-bit mixer, so distinct inputs give distinct keys.</summary>
    public static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    /// <summary>The key of replicate <paramref name="replicate"/>; drug and vehicle arms share it (common random numbers).</summary>
    public static ulong ForReplicate(ulong runSeed, int replicate) => Mix(Mix(runSeed) ^ (ulong)(uint)replicate * 0xD1B54A32D192ED03UL);
}
