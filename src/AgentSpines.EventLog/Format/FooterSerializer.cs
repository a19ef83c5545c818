using AgentSpines.EventLog.Encoding;
using AgentSpines.EventLog.Thrift;

namespace AgentSpines.EventLog.Format;

/// <summary>
/// FileMetaData (the footer) in the Thrift compact protocol. Field ids follow parquet.thrift:
/// FileMetaData 1 version, 2 schema, 3 num_rows, 4 row_groups, 5 key_value_metadata, 6 created_by, 7 column_orders;
/// SchemaElement 1 type, 2 type_length, 3 repetition_type, 4 name, 5 num_children, 6 converted_type, 10 logicalType;
/// RowGroup 1 columns, 2 total_byte_size, 3 num_rows, 5 file_offset, 6 total_compressed_size, 7 ordinal;
/// ColumnChunk 1 file_path, 2 file_offset, 3 meta_data; ColumnMetaData 1 type, 2 encodings, 3 path_in_schema,
/// 4 codec, 5 num_values, 6 total_uncompressed_size, 7 total_compressed_size, 9 data_page_offset,
/// 11 dictionary_page_offset, 12 statistics.
/// </summary>
internal static class FooterSerializer
{
    public static void Write(ByteBuffer output, FileMetaDataModel m)
    {
        var w = new ThriftCompactWriter(output);
        w.BeginStruct();
        w.FieldI32(1, m.Version);
        w.FieldListBegin(2, CompactType.Struct, m.Schema.Count);
        foreach (var e in m.Schema) WriteSchemaElement(w, e);
        w.FieldI64(3, m.NumRows);
        w.FieldListBegin(4, CompactType.Struct, m.RowGroups.Count);
        foreach (var rg in m.RowGroups) WriteRowGroup(w, rg);
        if (m.KeyValue.Count > 0)
        {
            w.FieldListBegin(5, CompactType.Struct, m.KeyValue.Count);
            foreach (var kv in m.KeyValue)
            {
                w.BeginStruct();
                w.FieldString(1, kv.Key);
                if (kv.Value != null) w.FieldString(2, kv.Value);
                w.EndStruct();
            }
        }
        if (m.CreatedBy != null) w.FieldString(6, m.CreatedBy);
        if (m.ColumnOrderCount > 0)
        {
            w.FieldListBegin(7, CompactType.Struct, m.ColumnOrderCount);
            for (int i = 0; i < m.ColumnOrderCount; i++)
            {
                w.BeginStruct();
                w.FieldEmptyStruct(1); // TYPE_ORDER
                w.EndStruct();
            }
        }
        w.EndStruct();
    }

    private static void WriteSchemaElement(ThriftCompactWriter w, SchemaElementModel e)
    {
        w.BeginStruct();
        if (e.Type.HasValue) w.FieldI32(1, (int)e.Type.Value);
        if (e.TypeLength.HasValue) w.FieldI32(2, e.TypeLength.Value);
        if (e.Repetition.HasValue) w.FieldI32(3, (int)e.Repetition.Value);
        w.FieldString(4, e.Name);
        if (e.NumChildren.HasValue) w.FieldI32(5, e.NumChildren.Value);
        if (e.ConvertedType.HasValue) w.FieldI32(6, e.ConvertedType.Value);
        if (e.Logical is { } lt)
        {
            w.FieldStructBegin(10);
            if (lt.Kind == LogicalKinds.Integer)
            {
                w.FieldStructBegin(10);
                w.FieldI8(1, (sbyte)lt.BitWidth);
                w.FieldBool(2, lt.IsSigned);
                w.EndStruct();
            }
            else w.FieldEmptyStruct((short)lt.Kind);
            w.EndStruct();
        }
        w.EndStruct();
    }

    private static void WriteRowGroup(ThriftCompactWriter w, RowGroupModel rg)
    {
        w.BeginStruct();
        w.FieldListBegin(1, CompactType.Struct, rg.Columns.Count);
        foreach (var c in rg.Columns)
        {
            w.BeginStruct();
            w.FieldI64(2, c.FileOffset);
            var md = c.MetaData!;
            w.FieldStructBegin(3);
            w.FieldI32(1, (int)md.Type);
            w.FieldListBegin(2, CompactType.I32, md.Encodings.Count);
            foreach (var enc in md.Encodings) w.WriteVarInt32(enc);
            w.FieldListBegin(3, CompactType.Binary, md.Path.Count);
            foreach (var p in md.Path) w.WriteString(p);
            w.FieldI32(4, md.Codec);
            w.FieldI64(5, md.NumValues);
            w.FieldI64(6, md.TotalUncompressedSize);
            w.FieldI64(7, md.TotalCompressedSize);
            w.FieldI64(9, md.DataPageOffset);
            if (md.DictionaryPageOffset.HasValue) w.FieldI64(11, md.DictionaryPageOffset.Value);
            if (md.Statistics != null)
            {
                w.FieldStructBegin(12);
                StatisticsSerializer.Write(w, md.Statistics);
                w.EndStruct();
            }
            w.EndStruct();
            w.EndStruct();
        }
        w.FieldI64(2, rg.TotalByteSize);
        w.FieldI64(3, rg.NumRows);
        if (rg.FileOffset.HasValue) w.FieldI64(5, rg.FileOffset.Value);
        if (rg.TotalCompressedSize.HasValue) w.FieldI64(6, rg.TotalCompressedSize.Value);
        if (rg.Ordinal.HasValue) w.FieldI16(7, rg.Ordinal.Value);
        w.EndStruct();
    }
}
