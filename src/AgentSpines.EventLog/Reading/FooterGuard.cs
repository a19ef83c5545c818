using System.Buffers.Binary;

namespace AgentSpines.EventLog.Reading;

/// <summary>
/// Checks a file's envelope and footer before Parquet.Net sees it: PAR1 magic at both ends, a footer length that fits,
/// a footer whose Thrift lengths and counts fit in its bytes (<see cref="ThriftSkim"/>), a flat schema (a root and
/// primitive leaves, no deeper nesting that Parquet.Net would recurse into), and row groups whose column chunks lie
/// inside the data region with at most <see cref="ReadLimits.MaxRowsPerRowGroup"/> rows.
/// </summary>
internal static class FooterGuard
{
    private static readonly byte[] Magic = "PAR1"u8.ToArray();

    /// <summary>The footer's skimmed tree and where the data region ends (the footer's first byte).</summary>
    public static (ThriftSkim.Node Footer, long DataEnd) Check(Stream stream, string name)
    {
        long length = stream.Length;
        if (length < 12) throw new ParquetFormatException($"{name}: file of {length} bytes is too small to be Parquet");
        var head = ReadAt(stream, 0, 4);
        var tail = ReadAt(stream, length - 8, 8);
        if (!head.AsSpan().SequenceEqual(Magic) || !tail.AsSpan(4).SequenceEqual(Magic))
            throw new ParquetFormatException($"{name}: missing PAR1 magic (not a Parquet file, or truncated)");
        int footerLength = BinaryPrimitives.ReadInt32LittleEndian(tail);
        if (footerLength <= 0 || footerLength > length - 12)
            throw new ParquetFormatException($"{name}: footer length {footerLength} does not fit in a file of {length} bytes");
        long dataEnd = length - 8 - footerLength;
        var bytes = ReadAt(stream, dataEnd, footerLength);
        var footer = ThriftSkim.ReadStruct(bytes, 0, bytes.Length, $"{name}: footer", out _);
        CheckShape(footer, dataEnd, name);
        return (footer, dataEnd);
    }

    internal static byte[] ReadAt(Stream stream, long offset, int count)
    {
        var buffer = new byte[count];
        stream.Position = offset;
        stream.ReadExactly(buffer);
        return buffer;
    }

    private static void CheckShape(ThriftSkim.Node f, long dataEnd, string name)
    {
        ParquetFormatException Error(string m) => new($"{name}: {m}");
        var schema = f.List(2);
        if (schema.Count < 1) throw Error("the footer has no schema");
        var root = schema[0];
        int leaves = schema.Count - 1;
        if (root.Int(1) != null || (root.Int(5) ?? 0) != leaves)
            throw Error("only flat schemas (a root with primitive columns) are supported");
        if (leaves == 0) throw Error("the schema has no columns");
        for (int i = 1; i < schema.Count; i++)
        {
            var e = schema[i];
            if ((e.Int(5) ?? 0) != 0 || e.Int(1) == null) throw Error($"schema element {i} is a group; only flat schemas are supported");
            if (e.Int(3) == 2) throw Error($"schema element {i} is repeated; only flat schemas are supported");
        }
        long numRows = f.Int(3) ?? throw Error("the footer lacks num_rows");
        long sum = 0;
        var groups = f.List(4);
        for (int g = 0; g < groups.Count; g++)
        {
            var rg = groups[g];
            long rows = rg.Int(3) ?? -1;
            if (rows < 0 || rows > ReadLimits.MaxRowsPerRowGroup)
                throw Error($"row group {g} claims {rows} rows (limit {ReadLimits.MaxRowsPerRowGroup})");
            sum += rows;
            var columns = rg.List(1);
            if (columns.Count != leaves) throw Error($"row group {g} has {columns.Count} column chunks for {leaves} columns");
            for (int c = 0; c < leaves; c++)
            {
                if (columns[c].BinaryLengths.ContainsKey(1)) throw Error($"row group {g} column {c} lives in another file, which is not supported");
                var md = columns[c].Struct(3) ?? throw Error($"row group {g} column {c} lacks its metadata");
                if (md.Int(5) != rows) throw Error($"row group {g} column {c} has {md.Int(5)} values for {rows} rows");
                var (start, size) = ChunkRange(md.Int(9), md.Int(11), md.Int(7));
                if (start < 4 || size <= 0 || size > int.MaxValue || start + size > dataEnd)
                    throw Error($"row group {g} column {c}: chunk [{start}, {start + size}) lies outside the data region [4, {dataEnd})");
            }
        }
        if (sum != numRows) throw Error($"row groups hold {sum} rows but the footer says {numRows}");
    }

    /// <summary>A chunk starts at its dictionary page when it has one, else at its first data page.</summary>
    internal static (long Start, long Size) ChunkRange(long? dataPageOffset, long? dictionaryPageOffset, long? totalCompressed)
    {
        long data = dataPageOffset ?? -1;
        long start = dictionaryPageOffset is long d && d >= 4 && d < data ? d : data;
        return (start, totalCompressed ?? -1);
    }
}
