namespace AgentSpines.EventLog.Encoding;

/// <summary>PLAIN encodings that are not a plain memory copy: booleans (bit-packed, LSB first) and UTF-8 byte arrays.</summary>
internal static class PlainEncoder
{
    public static void WriteBooleans(ReadOnlySpan<bool> values, ByteBuffer output)
    {
        int bytes = (values.Length + 7) / 8;
        var dst = output.GetSpan(bytes);
        dst[..bytes].Clear();
        for (int i = 0; i < values.Length; i++)
            if (values[i]) dst[i >> 3] |= (byte)(1 << (i & 7));
        output.Advance(bytes);
    }

    /// <summary>4-byte little-endian length, then the UTF-8 bytes.</summary>
    public static void WriteString(string value, ByteBuffer output)
    {
        var span = output.GetSpan(4 + System.Text.Encoding.UTF8.GetMaxByteCount(value.Length));
        int n = System.Text.Encoding.UTF8.GetBytes(value, span[4..]);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(span, n);
        output.Advance(4 + n);
    }
}
