namespace AgentSpines.EventLog.Reading;

/// <summary>
/// A bounded look at Thrift compact-protocol bytes before Parquet.Net parses them: every length and element count
/// is checked against the bytes that remain, nesting is limited, and the result is a small tree of the integer
/// fields (binary and double values are only skipped). Parquet.Net's own Thrift reader trusts lengths and counts
/// (a corrupt list size or string length becomes a huge allocation, deep nesting a stack overflow), so the reader
/// only hands it bytes that passed this walk. The work is linear in the bytes: every element consumes at least one.
/// </summary>
internal sealed class ThriftSkim
{
    public const int MaxDepth = 24;

    private readonly byte[] _data;
    private readonly int _end;
    private readonly string _what;
    private int _pos;

    private ThriftSkim(byte[] data, int offset, int length, string what)
    {
        _data = data;
        _pos = offset;
        _end = offset + length;
        _what = what;
    }

    /// <summary>A struct: its integer fields and nested structs/lists by field id.</summary>
    public sealed class Node
    {
        public readonly Dictionary<short, long> Ints = new();
        public readonly Dictionary<short, Node> Structs = new();
        public readonly Dictionary<short, List<Node>> StructLists = new();
        public readonly Dictionary<short, int> BinaryLengths = new();

        public long? Int(short id) => Ints.TryGetValue(id, out var v) ? v : null;
        public Node? Struct(short id) => Structs.GetValueOrDefault(id);
        public IReadOnlyList<Node> List(short id) => StructLists.TryGetValue(id, out var l) ? l : [];
    }

    /// <summary>Parses one struct at <paramref name="offset"/>; returns it and the bytes it used.</summary>
    public static Node ReadStruct(byte[] data, int offset, int length, string what, out int consumed)
    {
        var s = new ThriftSkim(data, offset, length, what);
        var node = s.Struct(0);
        consumed = s._pos - offset;
        return node;
    }

    private ParquetFormatException Error(string message) => new($"{_what}: {message}");

    private byte Byte()
    {
        if (_pos >= _end) throw Error("Thrift data ends inside a structure (truncated or corrupt)");
        return _data[_pos++];
    }

    private ulong VarInt()
    {
        ulong result = 0;
        for (int shift = 0; shift < 70; shift += 7)
        {
            byte b = Byte();
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return result;
        }
        throw Error("Thrift varint longer than 10 bytes");
    }

    private long ZigZag() { ulong v = VarInt(); return (long)(v >> 1) ^ -(long)(v & 1); }

    private int Count(ulong n, string what)
    {
        // Every element takes at least one byte, so a count beyond the remaining bytes is corrupt.
        if (n > (ulong)(_end - _pos)) throw Error($"Thrift {what} of {n} exceeds the {_end - _pos} bytes left");
        return (int)n;
    }

    private Node Struct(int depth)
    {
        if (depth > MaxDepth) throw Error($"Thrift structures nested deeper than {MaxDepth}");
        var node = new Node();
        short last = 0;
        while (true)
        {
            byte header = Byte();
            if (header == 0) return node;
            int type = header & 0x0F;
            int delta = header >> 4;
            short id = delta == 0 ? FieldId(ZigZag()) : (short)(last + delta);
            last = id;
            switch (type)
            {
                case 1: node.Ints[id] = 1; break;   // boolean true, in the header
                case 2: node.Ints[id] = 0; break;   // boolean false
                case 3: node.Ints[id] = (sbyte)Byte(); break;
                case 4 or 5 or 6: node.Ints[id] = ZigZag(); break;
                case 12: node.Structs[id] = Struct(depth + 1); break;
                case 9 or 10:
                    var list = List(depth);
                    if (list != null) node.StructLists[id] = list;
                    break;
                case 8: node.BinaryLengths[id] = Binary(); break;
                default: SkipValue(type, depth); break;
            }
        }
    }

    private short FieldId(long id)
        => id is >= short.MinValue and <= short.MaxValue ? (short)id : throw Error($"Thrift field id {id} out of range");

    private int Binary()
    {
        int n = Count(VarInt(), "binary length");
        _pos += n;
        return n;
    }

    private List<Node>? List(int depth)
    {
        byte header = Byte();
        int n = header >> 4;
        int elementType = header & 0x0F;
        if (n == 15) n = Count(VarInt(), "list size");
        else Count((ulong)n, "list size");
        if (elementType != 12)
        {
            for (int i = 0; i < n; i++) SkipValue(elementType, depth, inList: true);
            return null;
        }
        var items = new List<Node>(Math.Min(n, 1024));
        for (int i = 0; i < n; i++) items.Add(Struct(depth + 1));
        return items;
    }

    private void SkipValue(int type, int depth, bool inList = false)
    {
        switch (type)
        {
            case 1 or 2:
                if (inList) Byte(); // list booleans take a byte each; field booleans live in the header
                break;
            case 3: Byte(); break;
            case 4 or 5 or 6: VarInt(); break;
            case 7: Skip(8); break;
            case 8: Binary(); break;
            case 9 or 10: List(depth + 1); break;
            case 11:
                int n = Count(VarInt(), "map size");
                if (n == 0) break;
                byte kv = Byte();
                Count((ulong)n * 2, "map size");
                for (int i = 0; i < n; i++)
                {
                    SkipValue(kv >> 4, depth + 1, inList: true);
                    SkipValue(kv & 0x0F, depth + 1, inList: true);
                }
                break;
            case 12: Struct(depth + 1); break;
            case 13: Skip(16); break; // UUID
            default: throw Error($"unknown Thrift type {type}");
        }
    }

    private void Skip(int n)
    {
        if (n > _end - _pos) throw Error("Thrift data ends inside a value");
        _pos += n;
    }
}
