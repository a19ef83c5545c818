using Xunit.Abstractions;
using AgentSpines.EventLog.Reading;
using AgentSpines.EventLog.Schema;
using AgentSpines.EventLog.Writing;
using AgentSpines.EventLog.Format;

namespace AgentSpines.EventLog.Tests;

/// <summary>
/// Mutates valid files 10,000 times (fixed seed) and reads each result completely through the Parquet.Net-based
/// reader. The reader may succeed (the mutation hit a value the CRCs do not cover, e.g. in the footer) or throw
/// <see cref="ParquetFormatException"/>; any other exception, a read using more than its CPU budget (a hang in the
/// making) or a large allocation driven by a corrupt length fails the test. Budgets are CPU time, not wall time,
/// so a loaded machine does not fail the test and a spinning reader does.
/// </summary>
public class FuzzTests(ITestOutputHelper output)
{
    private const int Iterations = 10_000;
    private const long MaxAllocationBytes = 96L << 20;
    private static readonly TimeSpan MaxReadCpu = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan MaxLoopCpu = TimeSpan.FromMinutes(4);

    private static byte[][] BaseFiles()
    {
        var schema = new TableSchema("fuzz",
            ColumnSpec.Double("d", optional: true, unit: "h"), ColumnSpec.Int64("l", dictionary: true), ColumnSpec.String("s", optional: true, dictionary: true),
            ColumnSpec.String("p"), ColumnSpec.Boolean("b", optional: true), ColumnSpec.Int32("i", unsigned: true), ColumnSpec.Float("f", dictionary: true));
        var files = new List<byte[]>();
        foreach (var codec in Enum.GetValues<ParquetCodec>())
        {
            var data = TableData.Random(schema, 300, seed: (ulong)codec + 100, cardinality: 9);
            var ms = new MemoryStream();
            using (var w = new ParquetFileWriter(ms, schema, new ParquetWriterOptions { Codec = codec, RowGroupRows = 120, DataPageBytes = 256 }, leaveOpen: true))
                data.WriteTo(w);
            files.Add(ms.ToArray());
        }
        return files.ToArray();
    }

