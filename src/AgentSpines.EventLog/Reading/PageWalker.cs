using System.IO.Hashing;

namespace AgentSpines.EventLog.Reading;

/// <summary>
/// Walks the pages of one column chunk before Parquet.Net decodes it: every page header must parse within bounds,
/// every page must fit in the chunk and claim a plausible uncompressed size, the data pages must hold exactly the
/// chunk's value count, and where a page carries a CRC (parquet.thrift PageHeader field 4: CRC-32 of the page bytes
/// as written, after compression) it must match. Parquet.Net 6.1 reads the CRC field but does not check it.
/// </summary>
internal static class PageWalker
{
    public readonly record struct Summary(int Pages, int PagesWithCrc);

    public static Summary Check(byte[] chunk, long expectedValues, string what)
    {
        ParquetFormatException Error(string m) => new($"{what}: {m}");
        int pos = 0, pages = 0, withCrc = 0;
        long values = 0;
        bool sawData = false;
        while (values < expectedValues)
        {
            if (pos >= chunk.Length) throw Error($"column chunk ends after {values} of {expectedValues} values");
            var h = ThriftSkim.ReadStruct(chunk, pos, chunk.Length - pos, $"{what}: page header", out int headerBytes);
            pos += headerBytes;
            long type = h.Int(1) ?? throw Error("page header lacks its type");
            long uncompressed = h.Int(2) ?? -1, compressed = h.Int(3) ?? -1;
            if (compressed < 0 || uncompressed < 0) throw Error("page header lacks its sizes");
            if (compressed > chunk.Length - pos) throw Error($"page of {compressed} bytes overruns the column chunk");
            if (uncompressed > ReadLimits.MaxPageBytes || uncompressed > Math.Max(ReadLimits.SmallPageBytes, compressed * ReadLimits.MaxCompressionRatio))
                throw Error($"page claims {uncompressed} bytes from {compressed} compressed bytes");
            if (h.Int(4) is long crc)
            {
                uint actual = Crc32.HashToUInt32(chunk.AsSpan(pos, (int)compressed));
                if (actual != unchecked((uint)(int)crc))
                    throw Error($"page {pages} fails its CRC-32 check (stored {unchecked((uint)(int)crc):x8}, computed {actual:x8}): the file is damaged");
                withCrc++;
            }
            switch (type)
            {
                case 0 or 3: // DATA_PAGE, DATA_PAGE_V2
                    long n = h.Struct(type == 0 ? (short)5 : (short)8)?.Int(1) ?? throw Error("data page without its header");
                    if (n < 0 || n > expectedValues - values) throw Error($"data pages hold more values than the chunk's {expectedValues}");
                    values += n;
                    sawData = true;
                    break;
                case 2: // DICTIONARY_PAGE
                    if (sawData) throw Error("dictionary page after a data page");
                    long d = h.Struct(7)?.Int(1) ?? throw Error("dictionary page without its header");
                    if (d < 0 || d > uncompressed * 8 + 8) throw Error($"dictionary claims {d} values in {uncompressed} bytes");
                    break;
                default:
                    break; // index pages are skipped by readers
            }
            pos += (int)compressed;
            pages++;
        }
        return new Summary(pages, withCrc);
    }
}
