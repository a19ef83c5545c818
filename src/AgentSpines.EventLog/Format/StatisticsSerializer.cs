using AgentSpines.EventLog.Thrift;

namespace AgentSpines.EventLog.Format;

/// <summary>Thrift field ids of struct Statistics: 1 max, 2 min, 3 null_count, 4 distinct_count, 5 max_value, 6 min_value, 9 nan_count.</summary>
internal static class StatisticsSerializer
{
    public static void Write(ThriftCompactWriter w, StatisticsModel s)
    {
        if (s.Max != null) w.FieldBinary(1, s.Max);
        if (s.Min != null) w.FieldBinary(2, s.Min);
        if (s.NullCount.HasValue) w.FieldI64(3, s.NullCount.Value);
        if (s.DistinctCount.HasValue) w.FieldI64(4, s.DistinctCount.Value);
        if (s.MaxValue != null) w.FieldBinary(5, s.MaxValue);
        if (s.MinValue != null) w.FieldBinary(6, s.MinValue);
        if (s.NanCount.HasValue) w.FieldI64(9, s.NanCount.Value);
    }
}
