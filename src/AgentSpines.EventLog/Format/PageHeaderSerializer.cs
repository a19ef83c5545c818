using AgentSpines.EventLog.Encoding;
using AgentSpines.EventLog.Thrift;

namespace AgentSpines.EventLog.Format;

/// <summary>
/// PageHeader (1 type, 2 uncompressed_page_size, 3 compressed_page_size, 5 data_page_header, 7 dictionary_page_header,
/// 8 data_page_header_v2) and its nested headers, in the Thrift compact protocol.
/// </summary>
internal static class PageHeaderSerializer
{
    public static void Write(ByteBuffer output, PageHeaderModel h)
    {
        var w = new ThriftCompactWriter(output);
        w.BeginStruct();
        w.FieldI32(1, (int)h.Type);
        w.FieldI32(2, h.UncompressedPageSize);
        w.FieldI32(3, h.CompressedPageSize);
        if (h.DataPage is { } d)
        {
            w.FieldStructBegin(5);
            w.FieldI32(1, d.NumValues);
            w.FieldI32(2, d.Encoding);
            w.FieldI32(3, d.DefinitionLevelEncoding);
            w.FieldI32(4, d.RepetitionLevelEncoding);
            if (d.Statistics != null)
            {
                w.FieldStructBegin(5);
                StatisticsSerializer.Write(w, d.Statistics);
                w.EndStruct();
            }
            w.EndStruct();
        }
        if (h.DictionaryPage is { } dict)
        {
            w.FieldStructBegin(7);
            w.FieldI32(1, dict.NumValues);
            w.FieldI32(2, dict.Encoding);
            if (dict.IsSorted.HasValue) w.FieldBool(3, dict.IsSorted.Value);
            w.EndStruct();
        }
        w.EndStruct();
    }

    /// <summary>Reads one page header starting at <paramref name="offset"/>; returns its size in bytes.</summary>
    public static PageHeaderModel Read(byte[] data, int offset, int length, string what, out int headerSize)
    {
        var r = new ThriftCompactReader(data, offset, length, what);
        var h = new PageHeaderModel();
        bool hasType = false, hasU = false, hasC = false;
        r.BeginStruct();
        while (r.ReadFieldHeader(out var t, out var id))
        {
            switch (id)
            {
                case 1: h.Type = (PageType)r.ReadI32(t); hasType = true; break;
                case 2: h.UncompressedPageSize = r.ReadI32(t); hasU = true; break;
                case 3: h.CompressedPageSize = r.ReadI32(t); hasC = true; break;
                case 5: h.DataPage = ReadDataPageHeader(r, t); break;
                case 7: h.DictionaryPage = ReadDictionaryPageHeader(r, t); break;
                case 8: h.DataPageV2 = ReadDataPageHeaderV2(r, t); break;
                default: r.Skip(t); break;
            }
        }
        r.EndStruct();
        if (!hasType || !hasU || !hasC) throw r.Error("page header lacks a required field");
        if (h.UncompressedPageSize < 0 || h.CompressedPageSize < 0) throw r.Error("negative page size");
        headerSize = r.Position - offset;
        return h;
    }

    private static void ExpectStruct(ThriftCompactReader r, CompactType t)
    {
        if (t != CompactType.Struct) throw r.Error($"expected a struct, found Thrift type {t}");
    }

    private static DataPageHeaderModel ReadDataPageHeader(ThriftCompactReader r, CompactType t)
    {
        ExpectStruct(r, t);
        var d = new DataPageHeaderModel();
        r.BeginStruct();
        while (r.ReadFieldHeader(out var ft, out var id))
        {
            switch (id)
            {
                case 1: d.NumValues = r.ReadI32(ft); break;
                case 2: d.Encoding = r.ReadI32(ft); break;
                case 3: d.DefinitionLevelEncoding = r.ReadI32(ft); break;
                case 4: d.RepetitionLevelEncoding = r.ReadI32(ft); break;
                case 5: ExpectStruct(r, ft); d.Statistics = StatisticsSerializer.Read(r); break;
                default: r.Skip(ft); break;
            }
        }
        r.EndStruct();
        if (d.NumValues < 0) throw r.Error("negative value count in data page header");
        return d;
    }

    private static DictionaryPageHeaderModel ReadDictionaryPageHeader(ThriftCompactReader r, CompactType t)
    {
        ExpectStruct(r, t);
        var d = new DictionaryPageHeaderModel();
        r.BeginStruct();
        while (r.ReadFieldHeader(out var ft, out var id))
        {
            switch (id)
            {
                case 1: d.NumValues = r.ReadI32(ft); break;
                case 2: d.Encoding = r.ReadI32(ft); break;
                case 3: d.IsSorted = r.ReadBool(ft); break;
                default: r.Skip(ft); break;
            }
        }
        r.EndStruct();
        if (d.NumValues < 0) throw r.Error("negative value count in dictionary page header");
        return d;
    }

    private static DataPageHeaderV2Model ReadDataPageHeaderV2(ThriftCompactReader r, CompactType t)
    {
        ExpectStruct(r, t);
        var d = new DataPageHeaderV2Model();
        r.BeginStruct();
        while (r.ReadFieldHeader(out var ft, out var id))
        {
            switch (id)
            {
                case 1: d.NumValues = r.ReadI32(ft); break;
                case 2: d.NumNulls = r.ReadI32(ft); break;
                case 3: d.NumRows = r.ReadI32(ft); break;
                case 4: d.Encoding = r.ReadI32(ft); break;
                case 5: d.DefinitionLevelsByteLength = r.ReadI32(ft); break;
                case 6: d.RepetitionLevelsByteLength = r.ReadI32(ft); break;
                case 7: d.IsCompressed = r.ReadBool(ft); break;
                default: r.Skip(ft); break;
            }
        }
        r.EndStruct();
        if (d.NumValues < 0 || d.NumNulls < 0 || d.NumNulls > d.NumValues || d.DefinitionLevelsByteLength < 0 || d.RepetitionLevelsByteLength < 0)
            throw r.Error("inconsistent counts in data page v2 header");
        return d;
    }
}
