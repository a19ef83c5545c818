using System.Security.Cryptography;

namespace AgentSpines.EventLog.Dataset;

/// <summary>Write-through stream that computes the SHA-256 of everything written (no second pass over the file).</summary>
internal sealed class HashingStream(Stream inner) : Stream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private long _length;

    public string? Sha256Hex { get; private set; }
    public long BytesWritten => _length;

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => _length;
    public override long Position { get => _length; set => throw new NotSupportedException(); }
    public override void Flush() => inner.Flush();
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _hash.AppendData(buffer);
        inner.Write(buffer);
        _length += buffer.Length;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && Sha256Hex == null)
        {
            Sha256Hex = Convert.ToHexStringLower(_hash.GetHashAndReset());
            _hash.Dispose();
            inner.Dispose();
        }
        base.Dispose(disposing);
    }
}
