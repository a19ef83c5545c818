using AgentSpines.Core;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using AgentSpines.EventLog.Reading;
using AgentSpines.EventLog.Schema;
using AgentSpines.EventLog.Writing;
using AgentSpines.EventLog.Format;

namespace AgentSpines.Benchmarks;

/// <summary>
/// `agentspines bench parquet [--rows N] [--json] [--keep DIR]`: writes N rows (default 10,000,000) of the events schema with
/// Snappy through our writer, the same rows with ZSTD through our writer, with Parquet.Net (Snappy), and has DuckDB
/// (node, tests/interop/node_modules) write them with COPY ... (FORMAT parquet, COMPRESSION snappy); reports every
/// time and size. Rows come from integer formulas that tests/interop/bench/duckdb-write-events.mjs repeats in SQL.
/// Our and Parquet.Net's times cover generating and appending the rows and closing the file; DuckDB's covers the
/// COPY only (its rows are materialised first). Wall seconds are noisy on a shared machine, so the .NET writers'
/// CPU seconds (process CPU time, all threads) and the 1-minute load average are printed beside them.
/// </summary>
public static class ParquetBenchmark
{
    private static readonly string[] Types = EventTypes.All.ToArray();
    private static readonly string[] States = ["nascent", "thin", "stubby", "mushroom"];
    private static readonly string[] Causes = ["spontaneous", "ltp", "ltd", "drug", "turnover"];
    private static readonly string[] Drugs = ["ketamine", "psilocybin"];
    private static readonly string[] ArmNames = [Arms.Drug, Arms.Vehicle, Arms.Baseline];

