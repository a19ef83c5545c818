using System.Text;

namespace AgentSpines.EventLog.Thrift;

/// <summary>
/// Reads the Thrift compact protocol from a byte range, defensively: every length and list size is checked against
/// the bytes that remain (each element takes at least one byte), varints are at most 10 bytes, nesting is capped,
/// and any violation throws <see cref="ParquetFormatException"/> naming <paramref name="what"/>.
/// </summary>
internal sealed class ThriftCompactReader
{
    private const int MaxDepth = 64;
    private readonly byte[] _data;
    private readonly int _end;
    private readonly string _what;
    private readonly Stack<short> _lastFieldIds = new();
    private short _lastFieldId;
    private int _depth;

    public ThriftCompactReader(byte[] data, int offset, int length, string what)
    {
        _data = data;
        Position = offset;
        _end = offset + length;
        _what = what;
    }

    public int Position { get; private set; }
    public int Remaining => _end - Position;

    public ParquetFormatException Error(string message) => new($"{_what}: {message}");

    public void BeginStruct()
    {
        if (++_depth > MaxDepth) throw Error("Thrift structures nested too deeply");
        _lastFieldIds.Push(_lastFieldId);
        _lastFieldId = 0;
    }

    public void EndStruct()
    {
        _depth--;
        _lastFieldId = _lastFieldIds.Pop();
    }

    /// <summary>Reads the next field header; false at the struct's stop byte.</summary>
    public bool ReadFieldHeader(out CompactType type, out short id)
    {
        byte b = ReadByte();
        type = (CompactType)(b & 0x0F);
        if (type == CompactType.Stop)
        {
            id = 0;
            return false;
        }
        if (type > CompactType.Struct) throw Error($"invalid Thrift field type {(int)type}");
        int delta = b >> 4;
        int fieldId = delta != 0 ? _lastFieldId + delta : ReadZigZag32();
        if (fieldId is < short.MinValue or > short.MaxValue) throw Error($"Thrift field id {fieldId} out of range");
        id = (short)fieldId;
        _lastFieldId = id;
        return true;
    }

    public byte ReadByte()
    {
        if (Position >= _end) throw Error("unexpected end of Thrift data");
        return _data[Position++];
    }

    private ulong ReadVarUInt64()
    {
        ulong result = 0;
        for (int shift = 0; shift < 70; shift += 7)
        {
            byte b = ReadByte();
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return result;
        }
        throw Error("varint longer than 10 bytes");
    }

    private int ReadZigZag32()
    {
        ulong u = ReadVarUInt64();
        if (u > uint.MaxValue) throw Error("32-bit integer out of range");
        uint v = (uint)u;
        return (int)(v >> 1) ^ -(int)(v & 1);
    }

    public int ReadI32(CompactType type)
    {
        if (type == CompactType.Byte) return (sbyte)ReadByte();
        if (type is not (CompactType.I32 or CompactType.I16)) throw Error($"expected an integer, found Thrift type {type}");
        return ReadZigZag32();
    }

    public long ReadI64(CompactType type)
    {
        if (type is CompactType.I32 or CompactType.I16 or CompactType.Byte) return ReadI32(type);
        if (type != CompactType.I64) throw Error($"expected a 64-bit integer, found Thrift type {type}");
        ulong v = ReadVarUInt64();
        return (long)(v >> 1) ^ -(long)(v & 1);
    }

    public bool ReadBool(CompactType type) => type switch
    {
        CompactType.BooleanTrue => true,
        CompactType.BooleanFalse => false,
        _ => throw Error($"expected a boolean, found Thrift type {type}"),
    };

    public byte[] ReadBinary(CompactType type)
    {
        if (type != CompactType.Binary) throw Error($"expected binary, found Thrift type {type}");
        ulong len = ReadVarUInt64();
        if (len > (ulong)Remaining) throw Error($"binary length {len} exceeds the {Remaining} bytes left");
        var bytes = _data.AsSpan(Position, (int)len).ToArray();
        Position += (int)len;
        return bytes;
    }

    public string ReadString(CompactType type)
    {
        var bytes = ReadBinary(type);
        return System.Text.Encoding.UTF8.GetString(bytes);
    }

    /// <summary>Reads a list header; the size is checked against the remaining bytes.</summary>
    public int ReadListHeader(CompactType type, out CompactType elementType)
    {
        if (type is not (CompactType.List or CompactType.Set)) throw Error($"expected a list, found Thrift type {type}");
        byte b = ReadByte();
        elementType = (CompactType)(b & 0x0F);
        ulong size = (ulong)(b >> 4);
        if (size == 15) size = ReadVarUInt64();
        if (size > (ulong)Remaining) throw Error($"list of {size} elements exceeds the {Remaining} bytes left");
        return (int)size;
    }

    /// <summary>Skips a value of the given type (fields this reader does not use).</summary>
    public void Skip(CompactType type)
    {
        switch (type)
        {
            case CompactType.BooleanTrue or CompactType.BooleanFalse: return;
            case CompactType.Byte: ReadByte(); return;
            case CompactType.I16 or CompactType.I32 or CompactType.I64: ReadVarUInt64(); return;
            case CompactType.Double: Advance(8); return;
            case CompactType.Binary:
                {
                    ulong len = ReadVarUInt64();
                    if (len > (ulong)Remaining) throw Error($"binary length {len} exceeds the {Remaining} bytes left");
                    Advance((int)len);
                    return;
                }
            case CompactType.List or CompactType.Set:
                {
                    int n = ReadListHeader(type, out var et);
                    for (int i = 0; i < n; i++) SkipElement(et);
                    return;
                }
            case CompactType.Map:
                {
                    ulong n = ReadVarUInt64();
                    if (n == 0) return;
                    if (n > (ulong)Remaining) throw Error($"map of {n} entries exceeds the {Remaining} bytes left");
                    byte kv = ReadByte();
                    for (ulong i = 0; i < n; i++)
                    {
                        SkipElement((CompactType)(kv >> 4));
                        SkipElement((CompactType)(kv & 0x0F));
                    }
                    return;
                }
            case CompactType.Struct:
                BeginStruct();
                while (ReadFieldHeader(out var ft, out _)) Skip(ft);
                EndStruct();
                return;
            default: throw Error($"invalid Thrift type {(int)type}");
        }
    }

    /// <summary>List elements: booleans are one byte each, not folded into a header.</summary>
    public void SkipElement(CompactType type)
    {
        if (type is CompactType.BooleanTrue or CompactType.BooleanFalse) ReadByte();
        else Skip(type);
    }

    private void Advance(int n)
    {
        if (n > Remaining) throw Error("unexpected end of Thrift data");
        Position += n;
    }
}
