using System.Numerics;
using System.Runtime.InteropServices;
using AgentSpines.EventLog.Format;

namespace AgentSpines.EventLog.Writing;

/// <summary>
/// Column chunk statistics: null_count always; min_value/max_value in the column order of the type (signed or
/// unsigned integers, floats without NaN with -0.0/+0.0 normalised as the spec asks, strings by unsigned UTF-8 bytes);
/// the legacy min/max (signed order) too where that order is the same; nan_count for floating-point columns.
/// </summary>
internal static class StatisticsBuilder
{
    // Unsigned columns compare as unsigned; their legacy min/max (signed order) is left out.
    public static StatisticsModel Int32(ReadOnlySpan<int> v, bool unsigned, long nulls) => unsigned
        ? Integer(MemoryMarshal.Cast<int, uint>(v), nulls, BitConverter.GetBytes, legacy: false)
        : Integer(v, nulls, BitConverter.GetBytes, legacy: true);

    public static StatisticsModel Int64(ReadOnlySpan<long> v, bool unsigned, long nulls) => unsigned
        ? Integer(MemoryMarshal.Cast<long, ulong>(v), nulls, BitConverter.GetBytes, legacy: false)
        : Integer(v, nulls, BitConverter.GetBytes, legacy: true);

    private static StatisticsModel Integer<T>(ReadOnlySpan<T> v, long nulls, Func<T, byte[]> bytes, bool legacy) where T : IBinaryInteger<T>
    {
        var s = new StatisticsModel { NullCount = nulls };
        if (v.IsEmpty) return s;
        T min = v[0], max = v[0];
        foreach (T x in v) { if (x < min) min = x; if (x > max) max = x; }
        SetMinMax(s, bytes(min), bytes(max), legacy);
        return s;
    }

    public static StatisticsModel Double(ReadOnlySpan<double> v, long nulls) => FloatingPoint(v, nulls, BitConverter.GetBytes);

    public static StatisticsModel Float(ReadOnlySpan<float> v, long nulls) => FloatingPoint(v, nulls, BitConverter.GetBytes);

    /// <summary>Min and max without NaNs (counted apart); a zero min is written -0 and a zero max +0, as the format asks.</summary>
    private static StatisticsModel FloatingPoint<T>(ReadOnlySpan<T> v, long nulls, Func<T, byte[]> bytes) where T : IFloatingPointIeee754<T>
    {
        var s = new StatisticsModel { NullCount = nulls };
        T min = T.PositiveInfinity, max = T.NegativeInfinity;
        long nans = 0;
        foreach (T x in v)
        {
            if (T.IsNaN(x)) { nans++; continue; }
            if (x < min) min = x;
            if (x > max) max = x;
        }
        s.NanCount = nans;
        if (nans == v.Length) return s;
        if (T.IsZero(min)) min = T.NegativeZero;
        if (T.IsZero(max)) max = T.Zero;
        SetMinMax(s, bytes(min), bytes(max), legacy: true);
        return s;
    }

    public static StatisticsModel Boolean(ReadOnlySpan<bool> v, long nulls)
    {
        var s = new StatisticsModel { NullCount = nulls };
        if (v.IsEmpty) return s;
        bool anyFalse = v.Contains(false), anyTrue = v.Contains(true);
        SetMinMax(s, [(byte)(anyFalse ? 0 : 1)], [(byte)(anyTrue ? 1 : 0)], legacy: true);
        return s;
    }

    /// <summary>Strings: min/max by UTF-8 byte order; the legacy fields are left out (they used signed bytes).</summary>
    public static StatisticsModel String(string? min, string? max, long nulls)
    {
        var s = new StatisticsModel { NullCount = nulls };
        if (min != null && max != null)
            SetMinMax(s, System.Text.Encoding.UTF8.GetBytes(min), System.Text.Encoding.UTF8.GetBytes(max), legacy: false);
        return s;
    }

    private static void SetMinMax(StatisticsModel s, byte[] min, byte[] max, bool legacy)
    {
        s.MinValue = min;
        s.MaxValue = max;
        if (legacy)
        {
            s.Min = min;
            s.Max = max;
        }
    }
}
