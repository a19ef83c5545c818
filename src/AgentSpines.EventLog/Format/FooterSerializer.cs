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

    public static FileMetaDataModel Read(byte[] data, int offset, int length, string what)
    {
        var r = new ThriftCompactReader(data, offset, length, what);
        var m = new FileMetaDataModel();
        bool hasSchema = false, hasRows = false, hasGroups = false;
        r.BeginStruct();
        while (r.ReadFieldHeader(out var t, out var id))
        {
            switch (id)
            {
                case 1: m.Version = r.ReadI32(t); break;
                case 2:
                    {
                        int n = r.ReadListHeader(t, out var et);
                        ExpectStruct(r, et);
                        for (int i = 0; i < n; i++) m.Schema.Add(ReadSchemaElement(r));
                        hasSchema = true;
                        break;
                    }
                case 3: m.NumRows = r.ReadI64(t); hasRows = true; break;
                case 4:
                    {
                        int n = r.ReadListHeader(t, out var et);
                        ExpectStruct(r, et);
                        for (int i = 0; i < n; i++) m.RowGroups.Add(ReadRowGroup(r));
                        hasGroups = true;
                        break;
                    }
                case 5:
                    {
                        int n = r.ReadListHeader(t, out var et);
                        ExpectStruct(r, et);
                        for (int i = 0; i < n; i++) m.KeyValue.Add(ReadKeyValue(r));
                        break;
                    }
                case 6: m.CreatedBy = r.ReadString(t); break;
                case 7:
                    {
                        int n = r.ReadListHeader(t, out var et);
                        for (int i = 0; i < n; i++) r.SkipElement(et);
                        m.ColumnOrderCount = n;
                        break;
                    }
                default: r.Skip(t); break;
            }
        }
        r.EndStruct();
        if (!hasSchema || !hasRows || !hasGroups) throw r.Error("footer lacks schema, num_rows or row_groups");
        return m;
    }

    private static void ExpectStruct(ThriftCompactReader r, CompactType t)
    {
        if (t != CompactType.Struct) throw r.Error($"expected a struct, found Thrift type {t}");
    }

    private static KeyValuePair<string, string?> ReadKeyValue(ThriftCompactReader r)
    {
        string? key = null, value = null;
        r.BeginStruct();
        while (r.ReadFieldHeader(out var t, out var id))
        {
            if (id == 1) key = r.ReadString(t);
            else if (id == 2) value = r.ReadString(t);
            else r.Skip(t);
        }
        r.EndStruct();
        if (key == null) throw r.Error("key-value metadata entry without a key");
        return new(key, value);
    }

    private static SchemaElementModel ReadSchemaElement(ThriftCompactReader r)
    {
        var e = new SchemaElementModel();
        bool hasName = false;
        r.BeginStruct();
        while (r.ReadFieldHeader(out var t, out var id))
        {
            switch (id)
            {
                case 1: e.Type = (PhysicalType)r.ReadI32(t); break;
                case 2: e.TypeLength = r.ReadI32(t); break;
                case 3: e.Repetition = (Repetition)r.ReadI32(t); break;
                case 4: e.Name = r.ReadString(t); hasName = true; break;
                case 5: e.NumChildren = r.ReadI32(t); break;
                case 6: e.ConvertedType = r.ReadI32(t); break;
                case 10: ExpectStruct(r, t); e.Logical = ReadLogicalType(r); break;
                default: r.Skip(t); break;
            }
        }
        r.EndStruct();
        if (!hasName) throw r.Error("schema element without a name");
        return e;
    }

    private static LogicalTypeModel? ReadLogicalType(ThriftCompactReader r)
    {
        LogicalTypeModel? lt = null;
        r.BeginStruct();
        while (r.ReadFieldHeader(out var t, out var id))
        {
            if (id == LogicalKinds.Integer)
            {
                ExpectStruct(r, t);
                lt = new LogicalTypeModel { Kind = id };
                r.BeginStruct();
                while (r.ReadFieldHeader(out var ft, out var fid))
                {
                    if (fid == 1) lt.BitWidth = r.ReadI32(ft);
                    else if (fid == 2) lt.IsSigned = r.ReadBool(ft);
                    else r.Skip(ft);
                }
                r.EndStruct();
            }
            else
            {
                lt = new LogicalTypeModel { Kind = id };
                r.Skip(t);
            }
        }
        r.EndStruct();
        return lt;
    }

    private static RowGroupModel ReadRowGroup(ThriftCompactReader r)
    {
        var rg = new RowGroupModel();
        r.BeginStruct();
        while (r.ReadFieldHeader(out var t, out var id))
        {
            switch (id)
            {
                case 1:
                    {
                        int n = r.ReadListHeader(t, out var et);
                        ExpectStruct(r, et);
                        for (int i = 0; i < n; i++) rg.Columns.Add(ReadColumnChunk(r));
                        break;
                    }
                case 2: rg.TotalByteSize = r.ReadI64(t); break;
                case 3: rg.NumRows = r.ReadI64(t); break;
                case 5: rg.FileOffset = r.ReadI64(t); break;
                case 6: rg.TotalCompressedSize = r.ReadI64(t); break;
                case 7: rg.Ordinal = (short)r.ReadI32(t); break;
                default: r.Skip(t); break;
            }
        }
        r.EndStruct();
        return rg;
    }

    private static ColumnChunkModel ReadColumnChunk(ThriftCompactReader r)
    {
        var c = new ColumnChunkModel();
        r.BeginStruct();
        while (r.ReadFieldHeader(out var t, out var id))
        {
            switch (id)
            {
                case 1: c.FilePath = r.ReadString(t); break;
                case 2: c.FileOffset = r.ReadI64(t); break;
                case 3: ExpectStruct(r, t); c.MetaData = ReadColumnMetaData(r); break;
                default: r.Skip(t); break;
            }
        }
        r.EndStruct();
        return c;
    }

    private static ColumnMetaDataModel ReadColumnMetaData(ThriftCompactReader r)
    {
        var md = new ColumnMetaDataModel();
        r.BeginStruct();
        while (r.ReadFieldHeader(out var t, out var id))
        {
            switch (id)
            {
                case 1: md.Type = (PhysicalType)r.ReadI32(t); break;
                case 2:
                    {
                        int n = r.ReadListHeader(t, out var et);
                        for (int i = 0; i < n; i++) md.Encodings.Add(r.ReadI32(et));
                        break;
                    }
                case 3:
                    {
                        int n = r.ReadListHeader(t, out var et);
                        for (int i = 0; i < n; i++) md.Path.Add(r.ReadString(et));
                        break;
                    }
                case 4: md.Codec = r.ReadI32(t); break;
                case 5: md.NumValues = r.ReadI64(t); break;
                case 6: md.TotalUncompressedSize = r.ReadI64(t); break;
                case 7: md.TotalCompressedSize = r.ReadI64(t); break;
                case 9: md.DataPageOffset = r.ReadI64(t); break;
                case 11: md.DictionaryPageOffset = r.ReadI64(t); break;
                case 12: ExpectStruct(r, t); md.Statistics = StatisticsSerializer.Read(r); break;
                default: r.Skip(t); break;
            }
        }
        r.EndStruct();
        return md;
    }
}
