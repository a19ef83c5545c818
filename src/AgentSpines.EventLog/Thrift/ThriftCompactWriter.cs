using AgentSpines.EventLog.Encoding;

namespace AgentSpines.EventLog.Thrift;

/// <summary>
/// Writes the Thrift compact protocol (the encoding of Parquet's footer and page headers): field headers carry a
/// delta to the previous field id in the high nibble when it fits, integers are zigzag varints, binaries are a varint
/// length then bytes, lists a size/type header. Structs nest with <see cref="BeginStruct"/>/<see cref="EndStruct"/>.
/// </summary>
internal sealed class ThriftCompactWriter
{
    private readonly ByteBuffer _out;
    private readonly Stack<short> _lastFieldIds = new();
    private short _lastFieldId;

    public ThriftCompactWriter(ByteBuffer output) => _out = output;

    public void BeginStruct()
    {
        _lastFieldIds.Push(_lastFieldId);
        _lastFieldId = 0;
    }

    public void EndStruct()
    {
        _out.WriteByte((byte)CompactType.Stop);
        _lastFieldId = _lastFieldIds.Pop();
    }

    private void FieldHeader(short id, CompactType type)
    {
        int delta = id - _lastFieldId;
        if (delta is > 0 and <= 15) _out.WriteByte((byte)((delta << 4) | (byte)type));
        else
        {
            _out.WriteByte((byte)type);
            WriteVarInt32(id);
        }
        _lastFieldId = id;
    }

    public void FieldI32(short id, int value) { FieldHeader(id, CompactType.I32); WriteVarInt32(value); }
    public void FieldI64(short id, long value) { FieldHeader(id, CompactType.I64); WriteVarInt64(value); }
    public void FieldI16(short id, short value) { FieldHeader(id, CompactType.I16); WriteVarInt32(value); }
    public void FieldI8(short id, sbyte value) { FieldHeader(id, CompactType.Byte); _out.WriteByte((byte)value); }
    public void FieldBool(short id, bool value) => FieldHeader(id, value ? CompactType.BooleanTrue : CompactType.BooleanFalse);
    public void FieldBinary(short id, ReadOnlySpan<byte> value) { FieldHeader(id, CompactType.Binary); WriteBinary(value); }
    public void FieldString(short id, string value) { FieldHeader(id, CompactType.Binary); WriteString(value); }

    /// <summary>Starts a struct-valued field; close it with <see cref="EndStruct"/>.</summary>
    public void FieldStructBegin(short id) { FieldHeader(id, CompactType.Struct); BeginStruct(); }

    /// <summary>A field holding an empty struct (Parquet's marker structs such as StringType or TypeDefinedOrder).</summary>
    public void FieldEmptyStruct(short id) { FieldStructBegin(id); EndStruct(); }

    public void FieldListBegin(short id, CompactType elementType, int count)
    {
        FieldHeader(id, CompactType.List);
        ListHeader(elementType, count);
    }

    public void ListHeader(CompactType elementType, int count)
    {
        if (count < 15) _out.WriteByte((byte)((count << 4) | (byte)elementType));
        else
        {
            _out.WriteByte((byte)(0xF0 | (byte)elementType));
            _out.WriteVarUInt64((uint)count);
        }
    }

    public void WriteVarInt32(int value) => _out.WriteVarUInt64((uint)((value << 1) ^ (value >> 31)));
    public void WriteVarInt64(long value) => _out.WriteVarUInt64((ulong)((value << 1) ^ (value >> 63)));

    public void WriteBinary(ReadOnlySpan<byte> value)
    {
        _out.WriteVarUInt64((uint)value.Length);
        _out.Write(value);
    }

    public void WriteString(string value)
    {
        int max = System.Text.Encoding.UTF8.GetMaxByteCount(value.Length);
        _out.WriteVarUInt64((uint)System.Text.Encoding.UTF8.GetByteCount(value));
        int n = System.Text.Encoding.UTF8.GetBytes(value, _out.GetSpan(max));
        _out.Advance(n);
    }
}
