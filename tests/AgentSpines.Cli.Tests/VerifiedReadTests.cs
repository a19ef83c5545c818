using System.Diagnostics;
using AgentSpines.EventLog.Dataset;

namespace AgentSpines.Cli.Tests;

/// <summary>A small complete run shared by the verified-read tests (copied before a test damages it).</summary>
public sealed class SmallRunFixture : IDisposable
{
    public SmallRunFixture()
    {
        Dir = CliHarness.NewDir();
        var (code, _, err) = CliHarness.Run("run", CliHarness.Config("baseline.json"), "--out", Dir, "--Run:DurationDays=2",
            "--Run:Replicates=2", "--Dendrites:Count=2", "--Imaging:SessionDays=[-3,-2,-1]", "--threads", "2");
        if (code != 0) throw new InvalidOperationException("the fixture run failed: " + err);
    }

    public string Dir { get; }

    public string Copy()
    {
        string target = CliHarness.NewDir();
        foreach (var f in Directory.EnumerateFiles(Dir, "*", SearchOption.AllDirectories))
        {
            string to = Path.Combine(target, Path.GetRelativePath(Dir, f));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(f, to);
        }
        return target;
    }

    public void Dispose()
    {
        if (Directory.Exists(Dir)) Directory.Delete(Dir, true);
    }
}

/// <summary>
/// Issue 14 item 2: reading a dataset refuses an incomplete (SIGKILLed) or damaged (bit-flipped) run with one line
/// and exit code 2, unless --allow-incomplete, which reads the files that verify and says what it skipped; inspect
/// exits non-zero; export does not overwrite without --force.
/// </summary>
[Collection("console")]
public class VerifiedReadTests(SmallRunFixture run) : IClassFixture<SmallRunFixture>, IDisposable
{
    private readonly List<string> _dirs = [];

    private string Temp()
    {
        string d = CliHarness.NewDir();
        _dirs.Add(d);
        return d;
    }

    public void Dispose()
    {
        foreach (var d in _dirs) if (Directory.Exists(d)) Directory.Delete(d, true);
    }

    private static long CsvRows(string csv) => File.ReadLines(csv).LongCount() - 1;

    private static void AssertOneLineRefusal(int code, string err, string contains)
    {
        Assert.True(code == 2, $"exit {code}: {err}");
        Assert.Single(err.TrimEnd('\n').Split('\n'));
        Assert.Contains(contains, err);
        Assert.DoesNotContain("   at ", err);
    }

    [Fact]
    public void ACompleteRunExportsAndInspectsCleanly()
    {
        string csv = Path.Combine(Temp(), "csv");
        var (code, _, err) = CliHarness.Run("export", run.Dir, "--csv", csv);
        Assert.True(code == 0, err);
        Assert.Equal("", err);
        var manifest = new DatasetReader(run.Dir).ReadManifest();
        Assert.Equal(manifest.Files.Where(f => f.Table == "events").Sum(f => f.Rows), CsvRows(Path.Combine(csv, "events.csv")));
        var (inspect, output, _) = CliHarness.Run("inspect", run.Dir);
        Assert.Equal(0, inspect);
        Assert.Contains("checksums: all files match the manifest", output);
        Assert.Contains("pages with a CRC-32, all match", output);
        Assert.DoesNotContain("none stored", output);
    }

    [Fact]
    public void ExportDoesNotOverwriteWithoutForce()
    {
        string csv = Path.Combine(Temp(), "events.csv");
        string events = Path.Combine(run.Dir, "events");
        Assert.Equal(0, CliHarness.Run("export", events, "--csv", csv).Code);
        File.WriteAllText(csv, "keep me");
        var (code, _, err) = CliHarness.Run("export", events, "--csv", csv);
        AssertOneLineRefusal(code, err, "already exists; pass --force");
        Assert.Equal("keep me", File.ReadAllText(csv));
        Assert.Equal(0, CliHarness.Run("export", events, "--csv", csv, "--force").Code);
        Assert.StartsWith("regime,replicate,time_h", File.ReadAllText(csv));
    }

