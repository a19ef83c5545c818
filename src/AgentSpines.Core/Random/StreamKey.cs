using System.Runtime.CompilerServices;

namespace AgentSpines.Core.Random;

/// <summary>
/// The Philox key and counter layout of one stream (run seed, entity id, stream id), shared by every generator
/// that draws from it: counter = (block low 32 bits, block high 16 bits | stream id &lt;&lt; 16, entity low 32,
/// entity high 32), key = seed. Block b yields the stream's words 4b .. 4b + 3.
/// </summary>
public readonly struct StreamKey(ulong seed, ulong entityId, ushort stream)
{
    /// <summary>Blocks a stream has: the counter carries 48 bits of block index.</summary>
    public const ulong MaxBlock = (1UL << 48) - 1;

    private readonly uint _k0 = (uint)seed, _k1 = (uint)(seed >> 32);
    private readonly uint _e0 = (uint)entityId, _e1 = (uint)(entityId >> 32);
    private readonly uint _streamBits = (uint)stream << 16;

    // read back from the key, so a stream need not keep a second copy (a population keeps a stream per spine)
    public ulong Seed => ((ulong)_k1 << 32) | _k0;
    public ulong EntityId => ((ulong)_e1 << 32) | _e0;
    public ushort Stream => (ushort)(_streamBits >> 16);

    /// <summary>The four words of block <paramref name="block"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Block(ulong block, out uint w0, out uint w1, out uint w2, out uint w3)
        => Philox4x32.Generate((uint)block, (uint)(block >> 32) | _streamBits, _e0, _e1, _k0, _k1, out w0, out w1, out w2, out w3);

    /// <summary>Uniform on [0, 1) from 64 random bits (the top 53 are used).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double UnitDouble(ulong bits) => (bits >> 11) * (1.0 / 9007199254740992.0);

    /// <summary>Uniform on the open interval (0, 1) from 64 random bits (the top 53 are used): safe under log and division.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double OpenUnitDouble(ulong bits) => ((bits >> 11) + 0.5) * (1.0 / 9007199254740992.0);
}
