using AgentSpines.EventLog.Reading;
using AgentSpines.EventLog.Schema;
using AgentSpines.EventLog.Writing;
using AgentSpines.EventLog.Format;
namespace AgentSpines.EventLog.Tests;

public class RoundTripTests
{
    public static TheoryData<ColumnType, bool, bool, ParquetCodec> Cases()
    {
        var data = new TheoryData<ColumnType, bool, bool, ParquetCodec>();
        foreach (var t in Enum.GetValues<ColumnType>())
            foreach (bool optional in new[] { false, true })
                foreach (bool dict in new[] { false, true })
                    foreach (var codec in Enum.GetValues<ParquetCodec>())
                        data.Add(t, optional, dict, codec);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void EveryTypeNullabilityDictionaryAndCodecRoundTrips(ColumnType type, bool optional, bool dictionary, ParquetCodec codec)
    {
        using var dir = new TempDir();
        var schema = new TableSchema("t",
            new ColumnSpec("v", type, optional, dictionary, Unit: "um"),
            new ColumnSpec("low", type, optional, dictionary),
            ColumnSpec.Int64("row"));
        var rows = 3000;
        var data = TableData.Random(schema, rows, seed: (ulong)(type + 1) * 977 + (optional ? 1u : 0) * 31 + (dictionary ? 7u : 0) + (ulong)codec);
        var low = TableData.Random(new TableSchema("l", schema.Columns[1]), rows, seed: 5, cardinality: 7);
        data.Columns[1] = low.Columns[0];
        for (int r = 0; r < rows; r++) data.Columns[2][r] = (long)r;
        var path = data.WriteFile(dir.File("x.parquet"), new ParquetWriterOptions { Codec = codec, RowGroupRows = 1000, DataPageBytes = 2048 });
        using var reader = ParquetFileReader.Open(path);
        data.AssertEqualTo(reader);
        Assert.Equal(3, reader.Info.RowGroups.Count);
        Assert.All(reader.Info.RowGroups.SelectMany(g => g.Columns), c => Assert.Equal(codec, c.Codec));
        bool lowUsesDictionary = reader.Info.RowGroups[0].Columns[1].Encodings.Contains(ParquetEncoding.RleDictionary);
        Assert.Equal(dictionary && type != ColumnType.Boolean, lowUsesDictionary);
    }

    [Fact]
    public void EmptyFileHasSchemaAndNoRowGroups()
    {
        using var dir = new TempDir();
        var schema = new TableSchema("t", ColumnSpec.Double("x", unit: "h"), ColumnSpec.String("s", optional: true, dictionary: true));
        var path = dir.File("e.parquet");
        ParquetFileWriter.Create(path, schema).Dispose();
        using var r = ParquetFileReader.Open(path);
        Assert.Equal(0, r.Info.RowCount);
        Assert.Empty(r.Info.RowGroups);
        Assert.Equal(["x", "s"], r.Schema.Columns.Select(c => c.Name));
        Assert.Equal("h", r.Schema.Columns[0].Unit);
        Assert.Empty(r.ReadRows());
    }

    [Fact]
    public void AllNullColumnRoundTrips()
    {
        using var dir = new TempDir();
        var schema = new TableSchema("t", ColumnSpec.Double("x", optional: true), ColumnSpec.String("s", optional: true, dictionary: true), ColumnSpec.Int32("k"));
        var path = dir.File("n.parquet");
        using (var w = ParquetFileWriter.Create(path, schema))
            for (int i = 0; i < 5000; i++) { w.SetInt32(2, i); w.EndRow(); }
        using var r = ParquetFileReader.Open(path);
        var x = r.ReadColumn("x");
        Assert.All(Enumerable.Range(0, 5000), i => Assert.True(x.IsNull(i)));
        var st = r.Info.RowGroups[0].Columns[0].Statistics!;
        Assert.Equal(5000, st.NullCount);
        Assert.Null(st.Min);
        Assert.Equal(4999, r.ReadColumn("k").ValuesAs<int>()[4999]);
    }

    [Fact]
    public void DictionaryFallsBackToPlainWhenTooLarge()
    {
        using var dir = new TempDir();
        var schema = new TableSchema("t", ColumnSpec.String("s", dictionary: true), ColumnSpec.Int64("i", dictionary: true));
        var data = TableData.Random(schema, 4000, seed: 11, cardinality: 3000);
        var path = data.WriteFile(dir.File("f.parquet"), new ParquetWriterOptions { DictionaryMaxEntries = 100 });
        using var r = ParquetFileReader.Open(path);
        data.AssertEqualTo(r);
        Assert.All(r.Info.RowGroups[0].Columns, c =>
        {
            Assert.DoesNotContain(ParquetEncoding.RleDictionary, c.Encodings);
            Assert.False(c.HasDictionaryPage);
        });

        var small = TableData.Random(schema, 4000, seed: 12, cardinality: 50);
        var path2 = small.WriteFile(dir.File("g.parquet"), new ParquetWriterOptions { DictionaryMaxEntries = 100 });
        using var r2 = ParquetFileReader.Open(path2);
        small.AssertEqualTo(r2);
        Assert.All(r2.Info.RowGroups[0].Columns, c => Assert.Contains(ParquetEncoding.RleDictionary, c.Encodings));
    }

    [Fact]
    public void DictionaryByteLimitAlsoForcesPlain()
    {
        using var dir = new TempDir();
        var schema = new TableSchema("t", ColumnSpec.String("s", dictionary: true));
        var data = new TableData(schema, [Enumerable.Range(0, 2000).Select(i => (object?)new string((char)('a' + i % 20), 200)).ToArray()]);
        var path = data.WriteFile(dir.File("b.parquet"), new ParquetWriterOptions { DictionaryMaxBytes = 1000 });
        using var r = ParquetFileReader.Open(path);
        data.AssertEqualTo(r);
        Assert.DoesNotContain(ParquetEncoding.RleDictionary, r.Info.RowGroups[0].Columns[0].Encodings);
    }

    [Fact]
    public void ManyRowGroupsAndPagesRoundTrip()
    {
        using var dir = new TempDir();
        var schema = new TableSchema("t",
            ColumnSpec.Double("d", optional: true), ColumnSpec.Int32("i", unsigned: true), ColumnSpec.Boolean("b", optional: true),
            ColumnSpec.String("s", dictionary: true), ColumnSpec.Float("f"), ColumnSpec.Int64("l", optional: true, dictionary: true));
        var data = TableData.Random(schema, 50_000, seed: 99);
        foreach (bool parallel in new[] { true, false })
        {
            var path = data.WriteFile(dir.File($"m{parallel}.parquet"), new ParquetWriterOptions { RowGroupRows = 7_000, DataPageBytes = 4096, Parallel = parallel });
            using var r = ParquetFileReader.Open(path);
            Assert.Equal(8, r.Info.RowGroups.Count);
            Assert.Equal(50_000, r.Info.RowGroups.Sum(g => g.Rows));
            data.AssertEqualTo(r);
        }
        Assert.Equal(File.ReadAllBytes(dir.File("mTrue.parquet")), File.ReadAllBytes(dir.File("mFalse.parquet")));
    }

    [Fact]
    public void ReadRowsGivesObjectsInSchemaOrder()
    {
        using var dir = new TempDir();
        var schema = new TableSchema("t", ColumnSpec.Int32("a", unsigned: true), ColumnSpec.String("b", optional: true));
        var path = dir.File("r.parquet");
        using (var w = ParquetFileWriter.Create(path, schema))
        {
            w.SetUInt32(0, 4_000_000_000u); w.SetString(1, "x"); w.EndRow();
            w.SetUInt32(0, 7); w.EndRow();
        }
        using var r = ParquetFileReader.Open(path);
        var rows = r.ReadRows().ToList();
        Assert.Equal([4_000_000_000u, "x"], rows[0]);
        Assert.Equal([7u, null], rows[1]);
    }

    [Fact]
    public void MetadataCarriesUnitsVersionCreatedByAndCallerEntries()
    {
        using var dir = new TempDir();
        var schema = new TableSchema("events", ColumnSpec.Double("time_h", unit: "h"), ColumnSpec.Double("v_um3", unit: "um^3"));
        var path = dir.File("k.parquet");
        var options = new ParquetWriterOptions { KeyValueMetadata = new Dictionary<string, string> { [MetadataKeys.Seed] = "42", [MetadataKeys.Config] = "{\"a\":1}" } };
        using (var w = ParquetFileWriter.Create(path, schema, options)) { w.SetDouble(0, 1); w.SetDouble(1, 2); w.EndRow(); }
        using var r = ParquetFileReader.Open(path);
        Assert.Equal("{\"time_h\":\"h\",\"v_um3\":\"um^3\"}", r.Info.Metadata(MetadataKeys.Units));
        Assert.Equal("42", r.Info.Metadata(MetadataKeys.Seed));
        Assert.Equal("{\"a\":1}", r.Info.Metadata(MetadataKeys.Config));
        Assert.Equal(AgentSpines.Core.SoftwareVersion.Value, r.Info.Metadata(MetadataKeys.Version));
        Assert.Equal($"agentspines version {AgentSpines.Core.SoftwareVersion.Value}", r.Info.CreatedBy);
        Assert.Equal("events", r.Schema.Name);
        Assert.Equal("um^3", r.Schema.Columns[1].Unit);
    }

    [Fact]
    public void WriterRejectsMissingRequiredDuplicateAndWrongTypedValues()
    {
        var schema = new TableSchema("t", ColumnSpec.Double("x"), ColumnSpec.String("s", optional: true));
        using (var w = new ParquetFileWriter(new MemoryStream(), schema))
        {
            w.SetString(1, "a");
            Assert.Contains("required column 'x'", Assert.Throws<InvalidOperationException>(w.EndRow).Message);
        }
        using (var w = new ParquetFileWriter(new MemoryStream(), schema))
        {
            Assert.Contains("not Int64", Assert.Throws<InvalidOperationException>(() => w.SetInt64(0, 1)).Message);
            Assert.Throws<InvalidOperationException>(() => w.SetNull(0));
        }
        using (var w = new ParquetFileWriter(new MemoryStream(), schema))
        {
            w.SetDouble(0, 1);
            w.SetDouble(0, 2);
            Assert.Contains("more than once", Assert.Throws<InvalidOperationException>(w.EndRow).Message);
        }
        Assert.Throws<ArgumentException>(() => new TableSchema("t", ColumnSpec.Double("a"), ColumnSpec.Double("a")));
        Assert.Throws<ArgumentException>(() => new TableSchema("t", ColumnSpec.Double("a.b")));
    }

    [Fact]
    public void OutputIsDeterministic()
    {
        using var dir = new TempDir();
        var data = TableData.Random(EventRecord.Schema, 5000, seed: 3, cardinality: 40);
        var a = File.ReadAllBytes(data.WriteFile(dir.File("a.parquet")));
        var b = File.ReadAllBytes(data.WriteFile(dir.File("b.parquet")));
        Assert.Equal(a, b);
    }

    [Fact]
    public void AppendingRowsAllocatesNothingOnceBuffersHaveGrown()
    {
        using var w = new TableWriter<EventRecord>(new ParquetFileWriter(Stream.Null, EventRecord.Schema, new ParquetWriterOptions { RowGroupRows = 50_000, Parallel = false }));
        static EventRecord Row(long i) => new(i * 0.01, i % 8, i % 50, i, EventTypes.All[(int)(i % 11)], i % 3 == 0 ? null : "thin", "mushroom",
            i * 1e-3, null, 1.0, i % 5 == 0 ? null : 0.1, i % 100, "ltp", null, Arms.Baseline);
        for (long i = 0; i < 100_000; i++) w.Append(Row(i)); // two row groups: buffers at full size
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (long i = 100_000; i < 140_000; i++) w.Append(Row(i));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 1024, $"40,000 appends allocated {allocated} bytes");
    }

    [Fact]
    public void MemoryStaysBoundedOverManyRowGroups()
    {
        var schema = EventRecord.Schema;
        long peak = 0;
        using (var w = new TableWriter<EventRecord>(new ParquetFileWriter(Stream.Null, schema, new ParquetWriterOptions { RowGroupRows = 20_000 })))
        {
            for (long i = 0; i < 400_000; i++)
            {
                w.Append(new EventRecord(i * 0.01, i % 8, i % 50, i, EventTypes.All[(int)(i % 11)], null, "thin", i * 1e-3, null, 1.0, 0.1, i % 100, "ltp", null, Arms.Baseline));
                if (i % 50_000 == 49_999) peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true));
            }
        }
        Assert.True(peak < 150_000_000, $"managed heap reached {peak} bytes while writing 20,000-row groups");
    }
}
