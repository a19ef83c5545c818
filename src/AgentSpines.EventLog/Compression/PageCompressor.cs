using System.IO.Compression;
using AgentSpines.EventLog.Encoding;

namespace AgentSpines.EventLog.Compression;

/// <summary>Compresses and decompresses page payloads for the codecs this library supports.</summary>
internal static class PageCompressor
{
    /// <summary>Appends the compressed form of <paramref name="src"/> to <paramref name="dst"/>.</summary>
    public static void Compress(ParquetCodec codec, ReadOnlySpan<byte> src, ByteBuffer dst)
    {
        switch (codec)
        {
            case ParquetCodec.Uncompressed:
                dst.Write(src);
                break;
            case ParquetCodec.Snappy:
                SnappyEncoder.Encode(src, dst);
                break;
            case ParquetCodec.Gzip:
                using (var gz = new GZipStream(new ByteBufferStream(dst), CompressionLevel.Fastest, leaveOpen: false))
                    gz.Write(src);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(codec), codec, "unsupported codec");
        }
    }

    /// <summary>Decompresses into exactly <paramref name="dst"/>; any mismatch or corruption is a format error.</summary>
    public static void Decompress(ParquetCodec codec, byte[] srcArray, int srcOffset, int srcLength, Span<byte> dst, string what)
    {
        var src = srcArray.AsSpan(srcOffset, srcLength);
        switch (codec)
        {
            case ParquetCodec.Uncompressed:
                if (src.Length != dst.Length) throw new ParquetFormatException($"{what}: uncompressed page is {src.Length} bytes but its header says {dst.Length}");
                src.CopyTo(dst);
                break;
            case ParquetCodec.Snappy:
                SnappyDecoder.Decode(src, dst, what);
                break;
            case ParquetCodec.Gzip:
                GunzipExactly(srcArray, srcOffset, srcLength, dst, what);
                break;
            default:
                throw new ParquetFormatException($"{what}: codec {codec} is not supported (use SNAPPY, GZIP or UNCOMPRESSED)");
        }
    }

    private static void GunzipExactly(byte[] src, int offset, int length, Span<byte> dst, string what)
    {
        try
        {
            {
                using var ms = new MemoryStream(src, offset, length, writable: false);
                using var gz = new GZipStream(ms, CompressionMode.Decompress);
                int total = 0;
                while (total < dst.Length)
                {
                    int n = gz.Read(dst[total..]);
                    if (n == 0) break;
                    total += n;
                }
                Span<byte> probe = stackalloc byte[1];
                if (total != dst.Length || gz.Read(probe) != 0)
                    throw new ParquetFormatException($"{what}: GZIP data does not decompress to the {dst.Length} bytes the page header says");
            }
        }
        catch (InvalidDataException e)
        {
            throw new ParquetFormatException($"{what}: corrupt GZIP data ({e.Message})", e);
        }
    }
}
