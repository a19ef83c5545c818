using AgentSpines.EventLog.Dataset;

namespace AgentSpines.EventLog.Tests;

public class DirectFileStreamTests
{
    private static byte[] Bytes(int n, int seed)
    {
        var b = new byte[n];
        new Random(seed).NextBytes(b);
        return b;
    }

    /// <summary>
    /// The file holds exactly the bytes written, in order, whatever the lengths: on and off the block size and the
    /// buffer's, with Flush between writes (which writes whole blocks only and must keep the rest), and empty.
    /// </summary>
    [Theory]
    [InlineData(new[] { 0 })]
    [InlineData(new[] { 1 })]
    [InlineData(new[] { 4095 })]
    [InlineData(new[] { 4096 })]
    [InlineData(new[] { 4097 })]
    [InlineData(new[] { 3, 4093, 1, 8191, -1, 5 })]
    [InlineData(new[] { (1 << 20) - 1, 2, -1, 4096, (1 << 20) + 4096 })]
    [InlineData(new[] { 1 << 20, -1, 1 << 20, 12345, -1, -1, 3 * (1 << 20) + 17 })]
    public void TheFileHoldsExactlyTheBytesWritten(int[] writes)
    {
        using var dir = new TempDirectory();
        string path = Path.Combine(dir.Path, "f.bin");
        var expected = new MemoryStream();
        bool direct;
        using (var s = DirectFileStream.Create(path))
        {
            direct = s.Direct;
            int seed = 0;
            foreach (int n in writes)
            {
                if (n < 0)
                {
                    s.Flush();
                    continue;
                }
                var b = Bytes(n, ++seed);
                s.Write(b);
                expected.Write(b);
                Assert.Equal(expected.Length, s.Length);
            }
        }
        Assert.Equal(expected.ToArray(), File.ReadAllBytes(path));
        // on Linux file systems that take O_DIRECT (ext4, xfs, tmpfs since 6.6) the unbuffered path is the one tested
        if (OperatingSystem.IsLinux() && !direct) Console.WriteLine($"DirectFileStream: O_DIRECT refused under {dir.Path}; the buffered path was tested");
    }

    [Fact]
    public void CreateOverwritesALongerFile()
    {
        using var dir = new TempDirectory();
        string path = Path.Combine(dir.Path, "f.bin");
        File.WriteAllBytes(path, Bytes(3 * 4096 + 5, 1));
        var b = Bytes(4100, 2);
        using (var s = DirectFileStream.Create(path)) s.Write(b);
        Assert.Equal(b, File.ReadAllBytes(path));
    }

    [Fact]
    public void WritesAfterDisposeAreRefused()
    {
        using var dir = new TempDirectory();
        var s = DirectFileStream.Create(Path.Combine(dir.Path, "f.bin"));
        s.Dispose();
        s.Dispose();
        Assert.Throws<ObjectDisposedException>(() => s.Write(new byte[1]));
    }

    /// <summary>
    /// A file system that took O_DIRECT but refuses an unbuffered write (here: a buffer off the block boundary, which
    /// ext4 refuses with EINVAL) gets the same bytes through the page cache: no exception and the file exact. On this
    /// machine's ext4 the fallback runs (checked: Direct turns false); a file system that takes misaligned unbuffered writes
    /// (tmpfs) or refuses the flag keeps the same bytes by the other paths, so only the bytes are asserted.
    /// </summary>
    [Fact]
    public void ARefusedUnbufferedWriteFallsBackToThePageCache()
    {
        using var dir = new TempDirectory();
        string path = Path.Combine(dir.Path, "f.bin");
        byte[] bytes = Bytes(3 * (1 << 20) + 777, 11);
        using (var s = DirectFileStream.Create(path, skewBytes: 1))
        {
            s.Write(bytes);
            s.Flush();
        }
        Assert.Equal(bytes, File.ReadAllBytes(path));
    }
}