    private static byte[] Mutate(byte[] original, TestRandom rnd)
    {
        var bytes = original.ToList();
        int mutations = 1 + rnd.Next(3);
        for (int m = 0; m < mutations && bytes.Count > 0; m++)
        {
            // Half of the mutations land in the last quarter of the file, where the footer is.
            int pos = rnd.Chance(0.5) ? bytes.Count - 1 - rnd.Next(Math.Max(1, bytes.Count / 4)) : rnd.Next(bytes.Count);
            switch (rnd.Next(6))
            {
                case 0: bytes[pos] = (byte)rnd.Next(256); break;
                case 1: bytes[pos] ^= (byte)(1 << rnd.Next(8)); break;
                case 2: bytes.RemoveRange(pos, 1 + rnd.Next(Math.Min(16, bytes.Count - pos))); break;
                case 3:
                    foreach (byte b in new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0x0F }) if (pos < bytes.Count) bytes[pos++] = b;
                    break;
                case 4: bytes.InsertRange(pos, Enumerable.Range(0, 1 + rnd.Next(8)).Select(_ => (byte)rnd.Next(256))); break;
                default: bytes.RemoveRange(pos, bytes.Count - pos); break; // truncate
            }
        }
        return bytes.ToArray();
    }

    [Fact]
    public void MutatedFilesOnlyEverThrowParquetFormatException()
    {
        // A watchdog turns a spinning read into a failure instead of a stuck test run. It watches CPU time (the
        // process's, since a spinning thread never reports its own), so waiting for a busy machine never counts.
        var startCpu = CpuTime.Process();
        var run = Task.Factory.StartNew(FuzzLoop, TaskCreationOptions.LongRunning);
        while (!run.Wait(TimeSpan.FromMilliseconds(250)))
        {
            var used = CpuTime.Process() - startCpu;
            Assert.True(used < MaxLoopCpu, $"the fuzz loop used {used} of CPU without finishing (a read spins?)");
        }
        run.GetAwaiter().GetResult();
    }

    private void FuzzLoop()
    {
        var bases = BaseFiles();
        var rnd = new TestRandom(20261122);
        int rejected = 0, accepted = 0;
        long maxAllocated = 0;
        TimeSpan slowest = TimeSpan.Zero;
        for (int iteration = 0; iteration < Iterations; iteration++)
        {
            var mutated = Mutate(bases[iteration % bases.Length], rnd);
            long before = GC.GetAllocatedBytesForCurrentThread();
            var cpuBefore = CpuTime.CurrentThread();
            try
            {
                using var reader = new ParquetFileReader(new MemoryStream(mutated), $"mutation {iteration}");
                for (int g = 0; g < reader.Info.RowGroups.Count; g++)
                    for (int c = 0; c < reader.Schema.Columns.Count; c++)
                        reader.ReadColumn(g, c);
                accepted++;
            }
            catch (ParquetFormatException)
            {
                rejected++;
            }
            catch (Exception e)
            {
                Assert.Fail($"mutation {iteration} threw {e.GetType().Name}: {e.Message}\n{e.StackTrace}");
            }
            var cpu = CpuTime.CurrentThread() - cpuBefore;
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            maxAllocated = Math.Max(maxAllocated, allocated);
            if (cpu > slowest) slowest = cpu;
            Assert.True(allocated < MaxAllocationBytes, $"mutation {iteration} allocated {allocated} bytes");
            Assert.True(cpu < MaxReadCpu, $"mutation {iteration} used {cpu} of CPU");
        }
        output.WriteLine($"rejected {rejected}, read {accepted}, max allocation {maxAllocated} bytes, most CPU {slowest.TotalMilliseconds:F1} ms");
        Assert.True(rejected > Iterations / 4, $"only {rejected} of {Iterations} mutations were detected");
    }

    [Fact]
    public void ClearlyBrokenFilesGiveOneLineMessages()
    {
        var good = BaseFiles()[1];
        Assert.Contains("too small", Read(good[..8]));
        Assert.Contains("magic", Read(good[..^1]));
        var badFooterLength = (byte[])good.Clone();
        BitConverter.GetBytes(int.MaxValue).CopyTo(badFooterLength, good.Length - 8);
        Assert.Contains("footer length", Read(badFooterLength));
        Assert.Contains("magic", Read(System.Text.Encoding.ASCII.GetBytes("this is not a parquet file at all")));
    }

    [Fact]
    public void FooterWithoutColumnsIsAFormatError()
    {
        // A hand-made footer: version 1, schema [root with 0 children], num_rows 0, row_groups [].
        byte[] footer = [0x15, 0x02, 0x19, 0x1C, 0x48, 0x01, (byte)'r', 0x15, 0x00, 0x00, 0x16, 0x00, 0x19, 0x0C, 0x00];
        var file = new List<byte>("PAR1"u8.ToArray());
        file.AddRange(footer);
        file.AddRange(BitConverter.GetBytes(footer.Length));
        file.AddRange("PAR1"u8.ToArray());
        Assert.Contains("no columns", Read(file.ToArray()));
    }

    private static string Read(byte[] bytes)
    {
        var e = Assert.Throws<ParquetFormatException>(() =>
        {
            using var r = new ParquetFileReader(new MemoryStream(bytes), "f.parquet");
            for (int g = 0; g < r.Info.RowGroups.Count; g++)
                for (int c = 0; c < r.Schema.Columns.Count; c++) r.ReadColumn(g, c);
        });
        Assert.StartsWith("f.parquet", e.Message);
        Assert.DoesNotContain('\n', e.Message);
        Assert.IsAssignableFrom<AgentSpines.Core.AgentSpinesInputException>(e);
        return e.Message;
    }
}
