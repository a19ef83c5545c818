using AgentSpines.EventLog.Encoding;
using AgentSpines.EventLog.Thrift;

namespace AgentSpines.EventLog.Format;

/// <summary>
/// PageHeader (1 type, 2 uncompressed_page_size, 3 compressed_page_size, 4 crc, 5 data_page_header, 7 dictionary_page_header,
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
        if (h.Crc is { } crc) w.FieldI32(4, crc);
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
}
