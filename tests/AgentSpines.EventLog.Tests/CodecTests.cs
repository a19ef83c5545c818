using AgentSpines.EventLog.Compression;
using AgentSpines.EventLog.Encoding;
using AgentSpines.EventLog.Reading;
using AgentSpines.EventLog.Schema;
using AgentSpines.EventLog.Writing;
using AgentSpines.EventLog.Format;

namespace AgentSpines.EventLog.Tests;

public class CodecTests
{
    private static byte[] Sample(int kind, int n, TestRandom rnd) => kind switch
    {
        0 => Enumerable.Range(0, n).Select(_ => (byte)rnd.Next(256)).ToArray(),            // incompressible
        1 => Enumerable.Range(0, n).Select(i => (byte)(i % 7)).ToArray(),                    // periodic
        2 => new byte[n],                                                                   // zeros
        _ => Enumerable.Range(0, n).Select(i => (byte)(rnd.Chance(0.9) ? i / 100 : rnd.Next(256))).ToArray(), // runs with noise
    };

    [Fact]
    public void SnappyOutputDecodesWithSnappier()
    {
        var rnd = new TestRandom(1);
        foreach (int n in new[] { 0, 1, 14, 15, 16, 100, 65535, 65536, 65537, 200_000 })
            for (int kind = 0; kind < 4; kind++)
            {
                var src = Sample(kind, n, rnd);
                using var buf = new ByteBuffer();
                SnappyEncoder.Encode(src, buf);
                var ours = buf.WrittenSpan.ToArray();
                Assert.Equal(src, Snappier.Snappy.DecompressToArray(ours));
                if (kind == 2 && n > 1000) Assert.True(ours.Length < n / 10, "zeros must compress");
            }
    }

    [Fact]
    public void GzipAndZstdOutputDecodeWithTheStandardLibraries()
    {
        var src = Sample(3, 50_000, new TestRandom(2));
        using var buf = new ByteBuffer();
        PageCompressor.Compress(ParquetCodec.Gzip, src, buf);
        using (var gz = new System.IO.Compression.GZipStream(new MemoryStream(buf.WrittenSpan.ToArray()), System.IO.Compression.CompressionMode.Decompress))
        {
            var back = new MemoryStream();
            gz.CopyTo(back);
            Assert.Equal(src, back.ToArray());
        }
        buf.Clear();
        PageCompressor.Compress(ParquetCodec.Zstd, src, buf);
        Assert.True(buf.Length < src.Length / 2, $"ZSTD left {buf.Length} of {src.Length} bytes");
        using var zstd = new ZstdSharp.Decompressor();
        Assert.Equal(src, zstd.Unwrap(buf.WrittenSpan).ToArray());
    }

    [Fact]
    public void Crc32MatchesTheStandardCheckValues()
    {
        // The CRC-32 of the page checksums is the GZIP/zlib one: "123456789" -> 0xCBF43926 (the catalogue's check value).
        Assert.Equal(0xCBF43926u, System.IO.Hashing.Crc32.HashToUInt32("123456789"u8));
        Assert.Equal(0u, System.IO.Hashing.Crc32.HashToUInt32([]));
        Assert.Equal(0x414FA339u, System.IO.Hashing.Crc32.HashToUInt32("The quick brown fox jumps over the lazy dog"u8));
    }

    [Fact]
    public void RleHybridDictionaryIndicesReadBackForAllBitWidths()
    {
        // The encoder's output at every index width 1..16, decoded by Parquet.Net through a dictionary column.
        var rnd = new TestRandom(3);
        for (int width = 1; width <= 16; width++)
        {
            int max = (1 << width) - 1, n = Math.Max(5000, 4 << width);
            var values = new long[n];
            for (int i = 0; i < n; i++) values[i] = i <= max ? i : rnd.Chance(0.5) ? values[i - 1] : rnd.Next(max + 1); // every index, then runs and noise
            var schema = new TableSchema("rle", ColumnSpec.Int64("v", dictionary: true));
            var ms = new MemoryStream();
            using (var w = new ParquetFileWriter(ms, schema, new ParquetWriterOptions { DataPageBytes = 2048 }, leaveOpen: true))
                foreach (long v in values) { w.SetInt64(0, v); w.EndRow(); }
            ms.Position = 0;
            using var r = new ParquetFileReader(ms, $"width {width}");
            Assert.True(r.Info.RowGroups[0].Columns[0].Encodings.Contains(ParquetEncoding.RleDictionary), $"width {width}: no dictionary");
            Assert.Equal(values, r.ReadColumn(0).ValuesAs<long>());
        }
    }

    [Fact]
    public void RleHybridUsesRunsForRepeatsAndPacksNoise()
    {
        using var buf = new ByteBuffer();
        RleHybridEncoder.Encode<byte>(Enumerable.Repeat((byte)1, 1_000_000).ToArray(), 1, buf);
        Assert.True(buf.Length <= 5, $"one run of a million ones takes {buf.Length} bytes");
        buf.Clear();
        var alternating = Enumerable.Range(0, 8000).Select(i => (byte)(i & 1)).ToArray();
        RleHybridEncoder.Encode<byte>(alternating, 1, buf);
        Assert.InRange(buf.Length, 1000, 1020); // 1 bit per value plus one header per 504 values
    }

    [Fact]
    public void Utf8OrderMatchesByteComparison()
    {
        string[] s = ["", "a", "Z", "é", "\ufffd", "\ue000", "😀", "ab", "a\u0000", "𝄞x"];
        foreach (var a in s)
            foreach (var b in s)
            {
                int expected = Math.Sign(System.Text.Encoding.UTF8.GetBytes(a).AsSpan().SequenceCompareTo(System.Text.Encoding.UTF8.GetBytes(b)));
                Assert.Equal(expected, Math.Sign(Utf8Order.Compare(a, b)));
            }
    }
}
