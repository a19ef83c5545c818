using AgentSpines.EventLog.Encoding;
using ZstdSharp;

namespace AgentSpines.EventLog.Compression;

/// <summary>
/// ZSTD page compression (ZstdSharp.Port). Level 1 is zstd's fastest standard level: the library's default level
/// (3) is several times slower here for a few percent of size, and the event log is written on the simulation's
/// critical path. One compressor per thread, because a compressor holds mutable state.
/// </summary>
internal static class ZstdPageCodec
{
    public const int Level = 1;

    [ThreadStatic] private static Compressor? _compressor;

    public static void Compress(ReadOnlySpan<byte> src, ByteBuffer dst)
    {
        var c = _compressor ??= new Compressor(Level);
        int bound = Compressor.GetCompressBound(src.Length);
        int written = c.Wrap(src, dst.GetSpan(bound));
        dst.Advance(written);
    }
}
