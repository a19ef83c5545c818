using AgentSpines.EventLog.Reading;
using AgentSpines.EventLog.Schema;
using AgentSpines.EventLog.Writing;
namespace AgentSpines.EventLog.Tests;

public class StatisticsTests
{
    private static ParquetFileReader Write(TempDir dir, TableSchema schema, Action<ParquetFileWriter> rows)
    {
        var path = dir.File(Guid.NewGuid().ToString("N") + ".parquet");
        using (var w = ParquetFileWriter.Create(path, schema)) rows(w);
        return ParquetFileReader.Open(path);
    }

    [Fact]
    public void NumericMinMaxAndNullCountMatchTheData()
    {
        using var dir = new TempDir();
        var schema = new TableSchema("t", ColumnSpec.Int64("l", optional: true), ColumnSpec.Int32("u", unsigned: true), ColumnSpec.Int32("i"), ColumnSpec.Boolean("b"));
        long[] ls = [5, -3, 12, 0];
        uint[] us = [1, 3_000_000_000, 7, 2];
        int[] iv = [1, -2_000_000_000, 7, 2];
        using var r = Write(dir, schema, w =>
        {
            for (int k = 0; k < 4; k++)
            {
                w.SetInt64(0, ls[k]); w.SetUInt32(1, us[k]); w.SetInt32(2, iv[k]); w.SetBoolean(3, true); w.EndRow();
                w.SetNull(0); w.SetUInt32(1, us[k]); w.SetInt32(2, iv[k]); w.SetBoolean(3, true); w.EndRow();
            }
        });
        var cols = r.Info.RowGroups[0].Columns;
        Assert.Equal(new ColumnStatistics(4, null, -3L, 12L, null), cols[0].Statistics);
        // Unsigned order: 3e9 is the maximum, not (signed) the minimum.
        Assert.Equal(1u, cols[1].Statistics!.Min);
        Assert.Equal(3_000_000_000u, cols[1].Statistics!.Max);
        Assert.Equal(-2_000_000_000, cols[2].Statistics!.Min);
        Assert.Equal(true, cols[3].Statistics!.Min);
        Assert.Equal(0L, cols[3].Statistics!.NullCount);
    }

    [Fact]
    public void FloatingPointStatisticsSkipNaNAndNormaliseZeros()
    {
        using var dir = new TempDir();
        var schema = new TableSchema("t", ColumnSpec.Double("d"), ColumnSpec.Float("f"), ColumnSpec.Double("z"));
        double[] ds = [double.NaN, 2.5, -7.25, double.NaN];
        using var r = Write(dir, schema, w =>
        {
            foreach (var d in ds) { w.SetDouble(0, d); w.SetFloat(1, (float)d); w.SetDouble(2, d is double.NaN ? 0.0 : 0.0 * Math.Sign(d)); w.EndRow(); }
        });
        var st = r.Info.RowGroups[0].Columns[0].Statistics!;
        Assert.Equal(-7.25, st.Min);
        Assert.Equal(2.5, st.Max);
        Assert.Equal(2L, st.NanCount);
        Assert.Equal(-7.25f, r.Info.RowGroups[0].Columns[1].Statistics!.Min);
        var z = r.Info.RowGroups[0].Columns[2].Statistics!;
        Assert.True(double.IsNegative((double)z.Min!), "a zero minimum is written as -0.0");
        Assert.False(double.IsNegative((double)z.Max!), "a zero maximum is written as +0.0");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void StringStatisticsUseUnsignedUtf8ByteOrder(bool dictionary)
    {
        using var dir = new TempDir();
        var schema = new TableSchema("t", ColumnSpec.String("s", optional: true, dictionary: dictionary));
        // UTF-8 order: "Z" < "a" < "é" (C3 A9) < U+FFFD (EF BF BD) < "😀" (F0 9F 98 80); UTF-16 ordinal would put 😀 (D83D) below U+FFFD.
        string[] values = ["é", "😀", "a", "\ufffd", "Z"];
        using var r = Write(dir, schema, w =>
        {
            foreach (var v in values) { w.SetString(0, v); w.EndRow(); }
            w.SetNull(0); w.EndRow();
        });
        var st = r.Info.RowGroups[0].Columns[0].Statistics!;
        Assert.Equal("Z", st.Min);
        Assert.Equal("😀", st.Max);
        Assert.Equal(1L, st.NullCount);
    }

    [Fact]
    public void StatisticsArePerRowGroup()
    {
        using var dir = new TempDir();
        var schema = new TableSchema("t", ColumnSpec.Double("time_h"));
        var path = dir.File("g.parquet");
        using (var w = ParquetFileWriter.Create(path, schema, new ParquetWriterOptions { RowGroupRows = 100 }))
            for (int i = 0; i < 250; i++) { w.SetDouble(0, i); w.EndRow(); }
        using var r = ParquetFileReader.Open(path);
        Assert.Equal([(0.0, 99.0), (100.0, 199.0), (200.0, 249.0)],
            r.Info.RowGroups.Select(g => (Math.Abs((double)g.Columns[0].Statistics!.Min!), (double)g.Columns[0].Statistics!.Max!)));
    }
}
