using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace AgentSpines.EventLog.Encoding;

/// <summary>
/// Builds a dictionary of fixed-width values (compared bit for bit) with an open-addressing hash table, giving each
/// value its dictionary index. Stops and reports failure as soon as the dictionary would exceed its entry limit, so
/// high-cardinality columns fall back to PLAIN after little work.
/// </summary>
internal sealed class FixedDictionaryBuilder<T> where T : unmanaged
{
    private long[] _keys = new long[256];
    private int[] _slots = new int[256]; // index + 1, 0 = empty
    private T[] _entries = new T[64];
    private int _count;

    public int Count => _count;
    public ReadOnlySpan<T> Entries => _entries.AsSpan(0, _count);

    /// <summary>Fills <paramref name="indices"/>; false when more than <paramref name="maxEntries"/> distinct values occur.</summary>
    public bool TryBuild(ReadOnlySpan<T> values, Span<int> indices, int maxEntries)
    {
        Clear();
        for (int i = 0; i < values.Length; i++)
        {
            T v = values[i];
            long key = ToKey(v);
            int idx = FindOrAdd(key, v);
            if (idx < 0 || _count > maxEntries) return false;
            indices[i] = idx;
        }
        return true;
    }

    private void Clear()
    {
        if (_count > 0) Array.Clear(_slots);
        _count = 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long ToKey(T v)
    {
        if (Unsafe.SizeOf<T>() == 8) return Unsafe.As<T, long>(ref v);
        if (Unsafe.SizeOf<T>() == 4) return Unsafe.As<T, uint>(ref v);
        return Unsafe.As<T, byte>(ref v);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int FindOrAdd(long key, T value)
    {
        int mask = _slots.Length - 1;
        int h = (int)(((ulong)key * 0x9E3779B97F4A7C15UL) >> 40) & mask;
        while (true)
        {
            int s = _slots[h];
            if (s == 0) break;
            if (_keys[h] == key) return s - 1;
            h = (h + 1) & mask;
        }
        if (_count == _entries.Length) Array.Resize(ref _entries, _entries.Length * 2);
        _entries[_count] = value;
        _keys[h] = key;
        _slots[h] = ++_count;
        if (_count * 2 > _slots.Length) Rehash();
        return _count - 1;
    }

    private void Rehash()
    {
        var oldKeys = _keys;
        var oldSlots = _slots;
        _keys = new long[oldKeys.Length * 2];
        _slots = new int[oldSlots.Length * 2];
        int mask = _slots.Length - 1;
        for (int i = 0; i < oldSlots.Length; i++)
        {
            if (oldSlots[i] == 0) continue;
            long key = oldKeys[i];
            int h = (int)(((ulong)key * 0x9E3779B97F4A7C15UL) >> 40) & mask;
            while (_slots[h] != 0) h = (h + 1) & mask;
            _keys[h] = key;
            _slots[h] = oldSlots[i];
        }
    }

    /// <summary>PLAIN bytes of the dictionary page.</summary>
    public ReadOnlySpan<byte> PlainBytes => MemoryMarshal.AsBytes(Entries);
}
