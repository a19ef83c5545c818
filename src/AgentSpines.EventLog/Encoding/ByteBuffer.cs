using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace AgentSpines.EventLog.Encoding;

/// <summary>
/// A growable byte buffer over arrays rented from the shared pool: the writer encodes pages, levels and the footer
/// into these and reuses them, so steady-state writing allocates nothing per value or per page.
/// </summary>
internal sealed class ByteBuffer : IDisposable
{
    private byte[] _array;
    private int _length;

    public ByteBuffer(int initialCapacity = 4096) => _array = ArrayPool<byte>.Shared.Rent(Math.Max(16, initialCapacity));

    public int Length => _length;
    public Span<byte> WrittenSpan => _array.AsSpan(0, _length);
    public ReadOnlyMemory<byte> WrittenMemory => _array.AsMemory(0, _length);

    public void Clear() => _length = 0;

    /// <summary>A writable span of at least <paramref name="size"/> bytes at the end; call <see cref="Advance"/> after.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Span<byte> GetSpan(int size)
    {
        if (_array.Length - _length < size) Grow(size);
        return _array.AsSpan(_length);
    }

    public void Advance(int count) => _length += count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteByte(byte b)
    {
        if (_length == _array.Length) Grow(1);
        _array[_length++] = b;
    }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(GetSpan(bytes.Length));
        _length += bytes.Length;
    }

    public void WriteInt32LittleEndian(int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(GetSpan(4), value);
        _length += 4;
    }

    /// <summary>Overwrites 4 bytes already written (length prefixes known only after the payload).</summary>
    public void PatchInt32LittleEndian(int position, int value) => BinaryPrimitives.WriteInt32LittleEndian(_array.AsSpan(position, 4), value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteVarUInt64(ulong value)
    {
        var span = GetSpan(10);
        int i = 0;
        while (value >= 0x80)
        {
            span[i++] = (byte)(value | 0x80);
            value >>= 7;
        }
        span[i++] = (byte)value;
        _length += i;
    }

    private void Grow(int needed)
    {
        long want = Math.Max((long)_array.Length * 2, (long)_length + needed);
        if (want > Array.MaxLength) want = Math.Max((long)_length + needed, Array.MaxLength);
        if (want > Array.MaxLength) throw new InvalidOperationException("buffer exceeds the maximum array size");
        var bigger = ArrayPool<byte>.Shared.Rent((int)want);
        _array.AsSpan(0, _length).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_array);
        _array = bigger;
    }

    public void Dispose()
    {
        if (_array.Length == 0) return;
        ArrayPool<byte>.Shared.Return(_array);
        _array = [];
        _length = 0;
    }
}
