using Parquet;
using AgentSpines.EventLog.Reading;
using AgentSpines.EventLog.Schema;
using AgentSpines.EventLog.Writing;
using AgentSpines.EventLog.Format;

namespace AgentSpines.EventLog.Tests;

/// <summary>Page CRC-32s: written on every page, checked on every read, and what Parquet.Net alone would miss.</summary>
public class PageChecksumTests
{
    private static byte[] PlainDoubles(ParquetCodec codec, out double[] values)
    {
        var schema = new TableSchema("crc", ColumnSpec.Double("x"));
        values = Enumerable.Range(0, 2000).Select(i => i * 0.25).ToArray();
        var ms = new MemoryStream();
        using (var w = new ParquetFileWriter(ms, schema, new ParquetWriterOptions { Codec = codec, DataPageBytes = 4096 }, leaveOpen: true))
            foreach (double v in values) { w.SetDouble(0, v); w.EndRow(); }
        return ms.ToArray();
    }

    [Theory]
    [InlineData(ParquetCodec.Uncompressed)]
    [InlineData(ParquetCodec.Snappy)]
    [InlineData(ParquetCodec.Gzip)]
    [InlineData(ParquetCodec.Zstd)]
    public void EveryPageCarriesAMatchingCrc(ParquetCodec codec)
    {
        var bytes = PlainDoubles(codec, out var values);
        using var r = new ParquetFileReader(new MemoryStream(bytes), "f.parquet");
        int pages = r.VerifyPages();
        Assert.True(pages >= 2000 * 8 / 4096, $"only {pages} pages carry a CRC");
        Assert.Equal(values, r.ReadColumn(0).ValuesAs<double>());
    }

    [Fact]
    public async Task AFlippedBitInADataPageIsCaughtByItsCrcThoughParquetNetAloneReadsOtherValues()
    {
        var bytes = PlainDoubles(ParquetCodec.Uncompressed, out var values);
        bytes[4 + 200] ^= 0x10; // inside the first data page's values (the header is ~20 bytes)
        var e = Assert.Throws<ParquetFormatException>(() =>
        {
            using var r = new ParquetFileReader(new MemoryStream(bytes), "f.parquet");
            r.ReadColumn(0);
        });
        Assert.StartsWith("f.parquet: row group 0 column 'x': page 0 fails its CRC-32 check", e.Message);

        // Parquet.Net 6.1 on its own does not check page CRCs: the same bytes decode, silently, to other values.
        await using var plain = await ParquetReader.CreateAsync(new MemoryStream(bytes));
        using var rg = plain.OpenRowGroupReader(0);
        var read = new double[values.Length];
        await rg.ReadRawAsync<double>(plain.Schema.GetDataFields()[0], read.AsMemory(), null, null);
        Assert.NotEqual(values, read);
        Assert.Equal(1, values.Zip(read).Count(p => p.First != p.Second));
    }
}
