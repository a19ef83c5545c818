using System.Runtime.InteropServices;
using AgentSpines.EventLog.Compression;
using AgentSpines.EventLog.Encoding;
using AgentSpines.EventLog.Format;
using AgentSpines.EventLog.Schema;

namespace AgentSpines.EventLog.Writing;

/// <summary>
/// Encodes one column of a finished row group into a column chunk: an optional dictionary page (PLAIN values) and
/// v1 data pages (definition levels as 4-byte length + RLE hybrid, then PLAIN values or bit-width byte + RLE-hybrid
/// dictionary indices), each compressed with the file's codec. The dictionary is tried when the column asks for it
/// and dropped for PLAIN when it exceeds the limits or would not be smaller. All buffers are kept and reused; one
/// encoder per column lets the columns of a row group be encoded in parallel.
/// </summary>
internal sealed class ColumnChunkEncoder : IDisposable
{
    private const int MaxRowsPerPage = 1 << 20;
    private readonly ColumnSpec _spec;
    private readonly ParquetWriterOptions _options;
    private readonly ByteBuffer _page = new(1 << 16);
    private readonly ByteBuffer _compressed = new(1 << 16);
    private int[] _indices = [];
    private FixedDictionaryBuilder<int>? _dictInt32;
    private FixedDictionaryBuilder<long>? _dictInt64;
    private FixedDictionaryBuilder<float>? _dictFloat;
    private FixedDictionaryBuilder<double>? _dictDouble;
    private StringDictionaryBuilder? _dictString;

    public ColumnChunkEncoder(ColumnSpec spec, ParquetWriterOptions options)
    {
        _spec = spec;
        _options = options;
    }

    /// <summary>The encoded pages of the last chunk (dictionary page first, if any).</summary>
    public ByteBuffer Output { get; } = new(1 << 16);

    /// <summary>Bytes of the dictionary page (header included) at the start of <see cref="Output"/>, 0 when none.</summary>
    public int DictionaryPageBytes { get; private set; }
    public long UncompressedBytes { get; private set; }
    public bool UsedDictionary { get; private set; }
    public StatisticsModel Statistics { get; private set; } = new();

    public void Encode(ColumnBuffer buffer)
    {
        Output.Clear();
        DictionaryPageBytes = 0;
        UncompressedBytes = 0;
        UsedDictionary = false;
        long nulls = buffer.Rows - buffer.ValueCount;
        switch (buffer)
        {
            case FixedColumnBuffer<bool> b:
                Statistics = StatisticsBuilder.Boolean(b.Values.AsSpan(0, b.ValueCount), nulls);
                WriteDataPages(buffer, _options.DataPageBytes * 8L, (v0, n) => PlainEncoder.WriteBooleans(b.Values.AsSpan(v0, n), _page));
                break;
            case FixedColumnBuffer<int> b:
                Statistics = StatisticsBuilder.Int32(b.Values.AsSpan(0, b.ValueCount), _spec.Unsigned, nulls);
                EncodeFixed(b, _dictInt32 ??= NewDict<int>());
                break;
            case FixedColumnBuffer<long> b:
                Statistics = StatisticsBuilder.Int64(b.Values.AsSpan(0, b.ValueCount), _spec.Unsigned, nulls);
                EncodeFixed(b, _dictInt64 ??= NewDict<long>());
                break;
            case FixedColumnBuffer<float> b:
                Statistics = StatisticsBuilder.Float(b.Values.AsSpan(0, b.ValueCount), nulls);
                EncodeFixed(b, _dictFloat ??= NewDict<float>());
                break;
            case FixedColumnBuffer<double> b:
                Statistics = StatisticsBuilder.Double(b.Values.AsSpan(0, b.ValueCount), nulls);
                EncodeFixed(b, _dictDouble ??= NewDict<double>());
                break;
            case StringColumnBuffer b:
                EncodeStrings(b, nulls);
                break;
            default:
                throw new InvalidOperationException($"no encoder for column '{_spec.Name}'");
        }
    }

    private FixedDictionaryBuilder<T> NewDict<T>() where T : unmanaged => new();

    private void EncodeFixed<T>(FixedColumnBuffer<T> b, FixedDictionaryBuilder<T> dict) where T : unmanaged
    {
        int size = Marshal.SizeOf<T>();
        var values = b.Values.AsSpan(0, b.ValueCount);
        if (_spec.Dictionary && values.Length > 0)
        {
            EnsureIndices(values.Length);
            int maxEntries = Math.Min(_options.DictionaryMaxEntries, _options.DictionaryMaxBytes / size);
            if (dict.TryBuild(values, _indices, maxEntries))
            {
                int bitWidth = Math.Max(1, RleHybridEncoder.BitWidth(dict.Count - 1));
                long dictSize = (long)dict.Count * size + (long)values.Length * bitWidth / 8;
                if (dictSize < (long)values.Length * size)
                {
                    WriteDictionaryPage(dict.PlainBytes, dict.Count);
                    WriteIndexPages(b, bitWidth);
                    return;
                }
            }
        }
        var all = b.Values;
        WriteDataPages(b, _options.DataPageBytes / size, (v0, n) => _page.Write(MemoryMarshal.AsBytes(all.AsSpan(v0, n))));
    }

