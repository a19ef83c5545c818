using Parquet;
using Parquet.Schema;
using AgentSpines.EventLog.Schema;

namespace AgentSpines.EventLog.Reading;

/// <summary>
/// Decodes one column of one row group with Parquet.Net into the row-indexed arrays of <see cref="ColumnData"/>:
/// Int32 columns as int[] (narrow and unsigned integers widened or reinterpreted), Int64 as long[], nulls as
/// default values with a <see cref="ColumnData.Defined"/> mask. Buffers are sized from the row group's row count,
/// which <see cref="FooterGuard"/> has already bounded.
/// </summary>
internal static class ColumnDecoder
{
    public static ColumnData Read(ParquetReader reader, int rowGroup, DataField field, ColumnSpec spec, int rows, string what)
    {
        using var rg = reader.OpenRowGroupReader(rowGroup);
        if (spec.Type == ColumnType.String)
        {
            var strings = new string?[rows];
            rg.ReadAsync(field, strings.AsMemory(), null).AsTask().GetAwaiter().GetResult();
            bool[]? defined = null;
            if (spec.Optional)
            {
                defined = new bool[rows];
                for (int i = 0; i < rows; i++) defined[i] = strings[i] != null;
            }
            else if (Array.IndexOf(strings, null) >= 0) throw new ParquetFormatException($"{what}: required column has nulls");
            return new ColumnData(spec, strings!, defined);
        }
        Type clr = field.ClrType;
        return clr switch
        {
            _ when clr == typeof(bool) => Numeric<bool, bool>(rg, field, spec, rows, what, v => v),
            _ when clr == typeof(int) => Numeric<int, int>(rg, field, spec, rows, what, v => v),
            _ when clr == typeof(uint) => Numeric<uint, int>(rg, field, spec, rows, what, v => unchecked((int)v)),
            _ when clr == typeof(short) => Numeric<short, int>(rg, field, spec, rows, what, v => v),
            _ when clr == typeof(ushort) => Numeric<ushort, int>(rg, field, spec, rows, what, v => v),
            _ when clr == typeof(sbyte) => Numeric<sbyte, int>(rg, field, spec, rows, what, v => v),
            _ when clr == typeof(byte) => Numeric<byte, int>(rg, field, spec, rows, what, v => v),
            _ when clr == typeof(long) => Numeric<long, long>(rg, field, spec, rows, what, v => v),
            _ when clr == typeof(ulong) => Numeric<ulong, long>(rg, field, spec, rows, what, v => unchecked((long)v)),
            _ when clr == typeof(float) => Numeric<float, float>(rg, field, spec, rows, what, v => v),
            _ when clr == typeof(double) => Numeric<double, double>(rg, field, spec, rows, what, v => v),
            _ => throw new ParquetFormatException($"{what}: Parquet.Net maps the column to {clr.Name}, which is not supported"),
        };
    }

    private static ColumnData Numeric<TRead, TOut>(ParquetRowGroupReader rg, DataField field, ColumnSpec spec, int rows, string what, Func<TRead, TOut> convert)
        where TRead : struct where TOut : struct
    {
        var dense = new TRead[rows];
        int[]? levels = spec.Optional ? new int[rows] : null;
        rg.ReadRawAsync<TRead>(field, dense.AsMemory(), levels?.AsMemory(), null).AsTask().GetAwaiter().GetResult();
        TOut[] values = typeof(TRead) == typeof(TOut) ? (TOut[])(object)dense : new TOut[rows];
        if (levels == null)
        {
            if (!ReferenceEquals(values, dense))
                for (int i = 0; i < rows; i++) values[i] = convert(dense[i]);
            return new ColumnData(spec, values, null);
        }
        // Dense values of the present rows, scattered to their rows from the back so it works in place.
        int present = 0;
        foreach (int l in levels)
        {
            if ((uint)l > 1) throw new ParquetFormatException($"{what}: definition level {l} exceeds the maximum 1");
            present += l;
        }
        var defined = new bool[rows];
        int k = present - 1;
        for (int i = rows - 1; i >= 0; i--)
        {
            if (levels[i] == 1)
            {
                defined[i] = true;
                values[i] = convert(dense[k--]);
            }
            else values[i] = default;
        }
        return new ColumnData(spec, values, defined);
    }

    internal static Array NewArray(ColumnType type, int n) => type switch
    {
        ColumnType.Boolean => new bool[n],
        ColumnType.Int32 => new int[n],
        ColumnType.Int64 => new long[n],
        ColumnType.Float => new float[n],
        ColumnType.Double => new double[n],
        ColumnType.String => new string[n],
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };
}