    [Fact]
    public void ABitFlippedFileIsRefusedUnlessAllowIncompleteSkipsIt()
    {
        string dir = run.Copy();
        _dirs.Add(dir);
        var manifest = new DatasetReader(dir).ReadManifest();
        var victim = manifest.Files.First(f => f.Table == "events");
        string victimPath = Path.Combine(dir, victim.Path);
        var bytes = File.ReadAllBytes(victimPath);
        bytes[100] ^= 0x04; // inside the first data page of time_h, the first column chunk
        File.WriteAllBytes(victimPath, bytes);
        string outDir = Temp();

        var (code, _, err) = CliHarness.Run("export", dir, "--csv", Path.Combine(outDir, "csv"));
        AssertOneLineRefusal(code, err, $"{victim.Path}: SHA-256");
        Assert.False(Directory.Exists(Path.Combine(outDir, "csv")), "a refused export wrote output");

        // The file on its own has no manifest, but its page CRC-32 catches the flip.
        (code, _, err) = CliHarness.Run("export", victimPath, "--csv", Path.Combine(outDir, "one.csv"));
        AssertOneLineRefusal(code, err, "fails its CRC-32 check");
        Assert.Contains(victimPath, err);
        Assert.False(File.Exists(Path.Combine(outDir, "one.csv")));

        var (inspect, output, _) = CliHarness.Run("inspect", dir);
        Assert.Equal(1, inspect);
        Assert.Contains("DAMAGED", output);
        Assert.Contains("SHA-256", output);

        (code, _, err) = CliHarness.Run("export", dir, "--csv", Path.Combine(outDir, "csv"), "--allow-incomplete");
        Assert.True(code == 0, err);
        Assert.Contains("1 skipped", err);
        Assert.Contains(victim.Path, err);
        long expected = manifest.Files.Where(f => f.Table == "events").Sum(f => f.Rows) - victim.Rows;
        Assert.Equal(expected, CsvRows(Path.Combine(outDir, "csv", "events.csv")));
    }

    [Fact]
    public void ASigkilledRunIsRefusedUnlessAllowIncompleteReadsItsFinishedFiles()
    {
        if (OperatingSystem.IsWindows()) return; // SIGKILL
        string dir = Temp();
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "agentspines.dll"), "run", CliHarness.Config("baseline.json"), "--out", dir,
                     "--Run:DurationDays=10", "--Run:Replicates=200", "--Imaging:SessionDays=[-3,-1,1,3,5]", "--threads", "2" })
            psi.ArgumentList.Add(a);
        using (var p = Process.Start(psi)!)
        {
            p.OutputDataReceived += (_, _) => { };
            p.ErrorDataReceived += (_, _) => { };
            p.BeginOutputReadLine();
            p.BeginErrorReadLine();
            try
            {
                // Synchronise on the event that matters: the first events part file renamed into place.
                string events = Path.Combine(dir, "events");
                while (!p.HasExited && !(Directory.Exists(events) && Directory.EnumerateFiles(events, "part-*.parquet", SearchOption.AllDirectories).Any()))
                    Thread.Sleep(20);
                Assert.False(p.HasExited, "the run ended before it could be killed");
            }
            finally
            {
                if (!p.HasExited) p.Kill(entireProcessTree: true); // SIGKILL: no cleanup, no manifest, no _SUCCESS
                p.WaitForExit();
            }
        }
        Assert.False(File.Exists(Path.Combine(dir, "_SUCCESS")));
        string outDir = Temp();

        var (code, _, err) = CliHarness.Run("export", dir, "--csv", Path.Combine(outDir, "csv"));
        AssertOneLineRefusal(code, err, "_SUCCESS is missing: the run did not finish");
        Assert.False(Directory.Exists(Path.Combine(outDir, "csv")));
        (code, _, err) = CliHarness.Run("export", Path.Combine(dir, "events"), "--csv", Path.Combine(outDir, "events.csv"));
        AssertOneLineRefusal(code, err, "_SUCCESS is missing");

        var (inspect, output, _) = CliHarness.Run("inspect", dir);
        Assert.Equal(1, inspect);
        Assert.Contains("complete (_SUCCESS): NO", output);

        (code, _, err) = CliHarness.Run("export", dir, "--csv", Path.Combine(outDir, "csv"), "--allow-incomplete");
        Assert.True(code == 0, err);
        Assert.Contains("without a manifest checksum", err);
        Assert.True(CsvRows(Path.Combine(outDir, "csv", "events.csv")) > 0);
        Assert.Empty(Directory.EnumerateFiles(outDir, "*.tmp", SearchOption.AllDirectories));
    }
}
