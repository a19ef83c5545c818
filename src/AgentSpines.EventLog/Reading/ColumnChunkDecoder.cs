using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using AgentSpines.EventLog.Compression;
using AgentSpines.EventLog.Encoding;
using AgentSpines.EventLog.Format;

namespace AgentSpines.EventLog.Reading;

/// <summary>
/// Decodes the pages of one flat column chunk (held in memory) into a row-indexed array. Supports dictionary pages,
/// data pages v1 and v2, PLAIN, PLAIN_DICTIONARY / RLE_DICTIONARY and RLE booleans, with the SNAPPY, GZIP and
/// UNCOMPRESSED codecs. Every size from the file is checked against the bytes present and against fixed caps before
/// it drives a loop or an allocation; any inconsistency throws <see cref="ParquetFormatException"/>.
/// </summary>
internal sealed class ColumnChunkDecoder
{
    /// <summary>Largest value count accepted in one page (our writer uses at most 2^20).</summary>
    public const int MaxValuesPerPage = 1 << 21;
    /// <summary>Largest uncompressed page accepted.</summary>
    public const int MaxPageBytes = 1 << 29;

    private readonly ColumnSpec _spec;
    private readonly PhysicalType _physical;
    private readonly ParquetCodec _codec;
    private readonly string _what;
    private readonly long _rows;
    private Array? _dictionary;
    private int _dictionaryCount;
    private Array _values;
    private bool[]? _defined;
    private int _filled;

    public ColumnChunkDecoder(ColumnSpec spec, PhysicalType physical, ParquetCodec codec, long rows, string what)
    {
        _spec = spec;
        _physical = physical;
        _codec = codec;
        _rows = rows;
        _what = what;
        _values = NewArray(spec.Type, (int)Math.Min(rows, 1 << 20));
    }

    private ParquetFormatException Error(string message) => new($"{_what}: {message}");

    public ColumnData Decode(byte[] chunk, int offset, int length)
    {
        int pos = offset, end = offset + length;
        bool sawData = false;
        while (_filled < _rows)
        {
            if (pos >= end) throw Error($"column chunk ends after {_filled} of {_rows} values");
            var h = PageHeaderSerializer.Read(chunk, pos, end - pos, _what, out int headerSize);
            pos += headerSize;
            if (h.CompressedPageSize > end - pos) throw Error($"page of {h.CompressedPageSize} bytes overruns the column chunk");
            if (h.UncompressedPageSize > MaxPageBytes) throw Error($"page of {h.UncompressedPageSize} bytes exceeds the {MaxPageBytes}-byte limit");
            if (h.UncompressedPageSize > Math.Max(1 << 20, (long)h.CompressedPageSize * 1100))
                throw Error($"page claims {h.UncompressedPageSize} bytes from {h.CompressedPageSize} compressed bytes");
            switch (h.Type)
            {
                case PageType.DictionaryPage:
                    if (sawData || _dictionary != null) throw Error("dictionary page is not the first page of the chunk");
                    if (h.DictionaryPage == null) throw Error("dictionary page without its header");
                    ReadDictionaryPage(h, chunk, pos);
                    break;
                case PageType.DataPage:
                    if (h.DataPage == null) throw Error("data page without its header");
                    sawData = true;
                    ReadDataPageV1(h, chunk, pos);
                    break;
                case PageType.DataPageV2:
                    if (h.DataPageV2 == null) throw Error("data page v2 without its header");
                    sawData = true;
                    ReadDataPageV2(h, chunk, pos);
                    break;
                default:
                    break; // index pages and unknown pages are skipped
            }
            pos += h.CompressedPageSize;
        }
        if (_values.Length != _filled)
        {
            var trimmed = NewArray(_spec.Type, _filled);
            Array.Copy(_values, trimmed, _filled);
            _values = trimmed;
        }
        if (_defined != null && _defined.Length != _filled) Array.Resize(ref _defined, _filled);
        return new ColumnData(_spec, _values, _defined);
    }