    public static int Run(long rows, bool json, string? keep)
    {
        string script = FindDuckDbScript();
        string dir = keep ?? Path.Combine(Path.GetTempPath(), "agentspines-bench-parquet-" + Environment.ProcessId);
        Directory.CreateDirectory(dir);
        try
        {
            string ours = Path.Combine(dir, "ours.parquet");
            string oursZstd = Path.Combine(dir, "ours-zstd.parquet");
            string net = Path.Combine(dir, "parquetnet.parquet");
            string theirs = Path.Combine(dir, "duckdb.parquet");
            double load = ProcessGauges.LoadAverage();
            var (oursSeconds, oursCpu) = Timed(() => WriteOurs(ours, rows, ParquetCodec.Snappy));
            long oursBytes = new FileInfo(ours).Length;
            var (zstdSeconds, zstdCpu) = Timed(() => WriteOurs(oursZstd, rows, ParquetCodec.Zstd));
            long zstdBytes = new FileInfo(oursZstd).Length;
            var (netSeconds, netCpu) = Timed(() => ParquetNetEventsWriter.Write(net, rows, EventRow));
            long netBytes = new FileInfo(net).Length;
            var (duckSeconds, duckBytes) = WriteDuckDb(script, theirs, rows);
            CheckSameTable(ours, theirs, rows);
            CheckSameTable(oursZstd, theirs, rows);
            CheckSameTable(net, theirs, rows);
            load = Math.Max(load, ProcessGauges.LoadAverage());
            if (json)
            {
                Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object?>
                {
                    ["rows"] = rows,
                    ["ours_s"] = Math.Round(oursSeconds, 3),
                    ["duckdb_s"] = Math.Round(duckSeconds, 3),
                    ["parquetnet_s"] = Math.Round(netSeconds, 3),
                    ["zstd_s"] = Math.Round(zstdSeconds, 3),
                    ["ours_cpu_s"] = Math.Round(oursCpu, 3),
                    ["zstd_cpu_s"] = Math.Round(zstdCpu, 3),
                    ["parquetnet_cpu_s"] = Math.Round(netCpu, 3),
                    ["ours_bytes"] = oursBytes,
                    ["duckdb_bytes"] = duckBytes,
                    ["parquetnet_bytes"] = netBytes,
                    ["zstd_bytes"] = zstdBytes,
                    ["load_average_1m"] = double.IsNaN(load) ? null : Math.Round(load, 2),
                }));
            }
            else
            {
                var ci = CultureInfo.InvariantCulture;
                Console.WriteLine($"parquet write, events schema, snappy, {rows.ToString("N0", ci)} rows");
                Console.WriteLine("writer      seconds        bytes  CPU seconds");
                Console.WriteLine($"agentspines {oursSeconds.ToString("F3", ci),7} {oursBytes,12}  {oursCpu.ToString("F3", ci),7}");
                Console.WriteLine($"ours zstd   {zstdSeconds.ToString("F3", ci),7} {zstdBytes,12}  {zstdCpu.ToString("F3", ci),7}");
                Console.WriteLine($"parquet.net {netSeconds.ToString("F3", ci),7} {netBytes,12}  {netCpu.ToString("F3", ci),7}");
                Console.WriteLine($"duckdb      {duckSeconds.ToString("F3", ci),7} {duckBytes,12}");
                Console.WriteLine($"ratio       {(oursSeconds / duckSeconds).ToString("F2", ci),7} {((double)oursBytes / duckBytes).ToString("F2", ci),12}   (ours/DuckDB, Snappy; goals: time <= 1.0, size <= 1.0)");
                Console.WriteLine($"load average (1 min) up to {load.ToString("F2", ci)}");
            }
            return 0;
        }
        finally
        {
            if (keep == null) try { Directory.Delete(dir, true); } catch (IOException) { }
        }
    }

    /// <summary>Row i of the benchmark; the DuckDB script computes the same values in SQL.</summary>
    internal static EventRecord EventRow(long i)
    {
        string? Pick(string[] xs, long k) => xs[(int)(k % xs.Length)];
        return new EventRecord(
            TimeH: i * 0.001,
            DendriteId: i % 64,
            SegmentId: i / 7 % 500,
            SpineId: i * 2654435761L % 1000003,
            EventType: Types[(int)((i * 7 + i / 13) % 11)],
            StateBefore: i % 5 == 0 ? null : Pick(States, i),
            StateAfter: i % 7 == 0 ? null : Pick(States, i + 1),
            HeadVolumeBeforeUm3: i % 3 == 0 ? null : (double)(i * 7919 % 10007) / 10007.0 * 0.4 + 0.01,
            HeadVolumeAfterUm3: i % 4 == 0 ? null : (double)(i * 104729 % 10009) / 10009.0 * 0.4 + 0.01,
            NeckLengthUm: i % 6 == 0 ? null : (double)(i * 31 % 1009) / 1009.0 * 1.5 + 0.1,
            NeckDiameterUm: i % 6 == 0 ? null : (double)(i * 17 % 101) / 101.0 * 0.2 + 0.05,
            PositionUm: (double)(i * 13 % 100003) / 1000.0,
            Cause: Causes[i % 5],
            Drug: i % 2 == 0 ? null : Drugs[i / 2 % 2],
            Arm: ArmNames[i / 1000 % 3]);
    }

    /// <summary>Wall seconds and the process's CPU seconds (all threads: our writer encodes on workers) of one write.</summary>
    private static (double Wall, double Cpu) Timed(Action write)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        write();
        return (sw.Elapsed.TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds);
    }

    private static void WriteOurs(string path, long rows, ParquetCodec codec)
    {
        using var w = TableWriter<EventRecord>.Create(path, new ParquetWriterOptions { Codec = codec });
        for (long i = 0; i < rows; i++) w.Append(EventRow(i));
    }

    private static (double Seconds, long Bytes) WriteDuckDb(string script, string output, long rows)
    {
        var psi = new ProcessStartInfo("node")
        {
            WorkingDirectory = Path.GetDirectoryName(script)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        psi.ArgumentList.Add(script);
        psi.ArgumentList.Add(rows.ToString(CultureInfo.InvariantCulture));
        psi.ArgumentList.Add(output);
        using var p = Process.Start(psi) ?? throw new AgentSpinesInputException("could not start node (is Node.js 20 installed?)");
        var stderr = p.StandardError.ReadToEndAsync();
        string stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"the DuckDB writer failed: {stderr.Result.Trim()}");
        using var doc = JsonDocument.Parse(stdout.Trim().Split('\n')[^1]);
        return (doc.RootElement.GetProperty("seconds").GetDouble(), doc.RootElement.GetProperty("bytes").GetInt64());
    }

    /// <summary>Both files must hold the same columns and row count (read back with the Parquet.Net-based reader), else the comparison is void.</summary>
    private static void CheckSameTable(string ours, string theirs, long rows)
    {
        using var a = ParquetFileReader.Open(ours);
        using var b = ParquetFileReader.Open(theirs);
        if (a.Info.RowCount != rows || b.Info.RowCount != rows)
            throw new InvalidOperationException($"row counts differ: ours {a.Info.RowCount}, DuckDB {b.Info.RowCount}, asked {rows}");
        var na = a.Schema.Columns.Select(c => (c.Name, c.Type));
        var nb = b.Schema.Columns.Select(c => (c.Name, c.Type));
        if (!na.SequenceEqual(nb)) throw new InvalidOperationException("the two files have different columns");
        var lastOurs = a.ReadColumn(a.Info.RowGroups.Count - 1, "head_volume_after_um3");
        var lastTheirs = b.ReadColumn(b.Info.RowGroups.Count - 1, "head_volume_after_um3");
        if (!Equals(lastOurs.GetValue(lastOurs.Count - 1), lastTheirs.GetValue(lastTheirs.Count - 1)))
            throw new InvalidOperationException("the last rows differ: the two writers did not get the same data");
    }

    /// <summary>The DuckDB script under the repository's tests/interop, which must have its node_modules installed.</summary>
    private static string FindDuckDbScript()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var d = new DirectoryInfo(start); d != null; d = d.Parent)
            {
                if (!File.Exists(Path.Combine(d.FullName, "AgentSpines.sln"))) continue;
                string interop = Path.Combine(d.FullName, "tests", "interop");
                if (!Directory.Exists(Path.Combine(interop, "node_modules", "@duckdb", "node-api")))
                    throw new AgentSpinesInputException($"DuckDB for node is not installed: run `npm ci` in {interop} (or tests/interop/run.sh)");
                return Path.Combine(interop, "bench", "duckdb-write-events.mjs");
            }
        }
        throw new AgentSpinesInputException("cannot find the AgentSpines repository (AgentSpines.sln) above the current directory; run the benchmark from the repository");
    }
}
