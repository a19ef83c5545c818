using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace AgentSpines.EventLog.Dataset;

/// <summary>
/// A new file written front to back without the page cache where the system allows it (Linux, O_DIRECT): whole aligned
/// blocks go from this stream's own buffer to the device, and the last partial block is written padded and the file then
/// cut to its length. Why: on this project's machine (a virtual machine whose free memory goes back to the host) every
/// page of page cache a file's writes take first costs a fault at the host, about 7 s of system time per GB written
/// against 0.1 s unbuffered (docs/architecture.md, ninth round), and a run writes about a gigabyte. The bytes of the file
/// are the same either way. Elsewhere, or when the file system refuses O_DIRECT (at the flag, or at the first write it
/// does not take unbuffered), it writes through the page cache from the same buffer. Data reaches the file at Dispose (Flush writes only whole blocks); a file is written by one thread at a time.
/// </summary>
internal sealed class DirectFileStream : Stream
{
    /// <summary>Alignment of the buffer, the file offsets and the lengths of unbuffered writes (any device's logical block divides it).</summary>
    internal const int BlockBytes = 4096;
    private const int BufferBytes = 1 << 20;

    private readonly SafeFileHandle _handle;
    private readonly byte[] _buffer;
    private readonly int _start;
    private int _count;
    private long _written;
    private bool _disposed;

    private DirectFileStream(SafeFileHandle handle, bool direct, int skewBytes)
    {
        _handle = handle;
        Direct = direct;
        // pinned (its address never changes), with room to start on a block boundary
        _buffer = GC.AllocateUninitializedArray<byte>(BufferBytes + 2 * BlockBytes, pinned: true);
        long address = Marshal.UnsafeAddrOfPinnedArrayElement(_buffer, 0);
        _start = (int)((BlockBytes - address % BlockBytes) % BlockBytes) + skewBytes;
    }

    /// <summary>Creates (overwrites) the file at path.</summary>
    public static DirectFileStream Create(string path) => Create(path, 0);

    /// <summary>
    /// As Create, with the buffer's start moved skewBytes (0..BlockBytes) off the block boundary: tests use it to make an
    /// unbuffered write the file system refuses (a misaligned address), which must fall back to the page cache.
    /// </summary>
    internal static DirectFileStream Create(string path, int skewBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(skewBytes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(skewBytes, BlockBytes);
        var handle = File.OpenHandle(path, FileMode.Create, FileAccess.Write, FileShare.None);
        bool direct = false;
        try
        {
            direct = TryBypassPageCache(handle);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // no libc to ask: the page cache it is
        }
        return new DirectFileStream(handle, direct, skewBytes);
    }

    /// <summary>Whether the file's writes bypass the page cache (O_DIRECT accepted, and every write so far taken unbuffered).</summary>
    public bool Direct { get; private set; }

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => !_disposed;
    public override long Length => _written + _count;
    public override long Position { get => Length; set => throw new NotSupportedException(); }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> bytes)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        while (bytes.Length > 0)
        {
            int n = Math.Min(bytes.Length, BufferBytes - _count);
            bytes[..n].CopyTo(_buffer.AsSpan(_start + _count, n));
            _count += n;
            bytes = bytes[n..];
            if (_count == BufferBytes) WriteOut(BufferBytes);
        }
    }

    /// <summary>Writes the whole blocks buffered (all of it when not unbuffered); a partial last block waits for Dispose.</summary>
    public override void Flush()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        WriteOut(Direct ? _count - _count % BlockBytes : _count);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            try
            {
                if (!Direct) WriteOut(_count);
                else if (_count > 0)
                {
                    // the last partial block padded with zeros, then the file cut back to its length
                    long length = _written + _count;
                    int padded = (_count + BlockBytes - 1) / BlockBytes * BlockBytes;
                    _buffer.AsSpan(_start + _count, padded - _count).Clear();
                    _count = padded;
                    WriteOut(padded);
                    RandomAccess.SetLength(_handle, length);
                    _written = length;
                }
            }
            finally
            {
                _handle.Dispose();
            }
        }
        base.Dispose(disposing);
    }

    /// <summary>The first bytes of the buffer to the file; the rest moves to the buffer's front.</summary>
    private void WriteOut(int bytes)
    {
        if (bytes <= 0) return;
        var block = new ReadOnlySpan<byte>(_buffer, _start, bytes);
        try
        {
            RandomAccess.Write(_handle, block, _written);
        }
        catch (IOException) when (Direct && StopBypassingPageCache(_handle))
        {
            // a file system that took the flag but not the unbuffered write (EINVAL): the same bytes through the page cache
            Direct = false;
            RandomAccess.Write(_handle, block, _written);
        }
        _written += bytes;
        _count -= bytes;
        if (_count > 0) _buffer.AsSpan(_start + bytes, _count).CopyTo(_buffer.AsSpan(_start));
    }

    private const int GetStatusFlags = 3, SetStatusFlags = 4;

    /// <summary>Clears O_DIRECT on the open file; false when that fails too (the write's error then stands).</summary>
    private static bool StopBypassingPageCache(SafeFileHandle handle)
    {
        int fd = (int)handle.DangerousGetHandle();
        int flags = fcntl(fd, GetStatusFlags, 0);
        return flags != -1 && fcntl(fd, SetStatusFlags, flags & ~ODirectFlag()) != -1;
    }

    /// <summary>O_DIRECT's value where it is known (Linux on x64 and Arm64), else 0.</summary>
    private static int ODirectFlag() => RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => 0x4000,
        Architecture.Arm64 => 0x10000,
        _ => 0,
    };

    [DllImport("libc", SetLastError = true)]
    private static extern int fcntl(int fd, int command, int argument);

    /// <summary>Sets O_DIRECT on the open file (Linux on x64 and Arm64, where its value is known); false when refused or elsewhere.</summary>
    private static bool TryBypassPageCache(SafeFileHandle handle)
    {
        if (!OperatingSystem.IsLinux()) return false;
        int oDirect = ODirectFlag();
        if (oDirect == 0) return false;
        int fd = (int)handle.DangerousGetHandle();
        int flags = fcntl(fd, GetStatusFlags, 0);
        return flags != -1 && fcntl(fd, SetStatusFlags, flags | oDirect) != -1;
    }
}