    private byte[] Decompress(PageHeaderModel h, byte[] chunk, int pos, int compressedLength, int uncompressedLength)
    {
        if (uncompressedLength < 0 || compressedLength < 0) throw Error("negative page section length");
        var buffer = new byte[uncompressedLength];
        PageCompressor.Decompress(_codec, chunk, pos, compressedLength, buffer, _what);
        return buffer;
    }

    private void ReadDictionaryPage(PageHeaderModel h, byte[] chunk, int pos)
    {
        var d = h.DictionaryPage!;
        if (d.Encoding is not ((int)ParquetEncoding.Plain or (int)ParquetEncoding.PlainDictionary))
            throw Error($"dictionary page encoding {d.Encoding} is not supported");
        var data = Decompress(h, chunk, pos, h.CompressedPageSize, h.UncompressedPageSize);
        if (d.NumValues > (_physical == PhysicalType.Boolean ? data.Length * 8L : data.Length)) throw Error($"dictionary claims {d.NumValues} values in {data.Length} bytes");
        _dictionary = NewArray(_spec.Type, d.NumValues);
        int consumed = DecodePlain(data, 0, data.Length, _dictionary, 0, d.NumValues);
        _ = consumed;
        _dictionaryCount = d.NumValues;
    }

    private void ReadDataPageV1(PageHeaderModel h, byte[] chunk, int pos)
    {
        var p = h.DataPage!;
        int n = CheckPageValues(p.NumValues);
        var data = Decompress(h, chunk, pos, h.CompressedPageSize, h.UncompressedPageSize);
        int at = 0;
        int[]? levels = null;
        try
        {
            int present = n;
            if (_spec.Optional)
            {
                if (p.DefinitionLevelEncoding != (int)ParquetEncoding.Rle) throw Error($"definition level encoding {p.DefinitionLevelEncoding} is not supported");
                if (data.Length < 4) throw Error("data page too short for its definition levels");
                int len = BinaryPrimitives.ReadInt32LittleEndian(data);
                if (len < 0 || len > data.Length - 4) throw Error($"definition levels length {len} exceeds the page");
                levels = ArrayPool<int>.Shared.Rent(n);
                present = DecodeLevels(data.AsSpan(4, len), levels.AsSpan(0, n));
                at = 4 + len;
            }
            DecodeValues(p.Encoding, data, at, data.Length - at, present, n, levels);
        }
        finally
        {
            if (levels != null) ArrayPool<int>.Shared.Return(levels);
        }
    }

    private void ReadDataPageV2(PageHeaderModel h, byte[] chunk, int pos)
    {
        var p = h.DataPageV2!;
        int n = CheckPageValues(p.NumValues);
        if (p.RepetitionLevelsByteLength != 0) throw Error("repetition levels are not supported (flat schemas only)");
        int levelBytes = p.DefinitionLevelsByteLength;
        if (levelBytes > h.CompressedPageSize || levelBytes > h.UncompressedPageSize) throw Error("definition levels exceed the page");
        int[]? levels = null;
        try
        {
            int present = n;
            if (_spec.Optional)
            {
                levels = ArrayPool<int>.Shared.Rent(n);
                present = DecodeLevels(chunk.AsSpan(pos, levelBytes), levels.AsSpan(0, n));
                if (n - present != p.NumNulls) throw Error($"page says {p.NumNulls} nulls but its levels hold {n - present}");
            }
            else if (levelBytes != 0 || p.NumNulls != 0) throw Error("required column page has definition levels");
            int compressedValues = h.CompressedPageSize - levelBytes;
            int uncompressedValues = h.UncompressedPageSize - levelBytes;
            byte[] data;
            if (p.IsCompressed) data = Decompress(h, chunk, pos + levelBytes, compressedValues, uncompressedValues);
            else
            {
                if (compressedValues != uncompressedValues) throw Error("uncompressed v2 page sizes disagree");
                data = chunk.AsSpan(pos + levelBytes, compressedValues).ToArray();
            }
            DecodeValues(p.Encoding, data, 0, data.Length, present, n, levels);
        }
        finally
        {
            if (levels != null) ArrayPool<int>.Shared.Return(levels);
        }
    }

