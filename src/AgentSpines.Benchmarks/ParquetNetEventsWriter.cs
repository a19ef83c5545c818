using Parquet;
using Parquet.Schema;
using AgentSpines.EventLog.Schema;

namespace AgentSpines.Benchmarks;

/// <summary>
/// Writes the benchmark's event rows with Parquet.Net (Snappy, row groups of 2^20 rows as ours), so that
/// `bench parquet` compares our writer with Parquet.Net's in the same run. Rows are gathered into column arrays
/// one row group at a time, which is how Parquet.Net's columnar API takes them.
/// </summary>
internal static class ParquetNetEventsWriter
{
    private const int GroupRows = 1 << 20;

    public static void Write(string path, long rows, Func<long, EventRecord> row)
    {
        var f = new DataField[]
        {
            new DataField<double>("time_h"), new DataField<long>("dendrite_id"), new DataField<long>("segment_id"), new DataField<long>("spine_id"),
            new DataField<string>("event_type", false), new DataField<string>("state_before", true),
            new DataField<string>("state_after", true), new DataField<double?>("head_volume_before_um3"),
            new DataField<double?>("head_volume_after_um3"), new DataField<double?>("neck_length_um"), new DataField<double?>("neck_diameter_um"),
            new DataField<double>("position_um"), new DataField<string>("cause", false), new DataField<string>("drug", true),
            new DataField<string>("arm", false),
        };
        using var stream = File.Create(path);
        var writer = ParquetWriter.CreateAsync(new ParquetSchema(f), stream, new ParquetOptions { CompressionMethod = CompressionMethod.Snappy })
            .GetAwaiter().GetResult();
        try
        {
            for (long start = 0; start < rows; start += GroupRows)
            {
                int n = (int)Math.Min(GroupRows, rows - start);
                var time = new double[n]; var dendrite = new long[n]; var segment = new long[n]; var spine = new long[n];
                var type = new string[n]; var before = new string?[n]; var after = new string?[n];
                var hvb = new double?[n]; var hva = new double?[n]; var nl = new double?[n]; var nd = new double?[n];
                var pos = new double[n]; var cause = new string[n]; var drug = new string?[n]; var arm = new string[n];
                for (int i = 0; i < n; i++)
                {
                    var e = row(start + i);
                    time[i] = e.TimeH; dendrite[i] = e.DendriteId; segment[i] = e.SegmentId; spine[i] = e.SpineId;
                    type[i] = e.EventType; before[i] = e.StateBefore; after[i] = e.StateAfter;
                    hvb[i] = e.HeadVolumeBeforeUm3; hva[i] = e.HeadVolumeAfterUm3; nl[i] = e.NeckLengthUm; nd[i] = e.NeckDiameterUm;
                    pos[i] = e.PositionUm; cause[i] = e.Cause; drug[i] = e.Drug; arm[i] = e.Arm;
                }
                using var rg = writer.CreateRowGroup();
                Wait(rg.WriteAsync<double>(f[0], time, null, null, default));
                Wait(rg.WriteAsync<long>(f[1], dendrite, null, null, default));
                Wait(rg.WriteAsync<long>(f[2], segment, null, null, default));
                Wait(rg.WriteAsync<long>(f[3], spine, null, null, default));
                Wait(rg.WriteAsync(f[4], type, null));
                Wait(rg.WriteAsync(f[5], before, null));
                Wait(rg.WriteAsync(f[6], after, null));
                Wait(rg.WriteAsync<double>(f[7], hvb, null, null, default));
                Wait(rg.WriteAsync<double>(f[8], hva, null, null, default));
                Wait(rg.WriteAsync<double>(f[9], nl, null, null, default));
                Wait(rg.WriteAsync<double>(f[10], nd, null, null, default));
                Wait(rg.WriteAsync<double>(f[11], pos, null, null, default));
                Wait(rg.WriteAsync(f[12], cause, null));
                Wait(rg.WriteAsync(f[13], drug, null));
                Wait(rg.WriteAsync(f[14], arm, null));
            }
        }
        finally
        {
            writer.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private static void Wait(Task t) => t.GetAwaiter().GetResult();
}
