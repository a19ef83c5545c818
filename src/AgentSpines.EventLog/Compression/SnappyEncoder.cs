using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using AgentSpines.EventLog.Encoding;

namespace AgentSpines.EventLog.Compression;

/// <summary>
/// Raw Snappy block compressor writing straight into a pooled <see cref="ByteBuffer"/> (no per-page arrays).
/// Greedy LZ77 over 64 KiB fragments: a hash table of 4-byte sequences finds candidates, matches are extended
/// 8 bytes at a time, and the search step grows on incompressible data so such pages cost little.
/// Output is standard Snappy (literal, 1-byte-offset and 2-byte-offset copy elements).
/// </summary>
internal static class SnappyEncoder
{
    private const int FragmentSize = 1 << 16;
    private const int HashBits = 14;
    private const int InputMargin = 15;

    [ThreadStatic] private static ushort[]? _table;

    public static void Encode(ReadOnlySpan<byte> src, ByteBuffer dst)
    {
        dst.WriteVarUInt64((ulong)src.Length);
        var table = _table ??= new ushort[1 << HashBits];
        for (int start = 0; start < src.Length; start += FragmentSize)
        {
            var frag = src.Slice(start, Math.Min(FragmentSize, src.Length - start));
            // Worst case per fragment: all literal, plus a few tag bytes.
            var outSpan = dst.GetSpan(frag.Length + frag.Length / 6 + 16);
            int written = CompressFragment(frag, outSpan, table);
            dst.Advance(written);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Load32(ref byte b, int i) => Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref b, i));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Load64(ref byte b, int i) => Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref b, i));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Hash(uint v) => (int)((v * 0x1e35a7bdu) >> (32 - HashBits));

    private static int CompressFragment(ReadOnlySpan<byte> frag, Span<byte> output, ushort[] table)
    {
        int n = frag.Length;
        int o = 0;
        if (n < InputMargin)
        {
            return EmitLiteral(frag, output, 0);
        }
        Array.Clear(table);
        ref byte b = ref MemoryMarshal.GetReference(frag);
        int ipLimit = n - InputMargin;
        int nextEmit = 0;
        int ip = 1;
        while (true)
        {
            int skip = 32;
            int nextIp = ip;
            int candidate;
            do
            {
                ip = nextIp;
                int step = skip++ >> 5;
                nextIp = ip + step;
                if (nextIp > ipLimit) goto EmitRemainder;
                int h = Hash(Load32(ref b, ip));
                candidate = table[h];
                table[h] = (ushort)ip;
            } while (Load32(ref b, ip) != Load32(ref b, candidate));

            o = EmitLiteral(frag[nextEmit..ip], output, o);
            do
            {
                int start = ip;
                int matched = 4 + MatchLength(ref b, candidate + 4, ip + 4, n);
                ip += matched;
                o = EmitCopy(start - candidate, matched, output, o);
                nextEmit = ip;
                if (ip >= ipLimit) goto EmitRemainder;
                table[Hash(Load32(ref b, ip - 1))] = (ushort)(ip - 1);
                int h = Hash(Load32(ref b, ip));
                candidate = table[h];
                table[h] = (ushort)ip;
            } while (Load32(ref b, ip) == Load32(ref b, candidate));
            ip++;
        }
    EmitRemainder:
        if (nextEmit < n) o = EmitLiteral(frag[nextEmit..], output, o);
        return o;
    }

    private static int MatchLength(ref byte b, int s1, int s2, int limit)
    {
        int matched = 0;
        while (s2 + 8 <= limit)
        {
            ulong x = Load64(ref b, s1) ^ Load64(ref b, s2);
            if (x != 0) return matched + (BitOperations.TrailingZeroCount(x) >> 3);
            s1 += 8;
            s2 += 8;
            matched += 8;
        }
        while (s2 < limit && Unsafe.Add(ref b, s1) == Unsafe.Add(ref b, s2))
        {
            s1++;
            s2++;
            matched++;
        }
        return matched;
    }

    private static int EmitLiteral(ReadOnlySpan<byte> literal, Span<byte> output, int o)
    {
        int len = literal.Length;
        if (len == 0) return o;
        int n = len - 1;
        if (n < 60) output[o++] = (byte)(n << 2);
        else if (n < 1 << 8)
        {
            output[o++] = 60 << 2;
            output[o++] = (byte)n;
        }
        else
        {
            output[o++] = 61 << 2;
            output[o++] = (byte)n;
            output[o++] = (byte)(n >> 8);
        }
        literal.CopyTo(output[o..]);
        return o + len;
    }

    private static int EmitCopy(int offset, int length, Span<byte> output, int o)
    {
        while (length >= 68)
        {
            o = EmitCopyUpTo64(offset, 64, output, o);
            length -= 64;
        }
        if (length > 64)
        {
            o = EmitCopyUpTo64(offset, 60, output, o);
            length -= 60;
        }
        return EmitCopyUpTo64(offset, length, output, o);
    }

    private static int EmitCopyUpTo64(int offset, int length, Span<byte> output, int o)
    {
        if (length < 12 && offset < 2048)
        {
            output[o++] = (byte)(1 | ((length - 4) << 2) | ((offset >> 8) << 5));
            output[o++] = (byte)offset;
        }
        else
        {
            output[o++] = (byte)(2 | ((length - 1) << 2));
            output[o++] = (byte)offset;
            output[o++] = (byte)(offset >> 8);
        }
        return o;
    }
}