    private int CheckPageValues(int n)
    {
        if (n < 0 || n > MaxValuesPerPage) throw Error($"page of {n} values exceeds the {MaxValuesPerPage}-value limit");
        if (n > _rows - _filled) throw Error($"pages hold more values than the chunk's {_rows}");
        return n;
    }

    /// <summary>Decodes 1-bit definition levels; returns how many are 1 (values present).</summary>
    private int DecodeLevels(ReadOnlySpan<byte> data, Span<int> levels)
    {
        RleHybridDecoder.Decode(data, 1, levels, _what);
        int present = 0;
        foreach (int l in levels)
        {
            if ((uint)l > 1) throw Error($"definition level {l} exceeds the maximum 1");
            present += l;
        }
        return present;
    }

    private void DecodeValues(int encoding, byte[] data, int offset, int length, int present, int n, int[]? levels)
    {
        EnsureCapacity(_filled + n);
        // Decode the present values densely into a scratch array, then scatter them to their rows.
        Array dense = present == n && levels == null ? _values : NewArray(_spec.Type, present);
        int denseStart = ReferenceEquals(dense, _values) ? _filled : 0;
        switch ((ParquetEncoding)encoding)
        {
            case ParquetEncoding.Plain:
                DecodePlain(data, offset, length, dense, denseStart, present);
                break;
            case ParquetEncoding.PlainDictionary or ParquetEncoding.RleDictionary:
                DecodeDictionaryIndices(data, offset, length, dense, denseStart, present);
                break;
            case ParquetEncoding.Rle when _physical == PhysicalType.Boolean:
                DecodeRleBooleans(data, offset, length, (bool[])dense, denseStart, present);
                break;
            default:
                throw Error($"encoding {(ParquetEncoding)encoding} is not supported");
        }
        if (levels != null)
        {
            _defined ??= InitDefined();
            switch (_values)
            {
                case bool[] v: Scatter((bool[])dense, levels, v, n); break;
                case int[] v: Scatter((int[])dense, levels, v, n); break;
                case long[] v: Scatter((long[])dense, levels, v, n); break;
                case float[] v: Scatter((float[])dense, levels, v, n); break;
                case double[] v: Scatter((double[])dense, levels, v, n); break;
                case string[] v: Scatter((string[])dense, levels, v, n); break;
            }
        }
        else if (_defined != null) _defined.AsSpan(_filled, n).Fill(true);
        _filled += n;
    }

    private void Scatter<T>(T[] dense, int[] levels, T[] values, int n)
    {
        var defined = _defined!;
        int k = 0;
        for (int i = 0; i < n; i++)
        {
            bool has = levels[i] == 1;
            defined[_filled + i] = has;
            if (has) values[_filled + i] = dense[k++];
        }
    }

    private bool[] InitDefined()
    {
        var d = new bool[_values.Length];
        d.AsSpan(0, _filled).Fill(true);
        return d;
    }

    private void EnsureCapacity(int needed)
    {
        if (needed <= _values.Length) return;
        int size = (int)Math.Min(_rows, Math.Max(needed, (long)_values.Length * 2));
        var bigger = NewArray(_spec.Type, size);
        Array.Copy(_values, bigger, _filled);
        _values = bigger;
        if (_defined != null) Array.Resize(ref _defined, size);
    }

