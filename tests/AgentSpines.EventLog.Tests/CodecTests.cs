using AgentSpines.EventLog.Compression;
using AgentSpines.EventLog.Encoding;

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
    public void SnappyRoundTripsAndAgreesWithIronSnappy()
    {
        var rnd = new TestRandom(1);
        foreach (int n in new[] { 0, 1, 14, 15, 16, 100, 65535, 65536, 65537, 200_000 })
            for (int kind = 0; kind < 4; kind++)
            {
                var src = Sample(kind, n, rnd);
                using var buf = new ByteBuffer();
                SnappyEncoder.Encode(src, buf);
                var ours = buf.WrittenSpan.ToArray();
                Assert.Equal(src, IronSnappy.Snappy.Decode(ours));
                var back = new byte[n];
                SnappyDecoder.Decode(ours, back, "test");
                Assert.Equal(src, back);
                var theirs = IronSnappy.Snappy.Encode(src);
                Array.Clear(back);
                SnappyDecoder.Decode(theirs, back, "test");
                Assert.Equal(src, back);
                if (kind == 2 && n > 1000) Assert.True(ours.Length < n / 10, "zeros must compress");
            }
    }

    [Fact]
    public void GzipRoundTripsAndRejectsWrongSizes()
    {
        var src = Sample(3, 50_000, new TestRandom(2));
        using var buf = new ByteBuffer();
        PageCompressor.Compress(ParquetCodec.Gzip, src, buf);
        var gz = buf.WrittenSpan.ToArray();
        var back = new byte[src.Length];
        PageCompressor.Decompress(ParquetCodec.Gzip, gz, 0, gz.Length, back, "test");
        Assert.Equal(src, back);
        Assert.Throws<ParquetFormatException>(() => PageCompressor.Decompress(ParquetCodec.Gzip, gz, 0, gz.Length, new byte[src.Length - 1], "test"));
        Assert.Throws<ParquetFormatException>(() => PageCompressor.Decompress(ParquetCodec.Gzip, gz, 0, gz.Length, new byte[src.Length + 1], "test"));
        Assert.Throws<ParquetFormatException>(() => PageCompressor.Decompress(ParquetCodec.Gzip, gz, 0, gz.Length / 2, back, "test"));
    }

    [Fact]
    public void RleHybridRoundTripsForAllBitWidths()
    {
        var rnd = new TestRandom(3);
        for (int width = 1; width <= 24; width++)
        {
            foreach (int n in new[] { 1, 7, 8, 9, 100, 1000, 5000 })
            {
                int max = (1 << width) - 1;
                var values = new int[n];
                for (int i = 0; i < n; i++)
                    values[i] = rnd.Chance(0.5) && i > 0 ? values[i - 1] : rnd.Next(max + 1); // mix runs and noise
                using var buf = new ByteBuffer();
                RleHybridEncoder.Encode<int>(values, width, buf);
                var back = new int[n];
                int used = RleHybridDecoder.Decode(buf.WrittenSpan, width, back, "test");
                Assert.Equal(values, back);
                Assert.True(used <= buf.Length);
            }
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
    public void RleDecoderRejectsTruncatedInput()
    {
        using var buf = new ByteBuffer();
        RleHybridEncoder.Encode<int>(Enumerable.Range(0, 100).ToArray(), 7, buf);
        var data = buf.WrittenSpan.ToArray();
        Assert.Throws<ParquetFormatException>(() => RleHybridDecoder.Decode(data.AsSpan(0, data.Length / 2), 7, new int[100], "t"));
        Assert.Throws<ParquetFormatException>(() => RleHybridDecoder.Decode(data, 33, new int[100], "t"));
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
