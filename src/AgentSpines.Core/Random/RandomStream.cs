using System.Runtime.CompilerServices;

namespace AgentSpines.Core.Random;

/// <summary>
/// A counter-based random stream keyed by (run seed, entity id, stream id), laid out by <see cref="StreamKey"/>.
/// Each block yields four 32-bit words. A stream's numbers depend only on its key and how many were
/// drawn, never on which thread or host draws them. Not thread-safe: one stream belongs to one entity.
/// Blocks are made two at a time: the two Philox chains are independent, so the processor runs them side by side
/// in about the time of one, and a spine's step (five words) mostly finds its words ready.
/// </summary>
public sealed partial class RandomStream
{
    private const ulong MaxBlock = StreamKey.MaxBlock;
    private const int BufferedWords = 8;
    private StreamKey _key; // not readonly: Restart
    /// <summary>The next block to make.</summary>
    private ulong _block;
    private Words _words;
    private int _index = BufferedWords;
    private double _spareNormal;
    private bool _hasSpareNormal;

    public ulong Seed => _key.Seed;
    public ulong EntityId => _key.EntityId;
    public ushort Stream => _key.Stream;

    public RandomStream(ulong seed, ulong entityId, ushort stream, ulong startBlock = 0)
    {
        _key = new StreamKey(seed, entityId, stream);
        _block = startBlock;
    }

    /// <summary>
    /// This object made the stream (seed, entityId, stream) at its first word, exactly as a new RandomStream would be
    /// (no spare normal kept): one object draws many entities' first words in turn (a population's initial states, a
    /// block's newborns) where an object per entity was garbage at once.
    /// </summary>
    public void Restart(ulong seed, ulong entityId, ushort stream)
    {
        _key = new StreamKey(seed, entityId, stream);
        _block = 0;
        _index = BufferedWords;
        _spareNormal = 0;
        _hasSpareNormal = false;
    }

    /// <summary>The stream positioned at word <paramref name="word"/>: the words a stream that has drawn that many gives next.</summary>
    public static RandomStream AtWord(ulong seed, ulong entityId, ushort stream, ulong word)
    {
        var s = new RandomStream(seed, entityId, stream, word >> 2);
        for (ulong k = 0; k < (word & 3); k++) s.NextUInt32();
        return s;
    }

    /// <summary>Number of 4-word blocks consumed so far (for checkpoints: a new stream with this start resumes it).</summary>
    /// <summary>Number of 32-bit words drawn so far: the next word is word WordsUsed of the stream (what <see cref="PhiloxBatch"/> resumes from).</summary>
    public ulong WordsUsed => _block * 4 - (ulong)(BufferedWords - _index);

    public ulong BlocksUsed => _block - (ulong)((BufferedWords - _index) / 4); // a made block no word was drawn from is unused

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint NextUInt32()
    {
        if (_index == BufferedWords) Refill();
        return _words[_index++]; // an indexed load: a switch over the words was a mispredicted jump per draw
    }

    private void Refill()
    {
        if (_block > MaxBlock) throw new InvalidOperationException($"random stream {Stream} of entity {EntityId} is exhausted (2^48 blocks)");
        if (_block == MaxBlock)
        {
            // The last block has no successor: make it alone, into the second half.
            Make(_block, ref _words[4]);
            _block++;
            _index = 4;
            return;
        }
        Make(_block, ref _words[0]);
        Make(_block + 1, ref _words[4]);
        _block += 2;
        _index = 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Make(ulong block, ref uint first)
        => _key.Block(block, out first, out Unsafe.Add(ref first, 1), out Unsafe.Add(ref first, 2), out Unsafe.Add(ref first, 3));

    public ulong NextUInt64() => ((ulong)NextUInt32() << 32) | NextUInt32();

    /// <summary>Uniform on [0, 1) with 53 random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextDouble() => StreamKey.UnitDouble(NextUInt64());

    /// <summary>Uniform on the open interval (0, 1): safe under log and division.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextOpenDouble() => StreamKey.OpenUnitDouble(NextUInt64());

    /// <summary>Uniform integer in [0, n) without modulo bias (Lemire's method).</summary>
    public int NextInt(int n)
    {
        if (n <= 0) throw new ArgumentOutOfRangeException(nameof(n), n, "must be positive");
        ulong m = (ulong)NextUInt32() * (uint)n;
        uint low = (uint)m;
        if (low < (uint)n)
        {
            uint threshold = (uint)(-n) % (uint)n;
            while (low < threshold)
            {
                m = (ulong)NextUInt32() * (uint)n;
                low = (uint)m;
            }
        }
        return (int)(m >> 32);
    }

    public bool NextBernoulli(double p) => NextDouble() < p;

    /// <summary>The words of two Philox blocks.</summary>
    [InlineArray(BufferedWords)]
    private struct Words
    {
        private uint _word;
    }
}
