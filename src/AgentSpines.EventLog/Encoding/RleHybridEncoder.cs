using System.Numerics;

namespace AgentSpines.EventLog.Encoding;

/// <summary>
/// The RLE / bit-packing hybrid of the Parquet spec, used for definition levels and dictionary indices.
/// A run of at least 8 equal values becomes an RLE run (header = count &lt;&lt; 1, then the value in
/// ceil(bitWidth/8) little-endian bytes); anything else is bit-packed in groups of 8 (header = groups &lt;&lt; 1 | 1,
/// values packed LSB first). Equal runs are found with vectorised span searches, so all-defined levels or long
/// repeats cost almost nothing.
/// </summary>
internal static class RleHybridEncoder
{
    private const int MaxGroupsPerRun = 63; // keeps every bit-packed header to one byte

    public static void Encode<T>(ReadOnlySpan<T> values, int bitWidth, ByteBuffer output)
        where T : unmanaged, IBinaryInteger<T>
    {
        int n = values.Length;
        int valueBytes = (bitWidth + 7) / 8;
        int i = 0;
        while (i < n)
        {
            T v = values[i];
            int run = values[i..].IndexOfAnyExcept(v);
            if (run < 0) run = n - i;
            if (run >= 8)
            {
                output.WriteVarUInt64((ulong)run << 1);
                uint u = uint.CreateTruncating(v);
                var span = output.GetSpan(4);
                for (int b = 0; b < valueBytes; b++) span[b] = (byte)(u >> (8 * b));
                output.Advance(valueBytes);
                i += run;
                continue;
            }
            // Bit-packed groups until an 8-long run starts at a group boundary (or the data ends).
            int groups = 0, pos = i;
            while (pos < n && groups < MaxGroupsPerRun)
            {
                if (groups > 0 && pos + 8 <= n && values.Slice(pos, 8).IndexOfAnyExcept(values[pos]) < 0) break;
                pos += 8;
                groups++;
            }
            output.WriteByte((byte)((groups << 1) | 1));
            var dst = output.GetSpan(groups * bitWidth);
            PackGroups(values, i, groups, n, bitWidth, dst);
            output.Advance(groups * bitWidth);
            i = Math.Min(pos, n);
        }
    }

    /// <summary>Packs groups of 8 values starting at <paramref name="start"/>; positions at or past n count as 0.</summary>
    private static void PackGroups<T>(ReadOnlySpan<T> values, int start, int groups, int n, int bitWidth, Span<byte> dst)
        where T : unmanaged, IBinaryInteger<T>
    {
        ulong acc = 0;
        int bits = 0, o = 0, end = start + groups * 8;
        for (int p = start; p < end; p++)
        {
            ulong u = p < n ? uint.CreateTruncating(values[p]) : 0u;
            acc |= u << bits;
            bits += bitWidth;
            while (bits >= 8)
            {
                dst[o++] = (byte)acc;
                acc >>= 8;
                bits -= 8;
            }
        }
    }

    /// <summary>Bits needed for values in [0, maxValue].</summary>
    public static int BitWidth(int maxValue) => maxValue <= 0 ? 0 : 32 - BitOperations.LeadingZeroCount((uint)maxValue);
}