    private void EncodeStrings(StringColumnBuffer b, long nulls)
    {
        var values = b.Values.AsSpan(0, b.ValueCount);
        if (_spec.Dictionary && values.Length > 0)
        {
            EnsureIndices(values.Length);
            var dict = _dictString ??= new StringDictionaryBuilder();
            if (dict.TryBuild(values, _indices, _options.DictionaryMaxEntries, _options.DictionaryMaxBytes))
            {
                Statistics = StringStatistics(CollectionsMarshal.AsSpan((List<string>)dict.Entries), nulls);
                _page.Clear();
                foreach (var s in dict.Entries) PlainEncoder.WriteString(s, _page);
                WriteDictionaryPage(_page.WrittenSpan.ToArray(), dict.Count);
                WriteIndexPages(b, Math.Max(1, RleHybridEncoder.BitWidth(dict.Count - 1)));
                return;
            }
        }
        Statistics = StringStatistics(values, nulls);
        long chars = 0;
        foreach (var s in values) chars += s.Length;
        long bytesPerValue = values.Length == 0 ? 1 : 4 + chars / values.Length;
        var all = b.Values;
        WriteDataPages(b, _options.DataPageBytes / Math.Max(1, bytesPerValue), (v0, n) =>
        {
            foreach (var s in all.AsSpan(v0, n)) PlainEncoder.WriteString(s, _page);
        });
    }

    private static StatisticsModel StringStatistics(ReadOnlySpan<string> values, long nulls)
    {
        if (values.IsEmpty) return StatisticsBuilder.String(null, null, nulls);
        string min = values[0], max = values[0];
        foreach (var s in values)
        {
            if (!ReferenceEquals(s, min) && Utf8Order.Compare(s, min) < 0) min = s;
            if (!ReferenceEquals(s, max) && Utf8Order.Compare(s, max) > 0) max = s;
        }
        return StatisticsBuilder.String(min, max, nulls);
    }

    private void EnsureIndices(int n)
    {
        if (_indices.Length < n) _indices = new int[Math.Max(n, _indices.Length * 2)];
    }

    private void WriteIndexPages(ColumnBuffer b, int bitWidth)
    {
        UsedDictionary = true;
        var indices = _indices;
        WriteDataPages(b, _options.DataPageBytes * 8L / bitWidth, (v0, n) =>
        {
            _page.WriteByte((byte)bitWidth);
            RleHybridEncoder.Encode<int>(indices.AsSpan(v0, n), bitWidth, _page);
        }, ParquetEncoding.RleDictionary);
    }

    private void WriteDictionaryPage(ReadOnlySpan<byte> plainValues, int count)
    {
        _page.Clear();
        _page.Write(plainValues);
        var header = new PageHeaderModel
        {
            Type = PageType.DictionaryPage,
            DictionaryPage = new DictionaryPageHeaderModel { NumValues = count, Encoding = (int)ParquetEncoding.Plain },
        };
        WritePage(header);
        DictionaryPageBytes = Output.Length;
    }

    /// <summary>Splits the rows into pages of at most <paramref name="rowsPerPage"/> rows and writes each.</summary>
    private void WriteDataPages(ColumnBuffer b, long rowsPerPage, Action<int, int> writeValues, ParquetEncoding encoding = ParquetEncoding.Plain)
    {
        int step = (int)Math.Clamp(rowsPerPage, 1, MaxRowsPerPage);
        int v0 = 0;
        for (int r0 = 0; r0 < b.Rows; r0 += step)
        {
            int rows = Math.Min(step, b.Rows - r0);
            _page.Clear();
            int count = rows;
            if (b.Defs != null)
            {
                var defs = b.Defs.AsSpan(r0, rows);
                count = defs.Count((byte)1);
                int lengthAt = _page.Length;
                _page.WriteInt32LittleEndian(0);
                RleHybridEncoder.Encode<byte>(defs, 1, _page);
                _page.PatchInt32LittleEndian(lengthAt, _page.Length - lengthAt - 4);
            }
            writeValues(v0, count);
            v0 += count;
            var header = new PageHeaderModel
            {
                Type = PageType.DataPage,
                DataPage = new DataPageHeaderModel { NumValues = rows, Encoding = (int)encoding },
            };
            WritePage(header);
        }
    }

    /// <summary>Compresses the payload in _page and appends header + payload to the output.</summary>
    private void WritePage(PageHeaderModel header)
    {
        header.UncompressedPageSize = _page.Length;
        ReadOnlySpan<byte> body;
        if (_options.Codec == ParquetCodec.Uncompressed) body = _page.WrittenSpan;
        else
        {
            _compressed.Clear();
            PageCompressor.Compress(_options.Codec, _page.WrittenSpan, _compressed);
            body = _compressed.WrittenSpan;
        }
        header.CompressedPageSize = body.Length;
        // parquet.thrift PageHeader.crc: CRC-32 (GZIP polynomial) of the page bytes as written, after compression.
        header.Crc = unchecked((int)System.IO.Hashing.Crc32.HashToUInt32(body));
        int before = Output.Length;
        PageHeaderSerializer.Write(Output, header);
        int headerBytes = Output.Length - before;
        Output.Write(body);
        UncompressedBytes += headerBytes + _page.Length;
    }

    public void Dispose()
    {
        Output.Dispose();
        _page.Dispose();
        _compressed.Dispose();
    }
}
