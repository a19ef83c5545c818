using System.Runtime.CompilerServices;
using AgentSpines.Core.Random;

namespace AgentSpines.Physics.Transport;

/// <summary>
/// An allocation-free view of one <see cref="RandomStream"/>: the same <see cref="StreamKey"/> (counter layout) and
/// the same 53-bit double construction, so a cursor at word w yields exactly the numbers RandomStream(seed, entity, stream)
/// would yield after w words. Particles keep only their word count; the cursor is rebuilt on the stack when a
/// particle is advanced, so a million particles need no generator objects.
/// </summary>
public struct PhiloxCursor
{
    private readonly StreamKey _key;
    private ulong _word;
    private ulong _cachedBlock;
    private uint _w0, _w1, _w2, _w3;

    public PhiloxCursor(ulong seed, ulong entityId, ushort stream, ulong wordsUsed)
    {
        _key = new StreamKey(seed, entityId, stream);
        _word = wordsUsed;
        _cachedBlock = ulong.MaxValue;
        _w0 = _w1 = _w2 = _w3 = 0;
    }

    /// <summary>32-bit words consumed so far; store it with the particle to resume the stream.</summary>
    public readonly ulong WordsUsed => _word;

    /// <summary>
    /// Skips the rest of the current 4-word block, so that a later cursor resuming at WordsUsed does not have to
    /// regenerate a block it only needs part of (the skipped words are never used by anyone).
    /// </summary>
    public void SkipToBlockBoundary() => _word = (_word + 3) & ~3UL;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint NextUInt32()
    {
        ulong block = _word >> 2;
        if (block != _cachedBlock) Refill(block);
        int index = (int)(_word & 3);
        _word++;
        return index switch { 0 => _w0, 1 => _w1, 2 => _w2, _ => _w3 };
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Refill(ulong block)
    {
        _key.Block(block, out _w0, out _w1, out _w2, out _w3);
        _cachedBlock = block;
    }

    /// <summary>Uniform on the open interval (0, 1), bit-identical to RandomStream.NextOpenDouble.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextOpenDouble()
    {
        ulong hi = NextUInt32();
        return StreamKey.OpenUnitDouble((hi << 32) | NextUInt32());
    }
}
