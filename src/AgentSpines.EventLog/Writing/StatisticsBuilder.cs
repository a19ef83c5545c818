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
    public static StatisticsModel Int32(ReadOnlySpan<int> v, bool unsigned, long nulls)
    {
        var s = new StatisticsModel { NullCount = nulls };
        if (v.IsEmpty) return s;
        int min = v[0], max = v[0];
        if (unsigned)
        {
            uint umin = (uint)min, umax = (uint)max;
            foreach (uint x in MemoryMarshal.Cast<int, uint>(v)) { if (x < umin) umin = x; if (x > umax) umax = x; }
            min = (int)umin;
            max = (int)umax;
        }
        else foreach (int x in v) { if (x < min) min = x; if (x > max) max = x; }
        SetMinMax(s, BitConverter.GetBytes(min), BitConverter.GetBytes(max), legacy: !unsigned);
        return s;
    }

    public static StatisticsModel Int64(ReadOnlySpan<long> v, bool unsigned, long nulls)
    {
        var s = new StatisticsModel { NullCount = nulls };
        if (v.IsEmpty) return s;
        long min = v[0], max = v[0];
        if (unsigned)
        {
            ulong umin = (ulong)min, umax = (ulong)max;
            foreach (ulong x in MemoryMarshal.Cast<long, ulong>(v)) { if (x < umin) umin = x; if (x > umax) umax = x; }
            min = (long)umin;
            max = (long)umax;
        }
        else foreach (long x in v) { if (x < min) min = x; if (x > max) max = x; }
        SetMinMax(s, BitConverter.GetBytes(min), BitConverter.GetBytes(max), legacy: !unsigned);
        return s;
    }

    public static StatisticsModel Double(ReadOnlySpan<double> v, long nulls)
    {
        var s = new StatisticsModel { NullCount = nulls };
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        long nans = 0;
        foreach (double x in v)
        {
            if (double.IsNaN(x)) { nans++; continue; }
            if (x < min) min = x;
            if (x > max) max = x;
        }
        s.NanCount = nans;
        if (nans == v.Length) return s;
        if (min == 0) min = -0.0;
        if (max == 0) max = 0.0;
        SetMinMax(s, BitConverter.GetBytes(min), BitConverter.GetBytes(max), legacy: true);
        return s;
    }

    public static StatisticsModel Float(ReadOnlySpan<float> v, long nulls)
    {
        var s = new StatisticsModel { NullCount = nulls };
        float min = float.PositiveInfinity, max = float.NegativeInfinity;
        long nans = 0;
        foreach (float x in v)
        {
            if (float.IsNaN(x)) { nans++; continue; }
            if (x < min) min = x;
            if (x > max) max = x;
        }
        s.NanCount = nans;
        if (nans == v.Length) return s;
        if (min == 0) min = -0.0f;
        if (max == 0) max = 0.0f;
        SetMinMax(s, BitConverter.GetBytes(min), BitConverter.GetBytes(max), legacy: true);
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
