namespace AgentSpines.EventLog.Encoding;

/// <summary>
/// Decodes the RLE / bit-packing hybrid into exactly <c>output.Length</c> values. Run counts are clipped to what is
/// still needed and bit-packed runs to the bytes present, so a corrupt header cannot drive work or memory; running
/// out of data before the output is full throws <see cref="ParquetFormatException"/>.
/// </summary>
internal static class RleHybridDecoder
{
    /// <summary>Returns the number of input bytes consumed.</summary>
    public static int Decode(ReadOnlySpan<byte> data, int bitWidth, Span<int> output, string what)
    {
        if (bitWidth is < 0 or > 32) throw new ParquetFormatException($"{what}: bit width {bitWidth} is out of range 0..32");
        int pos = 0, filled = 0, n = output.Length;
        if (bitWidth == 0)
        {
            output.Clear();
            return 0;
        }
        int valueBytes = (bitWidth + 7) / 8;
        uint mask = bitWidth == 32 ? uint.MaxValue : (1u << bitWidth) - 1;
        while (filled < n)
        {
            ulong header = ReadVarUInt(data, ref pos, what);
            if ((header & 1) == 0)
            {
                ulong count = header >> 1;
                if (count == 0) throw new ParquetFormatException($"{what}: empty RLE run");
                if (pos + valueBytes > data.Length) throw new ParquetFormatException($"{what}: RLE run truncated");
                uint v = 0;
                for (int b = 0; b < valueBytes; b++) v |= (uint)data[pos + b] << (8 * b);
                pos += valueBytes;
                int take = (int)Math.Min(count, (ulong)(n - filled));
                output.Slice(filled, take).Fill((int)(v & mask));
                filled += take;
            }
            else
            {
                ulong groups = header >> 1;
                if (groups == 0) throw new ParquetFormatException($"{what}: empty bit-packed run");
                ulong bytesDeclared = groups * (ulong)bitWidth;
                int bytesAvail = (int)Math.Min(bytesDeclared, (ulong)(data.Length - pos));
                long valuesInRun = (long)Math.Min(groups * 8, (ulong)bytesAvail * 8 / (ulong)bitWidth);
                int take = (int)Math.Min(valuesInRun, n - filled);
                if (take == 0) throw new ParquetFormatException($"{what}: bit-packed run truncated");
                Unpack(data.Slice(pos, bytesAvail), bitWidth, mask, output.Slice(filled, take));
                filled += take;
                pos += bytesAvail;
            }
        }
        return pos;
    }

    private static void Unpack(ReadOnlySpan<byte> src, int bitWidth, uint mask, Span<int> dst)
    {
        ulong acc = 0;
        int bits = 0, s = 0;
        for (int i = 0; i < dst.Length; i++)
        {
            while (bits < bitWidth)
            {
                acc |= (ulong)src[s++] << bits;
                bits += 8;
            }
            dst[i] = (int)((uint)acc & mask);
            acc >>= bitWidth;
            bits -= bitWidth;
        }
    }

    private static ulong ReadVarUInt(ReadOnlySpan<byte> data, ref int pos, string what)
    {
        ulong result = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            if (pos >= data.Length) throw new ParquetFormatException($"{what}: RLE/bit-packed data ended early");
            byte b = data[pos++];
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return result;
        }
        throw new ParquetFormatException($"{what}: varint too long in RLE data");
    }
}
