using System.Diagnostics;

namespace AgentSpines.Cli.Tests;

/// <summary>Clumsy and hostile input: one line on stderr, exit code 2, nothing half-written (issue #15 items 3-5).</summary>
[Collection("console")]
public sealed class InputErrorTests : IDisposable
{
    private readonly string _dir = CliHarness.NewDir();

    public InputErrorTests() => Directory.CreateDirectory(_dir);

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    private string Write(string name, string text, bool bom = false)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, [.. (bom ? new byte[] { 0xEF, 0xBB, 0xBF } : []), .. System.Text.Encoding.UTF8.GetBytes(text)]);
        return path;
    }

    private static void AssertOneLineExitTwo((int Code, string Out, string Err) r, string expected)
    {
        Assert.True(r.Code == 2, $"exit {r.Code}: {r.Err}");
        Assert.Single(r.Err.Trim().Split('\n'));
        Assert.Contains(expected, r.Err);
        Assert.DoesNotContain("   at ", r.Err);
    }

    private static readonly string[] SmallRun = ["--Run:DurationDays=2", "--Imaging:SessionDays=[-3,-2]", "--Run:Replicates=1", "--Dendrites:Count=2", "--quiet"];

    [Theory]
    [InlineData("run")]
    [InlineData("check-config")]
    public void A_config_with_a_duplicate_key_is_refused(string command)
    {
        string cfg = Write("dup.json", """{ "Run": { "Seed": 1, "seed": 2 } }""");
        string outDir = Path.Combine(_dir, "out");
        var r = command == "run" ? CliHarness.Run("run", cfg, "--out", outDir) : CliHarness.Run("check-config", cfg);
        AssertOneLineExitTwo(r, "'Run:seed' is given twice");
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void A_key_spelled_before_the_unit_rule_is_refused_with_its_new_name()
    {
        // A unit's case is part of its meaning (PA picoampere, Pa pascal): the old spelling must not bind silently.
        string cfg = Write("old-unit.json", """{ "Activity": { "CurrentPa": 20 } }""");
        AssertOneLineExitTwo(CliHarness.Run("check-config", cfg), "did you mean 'Activity:CurrentPA'?");
        AssertOneLineExitTwo(CliHarness.Run("check-config", CliHarness.Config("baseline.json"), "--Plasticity:LtdMinCalciumUmS=0.5"),
            "unknown config key 'Plasticity:LtdMinCalciumUmS'");
    }

    [Fact]
    public void A_sweep_file_with_a_duplicate_key_is_refused()
    {
        string sweep = Write("sweep.json", """{ "Name": "s", "Engine": "synthetic", "Regimes": ["a.json"], "Replicates": 1, "Replicates": 2 }""");
        Write("a.json", """{ "Regime": { "Name": "a" } }""");
        AssertOneLineExitTwo(CliHarness.Run("sweep", sweep, "--out", Path.Combine(_dir, "out")), "'Replicates' is given twice");
    }

    [Fact]
    public void A_byte_order_mark_is_accepted()
    {
        string cfg = Write("bom.json", File.ReadAllText(CliHarness.Config("baseline.json")), bom: true);
        var (code, output, err) = CliHarness.Run("check-config", cfg, "--Run:Seed=3");
        Assert.True(code == 0, err);
        Assert.Contains("\"Seed\": 3", output);
    }

    [Fact]
    public void An_output_directory_that_cannot_be_created_is_named()
    {
        string file = Write("plain-file", "x");
        AssertOneLineExitTwo(CliHarness.Run(["run", CliHarness.Config("ketamine.json"), "--out", Path.Combine(file, "sub"), .. SmallRun]), "cannot create the directory");
        Assert.Equal("x", File.ReadAllText(file));
    }

    [Fact]
    public void A_directory_given_as_a_config_is_named_as_one()
        => AssertOneLineExitTwo(CliHarness.Run("check-config", _dir), "is a directory");

    [Theory]
    [InlineData("run|CONFIG|--out|", "--out: the value is empty")]
    [InlineData("sweep|SWEEP|--out|", "--out: the value is empty")]
    [InlineData("merge|DIR|--out|", "--out: the value is empty")]
    [InlineData("export|DIR|--csv|", "--csv: the value is empty")]
    [InlineData("check-config|", "empty")]
    public void An_empty_path_is_refused(string args, string expected)
    {
        var words = args.Split('|').Select(w => w switch
        {
            "CONFIG" => CliHarness.Config("baseline.json"),
            "SWEEP" => Path.Combine(CliHarness.RepoRoot(), "configs", "sweeps", "synthetic-smoke.json"),
            "DIR" => _dir,
            _ => w,
        }).ToArray();
        AssertOneLineExitTwo(CliHarness.Run(words), expected);
    }

    [Fact]
    public void A_second_run_on_a_locked_directory_stops_and_deletes_nothing()
    {
        string outDir = Path.Combine(_dir, "shared");
        // another run holds the lock (as a run does from before its first file until after _SUCCESS)
        using (OutputDirectory.Lock(outDir))
        {
            var r = CliHarness.Run(["run", CliHarness.Config("ketamine.json"), "--out", outDir, .. SmallRun]);
            AssertOneLineExitTwo(r, $"another run (pid {Environment.ProcessId}) is writing this directory");
            Assert.True(File.Exists(Path.Combine(outDir, OutputDirectory.LockFileName)), "the other run's lock must stay");
        }
        Assert.Empty(Directory.EnumerateFileSystemEntries(outDir)); // released
        var ok = CliHarness.Run(["run", CliHarness.Config("ketamine.json"), "--out", outDir, .. SmallRun]);
        Assert.True(ok.Code == 0, ok.Err);
        Assert.False(File.Exists(Path.Combine(outDir, OutputDirectory.LockFileName)));
        Assert.True(File.Exists(Path.Combine(outDir, "_SUCCESS")));
    }

    [Fact]
    public void The_remains_of_a_killed_run_are_named_as_such_and_kept()
    {
        // what a run killed by SIGKILL leaves: its lock (with its pid) beside finished files, no _SUCCESS
        string outDir = Path.Combine(_dir, "killed");
        Directory.CreateDirectory(Path.Combine(outDir, "events"));
        File.WriteAllText(Path.Combine(outDir, OutputDirectory.LockFileName), "999999\n");
        File.WriteAllText(Path.Combine(outDir, "events", "part-00000.parquet"), "not read");
        var r = CliHarness.Run(["run", CliHarness.Config("ketamine.json"), "--out", outDir, .. SmallRun]);
        AssertOneLineExitTwo(r, "a run (pid 999999) was killed while writing this directory and left an incomplete dataset (no _SUCCESS); delete the directory or choose another");
        Assert.True(File.Exists(Path.Combine(outDir, "events", "part-00000.parquet")), "nothing of the directory is deleted");
    }

    [Fact]
    public void A_lock_taken_on_another_machine_is_not_guessed_dead()
    {
        // a shared file system: the pid cannot be checked from here, so the directory is said to be in use
        string outDir = Path.Combine(_dir, "elsewhere");
        Directory.CreateDirectory(outDir);
        File.WriteAllText(Path.Combine(outDir, OutputDirectory.LockFileName), "999999 some-other-host\n");
        var r = CliHarness.Run(["run", CliHarness.Config("ketamine.json"), "--out", outDir, .. SmallRun]);
        AssertOneLineExitTwo(r, "another run (pid 999999 on some-other-host) is writing this directory");
        Assert.True(File.Exists(Path.Combine(outDir, OutputDirectory.LockFileName)), "the lock stays");
    }

    [Fact]
    public void Two_runs_started_at_once_on_the_same_new_directory_give_one_dataset_and_one_exit_two()
    {
        string outDir = Path.Combine(_dir, "race");
        string cli = Path.Combine(Path.GetDirectoryName(typeof(CommandDispatcher).Assembly.Location)!, "agentspines.dll");
        var runs = Enumerable.Range(0, 2).Select(_ =>
        {
            var psi = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var a in new[] { cli, "run", CliHarness.Config("ketamine.json"), "--out", outDir }.Concat(SmallRun)) psi.ArgumentList.Add(a);
            return Process.Start(psi)!;
        }).ToArray();
        var results = runs.Select(p => { string err = p.StandardError.ReadToEnd(); p.StandardOutput.ReadToEnd(); p.WaitForExit(); return (p.ExitCode, err); }).ToArray();
        Assert.Equal([0, 2], results.Select(r => r.ExitCode).Order());
        var loser = results.Single(r => r.ExitCode == 2);
        Assert.Single(loser.err.Trim().Split('\n'));
        Assert.DoesNotContain("   at ", loser.err);
        Assert.True(File.Exists(Path.Combine(outDir, "_SUCCESS")), "the winner's dataset must be whole");
        Assert.Empty(new AgentSpines.EventLog.Dataset.DatasetReader(outDir).Verify());
    }

    [Fact]
    public void Run_and_check_config_print_an_estimate_and_a_run_too_big_for_the_machine_is_refused()
    {
        var (code, _, err) = CliHarness.Run("check-config", CliHarness.Config("baseline.json"));
        Assert.Equal(0, code);
        Assert.Contains("estimate:", err);
        Assert.Contains("spines", err);

        string outDir = Path.Combine(_dir, "huge");
        var r = CliHarness.Run("run", CliHarness.Config("baseline.json"), "--out", outDir,
            "--Dendrites:Count=65534", "--Dendrites:LengthUm=100000", "--Plasticity:DensityPerUm=10", "--Run:DurationDays=3650", "--Run:Replicates=10000");
        AssertOneLineExitTwo(r, "give --force");
        Assert.Contains("estimate:", r.Err);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void A_string_longer_than_the_documented_maximum_is_refused()
    {
        string big = new('x', AgentSpines.Core.Configuration.JsonInput.MaxStringLength + 1);
        AssertOneLineExitTwo(CliHarness.Run("check-config", CliHarness.Config("baseline.json"), "--Regime:Sources=" + big), "Regime:Sources");
        string cfg = Write("long.json", $$"""{ "Regime": { "Sources": "{{big}}" } }""");
        AssertOneLineExitTwo(CliHarness.Run("check-config", cfg), "at most 4096");
    }

    [Fact]
    public void An_imaging_session_outside_the_run_names_the_day_and_the_run_length()
    {
        var r = CliHarness.Run("check-config", CliHarness.Config("baseline.json"), "--Run:DurationDays=10", "--Imaging:SessionDays:6=400");
        AssertOneLineExitTwo(r, "Imaging:SessionDays:6");
        Assert.Contains("= 400", r.Err);
        Assert.Contains("lasts 10 days", r.Err);
        var before = CliHarness.Run("check-config", CliHarness.Config("baseline.json"), "--Imaging:SessionDays:0=-3.5");
        AssertOneLineExitTwo(before, "Imaging:SessionDays:0");
    }

    [Fact]
    public void A_list_override_replaces_the_whole_list()
    {
        var (code, output, err) = CliHarness.Run("check-config", CliHarness.Config("baseline.json"), "--Run:DurationDays=4", "--imaging:sessiondays=[-3, 0.5, 1]");
        Assert.True(code == 0, err);
        var days = System.Text.Json.JsonDocument.Parse(output).RootElement.GetProperty("Imaging").GetProperty("SessionDays");
        Assert.Equal([-3, 0.5, 1], days.EnumerateArray().Select(d => d.GetDouble()));
    }

    // Read-only and full file systems: a small tmpfs mounted by the test, which needs root (CI runs as root).
    private string? MountTmpfs(string options, out string reason)
    {
        reason = "";
        if (Geteuid() != 0)
        {
            reason = "mounting a tmpfs needs root (CI runs as root)";
            return null;
        }
        string mnt = Path.Combine(_dir, "mnt-" + Guid.NewGuid().ToString("N")[..6]);
        Directory.CreateDirectory(mnt);
        using var p = Process.Start("mount", ["-t", "tmpfs", "-o", options, "tmpfs", mnt])!;
        p.WaitForExit();
        if (p.ExitCode != 0) { reason = "mount -t tmpfs failed (no CAP_SYS_ADMIN in this container)"; return null; }
        return mnt;
    }

    private static void Unmount(string mnt)
    {
        using var p = Process.Start("umount", [mnt])!;
        p.WaitForExit();
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "geteuid")]
    private static extern uint Geteuid();

    [SkippableFact]
    public void A_read_only_file_system_gives_one_line()
    {
        string? mnt = MountTmpfs("ro,size=1m", out string reason);
        Skip.If(mnt == null, reason);
        try
        {
            var r = CliHarness.Run(["run", CliHarness.Config("ketamine.json"), "--out", Path.Combine(mnt!, "out"), .. SmallRun]);
            AssertOneLineExitTwo(r, "read-only");
        }
        finally { Unmount(mnt!); }
    }

    [SkippableFact]
    public void A_sweep_on_a_read_only_file_system_gives_one_line()
    {
        string? mnt = MountTmpfs("ro,size=1m", out string reason);
        Skip.If(mnt == null, reason);
        try
        {
            string sweep = Path.Combine(CliHarness.RepoRoot(), "configs", "sweeps", "synthetic-smoke.json");
            AssertOneLineExitTwo(CliHarness.Run("sweep", sweep, "--out", Path.Combine(mnt!, "out")), "read-only");
        }
        finally { Unmount(mnt!); }
    }

    [SkippableFact]
    public void A_full_disk_gives_one_line_and_leaves_nothing()
    {
        string? mnt = MountTmpfs("size=48k", out string reason);
        Skip.If(mnt == null, reason);
        try
        {
            string outDir = Path.Combine(mnt!, "out");
            var r = CliHarness.Run(["run", CliHarness.Config("ketamine.json"), "--out", outDir, .. SmallRun, "--Dendrites:Count=8", "--force"]);
            AssertOneLineExitTwo(r, "disk is full");
            Assert.False(Directory.Exists(outDir), "partial output must be removed");
        }
        finally { Unmount(mnt!); }
    }

    [SkippableFact]
    public void A_directory_without_write_permission_gives_one_line()
    {
        // root ignores permission bits: there a read-only bind is the same case (covered above)
        Skip.If(Geteuid() == 0, "root may write anywhere; the read-only file system test covers this case as root");
        string locked = Path.Combine(_dir, "locked");
        Directory.CreateDirectory(locked);
        File.SetUnixFileMode(locked, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        try
        {
            var r = CliHarness.Run(["run", CliHarness.Config("ketamine.json"), "--out", Path.Combine(locked, "out"), .. SmallRun]);
            AssertOneLineExitTwo(r, "permission denied");
        }
        finally { File.SetUnixFileMode(locked, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute); }
    }
}