    private int DecodePlain(byte[] data, int offset, int length, Array target, int start, int count)
    {
        var src = data.AsSpan(offset, length);
        switch (target)
        {
            case bool[] b:
                if ((long)count > (long)src.Length * 8) throw Error($"{count} booleans do not fit in {src.Length} bytes");
                for (int i = 0; i < count; i++) b[start + i] = (src[i >> 3] & (1 << (i & 7))) != 0;
                return (count + 7) / 8;
            case int[] a: return CopyFixed(src, a.AsSpan(start, count));
            case long[] a: return CopyFixed(src, a.AsSpan(start, count));
            case float[] a: return CopyFixed(src, a.AsSpan(start, count));
            case double[] a: return CopyFixed(src, a.AsSpan(start, count));
            case string[] s:
                {
                    int p = 0;
                    for (int i = 0; i < count; i++)
                    {
                        if (src.Length - p < 4) throw Error("byte array value truncated");
                        int len = BinaryPrimitives.ReadInt32LittleEndian(src[p..]);
                        p += 4;
                        if (len < 0 || len > src.Length - p) throw Error($"byte array length {len} exceeds the page");
                        s[start + i] = System.Text.Encoding.UTF8.GetString(src.Slice(p, len));
                        p += len;
                    }
                    return p;
                }
            default: throw Error("unsupported value type");
        }
    }

    private int CopyFixed<T>(ReadOnlySpan<byte> src, Span<T> dst) where T : unmanaged
    {
        var bytes = MemoryMarshal.AsBytes(dst);
        if (bytes.Length > src.Length) throw Error($"{dst.Length} values need {bytes.Length} bytes but the page holds {src.Length}");
        src[..bytes.Length].CopyTo(bytes);
        return bytes.Length;
    }

    private void DecodeDictionaryIndices(byte[] data, int offset, int length, Array target, int start, int count)
    {
        if (_dictionary == null) throw Error("dictionary-encoded page without a dictionary page");
        if (count == 0) return;
        if (length < 1) throw Error("dictionary-encoded page without its bit width");
        int bitWidth = data[offset];
        var indices = ArrayPool<int>.Shared.Rent(count);
        try
        {
            var idx = indices.AsSpan(0, count);
            RleHybridDecoder.Decode(data.AsSpan(offset + 1, length - 1), bitWidth, idx, _what);
            foreach (int i in idx)
                if ((uint)i >= (uint)_dictionaryCount) throw Error($"dictionary index {i} outside a dictionary of {_dictionaryCount}");
            switch (target)
            {
                case int[] a: Gather((int[])_dictionary, idx, a.AsSpan(start, count)); break;
                case long[] a: Gather((long[])_dictionary, idx, a.AsSpan(start, count)); break;
                case float[] a: Gather((float[])_dictionary, idx, a.AsSpan(start, count)); break;
                case double[] a: Gather((double[])_dictionary, idx, a.AsSpan(start, count)); break;
                case string[] a: Gather((string[])_dictionary, idx, a.AsSpan(start, count)); break;
                case bool[] a: Gather((bool[])_dictionary, idx, a.AsSpan(start, count)); break;
                default: throw Error("unsupported value type");
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(indices);
        }
    }

    private static void Gather<T>(T[] dictionary, ReadOnlySpan<int> idx, Span<T> dst)
    {
        for (int i = 0; i < idx.Length; i++) dst[i] = dictionary[idx[i]];
    }

    private void DecodeRleBooleans(byte[] data, int offset, int length, bool[] target, int start, int count)
    {
        if (length < 4) throw Error("RLE boolean page too short");
        int len = BinaryPrimitives.ReadInt32LittleEndian(data.AsSpan(offset));
        if (len < 0 || len > length - 4) throw Error($"RLE boolean length {len} exceeds the page");
        var tmp = ArrayPool<int>.Shared.Rent(Math.Max(1, count));
        try
        {
            RleHybridDecoder.Decode(data.AsSpan(offset + 4, len), 1, tmp.AsSpan(0, count), _what);
            for (int i = 0; i < count; i++) target[start + i] = tmp[i] != 0;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(tmp);
        }
    }

    internal static Array NewArray(ColumnType type, int length) => type switch
    {
        ColumnType.Boolean => new bool[length],
        ColumnType.Int32 => new int[length],
        ColumnType.Int64 => new long[length],
        ColumnType.Float => new float[length],
        ColumnType.Double => new double[length],
        _ => new string[length],
    };
}
