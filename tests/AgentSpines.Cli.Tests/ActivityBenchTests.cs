using System.Text.Json;

namespace AgentSpines.Cli.Tests;

[Collection("console")]
public class ActivityBenchTests
{
    [Fact]
    public void BenchActivityPrintsOneConsistentJsonObject()
    {
        string cache = CliHarness.NewDir();
        try
        {
            var (code, output, err) = CliHarness.Run("bench", "activity", "--spines", "120", "--days", "1", "--sample", "5", "--cache-dir", cache, "--json", "--warmup-pairs", "2",
                "--Activity:SurfaceHeadVolumeMinUm3=0.02", "--Activity:SurfaceHeadVolumeMaxUm3=0.5", "--Activity:SurfaceTolerance=0.02");
            Assert.True(code == 0, err);
            using var doc = JsonDocument.Parse(output.Trim());
            var j = doc.RootElement;
            foreach (var key in new[] { "spines", "days", "off_s", "on_s", "ratio", "surface_build_s", "queries", "exact_fallbacks", "max_rel_error",
                         "peak_rss_mb_off", "peak_rss_mb_on" })
                Assert.True(j.TryGetProperty(key, out _), key);
            double D(string k) => j.GetProperty(k).GetDouble();
            Assert.True(D("surface_build_s") > 0); // a cold cache: built in this process
            Assert.Single(Directory.GetFiles(cache, "*.surface"));
            Assert.Equal(D("on_s") / D("off_s"), D("ratio"), 9);
            Assert.Equal(D("on_cpu_s") / D("off_cpu_s"), D("cpu_ratio"), 9);
            Assert.Equal(D("peak_rss_mb_on") / D("peak_rss_mb_off"), D("rss_ratio"), 9);
            Assert.True(D("queries") > 0);
            // the episodes table has one row per dendrite and step (120 spines: one dendrite, 24 steps), most with episodes
            Assert.InRange(D("episode_rows"), 20, 24);
            Assert.True(D("allocated_mb_on") > 0 && D("start_rss_mb_on") > 10);
            Assert.InRange(D("max_rel_error"), 0, 0.05);
            Assert.True(D("peak_rss_mb_off") > 10 && D("peak_rss_mb_on") > 10);
            // what the benchmark did to start both timed runs on the same footing is in the object
            Assert.Equal("w-off w-on off on", j.GetProperty("order").GetString());
            Assert.Contains(j.GetProperty("vector_isa").GetString(), new[] { "avx512", "avx2", "scalar" }); // figures compare only on like machines
            Assert.Equal(1, D("warmup_full_pair"));
            Assert.Equal(2, D("warmup_pairs"));

            var (code2, output2, err2) = CliHarness.Run("bench", "activity", "--spines", "120", "--days", "1", "--sample", "0", "--cache-dir", cache, "--json",
                "--warmup-pairs", "1", "--no-full-warmup", "--repeat", "2",
                "--Activity:SurfaceHeadVolumeMinUm3=0.02", "--Activity:SurfaceHeadVolumeMaxUm3=0.5", "--Activity:SurfaceTolerance=0.02");
            Assert.True(code2 == 0, err2);
            using var doc2 = JsonDocument.Parse(output2.Trim());
            Assert.Equal(0, doc2.RootElement.GetProperty("surface_build_s").GetDouble()); // warm cache
            Assert.Equal("off on off on", doc2.RootElement.GetProperty("order").GetString());
            Assert.Equal(0, doc2.RootElement.GetProperty("warmup_full_pair").GetDouble());
        }
        finally
        {
            if (Directory.Exists(cache)) Directory.Delete(cache, true);
        }
    }
}
