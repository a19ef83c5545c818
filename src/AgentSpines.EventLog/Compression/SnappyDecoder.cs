namespace AgentSpines.EventLog.Compression;

/// <summary>
/// Decodes a raw Snappy block (varint uncompressed length, then literal and copy elements) into a buffer of exactly
/// the expected size. Written for the reader so that every length and offset is checked: corrupt input throws
/// <see cref="ParquetFormatException"/> and never reads or writes out of bounds.
/// </summary>
internal static class SnappyDecoder
{
    public static void Decode(ReadOnlySpan<byte> src, Span<byte> dst, string what)
    {
        int s = 0;
        ulong declared = 0;
        for (int shift = 0; ; shift += 7)
        {
            if (shift > 28 || s >= src.Length) throw Corrupt(what, "bad length preamble");
            byte b = src[s++];
            declared |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) break;
        }
        if (declared != (ulong)dst.Length)
            throw Corrupt(what, $"block holds {declared} bytes but the page header says {dst.Length}");
        int d = 0;
        while (s < src.Length)
        {
            byte tag = src[s++];
            int kind = tag & 3;
            if (kind == 0)
            {
                int len = tag >> 2;
                if (len >= 60)
                {
                    int extra = len - 59;
                    if (s + extra > src.Length) throw Corrupt(what, "literal length truncated");
                    len = 0;
                    for (int i = 0; i < extra; i++) len |= src[s + i] << (8 * i);
                    s += extra;
                    if (len < 0) throw Corrupt(what, "literal too long");
                }
                long litLen = (long)len + 1;
                if (litLen > src.Length - s || litLen > dst.Length - d) throw Corrupt(what, "literal overruns the block");
                src.Slice(s, (int)litLen).CopyTo(dst[d..]);
                s += (int)litLen;
                d += (int)litLen;
                continue;
            }
            int length, offset;
            if (kind == 1)
            {
                if (s >= src.Length) throw Corrupt(what, "copy truncated");
                length = 4 + ((tag >> 2) & 7);
                offset = ((tag >> 5) << 8) | src[s++];
            }
            else if (kind == 2)
            {
                if (s + 2 > src.Length) throw Corrupt(what, "copy truncated");
                length = 1 + (tag >> 2);
                offset = src[s] | (src[s + 1] << 8);
                s += 2;
            }
            else
            {
                if (s + 4 > src.Length) throw Corrupt(what, "copy truncated");
                length = 1 + (tag >> 2);
                offset = src[s] | (src[s + 1] << 8) | (src[s + 2] << 16) | (src[s + 3] << 24);
                s += 4;
            }
            if (offset <= 0 || offset > d) throw Corrupt(what, "copy offset outside the output");
            if (length > dst.Length - d) throw Corrupt(what, "copy overruns the block");
            if (offset >= length) dst.Slice(d - offset, length).CopyTo(dst[d..]);
            else for (int i = 0; i < length; i++) dst[d + i] = dst[d - offset + i]; // overlapping copy repeats a pattern
            d += length;
        }
        if (d != dst.Length) throw Corrupt(what, $"block decodes to {d} bytes, expected {dst.Length}");
    }

    private static ParquetFormatException Corrupt(string what, string detail) => new($"{what}: corrupt Snappy data ({detail})");
}
