using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace AgentSpines.Core.Random;

/// <summary>
/// <see cref="PhiloxBatch.Draw1"/> for streams that move on one word at a time, with each slot's last Philox block kept:
/// a stream reads its four words from one block over four steps (and never moves when it draws nothing), so a block is
/// made again only when a slot's stream has reached the next one or the slot holds another entity. The words are
/// exactly Draw1's. Memory: 32 bytes per slot. Not thread-safe: one cache per store of slots.
/// </summary>
public sealed class PhiloxBlockCache
{
    private ulong[] _id = [];
    private ulong[] _block = [];
    private uint[] _words = [];
    private int[] _stale = [];
    private ulong[] _staleIds = [], _staleBlocks = [];
    private uint[] _fresh = [];

    /// <summary>Blocks made since the cache was created (for tests and benchmarks).</summary>
    public long BlocksMade { get; private set; }

    /// <summary>
    /// For each i: word positions[i] of stream (seed, ids[i], stream) into output[i], the positions not moved (as Draw1).
    /// The slots are positional: slot i's block is kept for whatever entity slot i holds next time.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Draw1(ulong seed, ushort stream, ReadOnlySpan<ulong> ids, ReadOnlySpan<ulong> positions, Span<uint> output)
    {
        int n = ids.Length;
        if (positions.Length != n) throw new ArgumentException($"{positions.Length} positions for {n} streams", nameof(positions));
        if (output.Length < n) throw new ArgumentException($"output holds {output.Length} words, {n} needed", nameof(output));
        Reserve(n);
        // 1: the slots whose kept block is not the one their position is in (appended without a branch)
        int stale = 0;
        var staleAt = _stale;
        for (int i = 0; i < n; i++)
        {
            staleAt[stale] = i;
            stale += (_block[i] != positions[i] >> 2) | (_id[i] != ids[i]) ? 1 : 0;
        }
        // 2: their blocks, made as Draw1 makes words (the vector paths of eight or sixteen at a time), four words each
        if (stale > 0) MakeBlocks(seed, stream, ids, positions, stale);
        // 3: each slot's word from its block
        ref uint w0 = ref MemoryMarshal.GetArrayDataReference(_words);
        for (int i = 0; i < n; i++) output[i] = Unsafe.Add(ref w0, 4 * i + (int)(positions[i] & 3));
    }

    private void MakeBlocks(ulong seed, ushort stream, ReadOnlySpan<ulong> ids, ReadOnlySpan<ulong> positions, int stale)
    {
        var sid = _staleIds.AsSpan(0, stale);
        var sblock = _staleBlocks.AsSpan(0, stale);
        for (int k = 0; k < stale; k++)
        {
            int i = _stale[k];
            sid[k] = ids[i];
            sblock[k] = positions[i] >> 2;
        }
        var fresh = _fresh.AsSpan(0, 4 * stale);
        PhiloxBatch.DrawBlocks(seed, stream, sid, sblock, fresh);
        for (int k = 0; k < stale; k++)
        {
            int i = _stale[k];
            fresh.Slice(4 * k, 4).CopyTo(_words.AsSpan(4 * i, 4));
            _id[i] = sid[k];
            _block[i] = sblock[k];
        }
        BlocksMade += stale;
    }

    private void Reserve(int n)
    {
        if (_id.Length >= n) return;
        int size = Math.Max(n, _id.Length + _id.Length / 2);
        Array.Resize(ref _id, size);
        var block = new ulong[size];
        _block.AsSpan().CopyTo(block);
        block.AsSpan(_block.Length).Fill(ulong.MaxValue); // no block kept (a block index is below 2^48)
        _block = block;
        Array.Resize(ref _words, 4 * size);
        _stale = new int[size + 1]; // + 1: the branch-free append writes one place past the last stale slot
        _staleIds = new ulong[size];
        _staleBlocks = new ulong[size];
        _fresh = new uint[4 * size];
    }
}
