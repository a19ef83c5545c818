using AgentSpines.EventLog.Encoding;

namespace AgentSpines.EventLog.Compression;

/// <summary>A write-only stream appending to a <see cref="ByteBuffer"/> (lets GZipStream write into pooled memory).</summary>
internal sealed class ByteBufferStream(ByteBuffer target) : Stream
{
    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => target.Length;
    public override long Position { get => target.Length; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => target.Write(buffer.AsSpan(offset, count));
    public override void Write(ReadOnlySpan<byte> buffer) => target.Write(buffer);
}
