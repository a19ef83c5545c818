using System.IO.Compression;
using AgentSpines.EventLog.Encoding;
using AgentSpines.EventLog.Format;

namespace AgentSpines.EventLog.Compression;

/// <summary>Compresses page payloads for the codecs this writer supports (reading is Parquet.Net's).</summary>
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
            case ParquetCodec.Zstd:
                ZstdPageCodec.Compress(src, dst);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(codec), codec, "unsupported codec");
        }
    }
}
