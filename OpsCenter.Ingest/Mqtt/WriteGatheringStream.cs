namespace OpsCenter.Ingest.Mqtt;

/// <summary>
/// Gathers the writes made between <see cref="BeginGathering"/> and <see cref="EndGathering"/> into one write of the
/// source. Ingest acknowledges a batch of up to 5,000 messages at once, and MQTTnet writes each PUBACK on its own: one
/// system call (<c>sendto</c>) per message, the larger part of the kernel's share of Ingest's CPU in a drain (perf).
/// Gathered, a batch's PUBACKs leave in one. A PUBACK gathered but never written (the connection dropped first) is a
/// PUBACK lost with the connection: the broker sends the message again and the duplicate filter drops it.
/// Every write happens under one lock and synchronously, so a gathered write and MQTTnet's own (a ping from its
/// keep-alive task) never interleave on the socket; Ingest's writes are small control packets.
/// Reads pass straight through.
/// </summary>
internal sealed class WriteGatheringStream(Stream inner) : ConnectionStream(inner)
{
    private readonly Lock _writes = new();
    private byte[] _gathered = new byte[4096];
    private int _length;
    private int _depth;

    public override bool CanRead => Inner.CanRead;

    public void BeginGathering()
    {
        lock (_writes)
            _depth++;
    }

    /// <summary>Writes what was gathered, when this ends the outermost gathering; throws what the source's write throws.</summary>
    public void EndGathering()
    {
        lock (_writes)
        {
            if (--_depth > 0 || _length == 0)
                return;
            var length = _length;
            _length = 0;
            Inner.Write(_gathered, 0, length);
        }
    }

    public override void Write(ReadOnlySpan<byte> source)
    {
        lock (_writes)
        {
            if (_depth == 0)
            {
                Inner.Write(source);
                return;
            }
            if (_length + source.Length > _gathered.Length)
                Array.Resize(ref _gathered, Math.Max(_gathered.Length * 2, _length + source.Length));
            source.CopyTo(_gathered.AsSpan(_length));
            _length += source.Length;
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> source, CancellationToken cancellationToken = default)
    {
        Write(source.Span);
        return ValueTask.CompletedTask;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken cancellationToken = default) =>
        Inner.ReadAsync(destination, cancellationToken);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Inner.ReadAsync(buffer, offset, count, cancellationToken);

    public override int Read(Span<byte> destination) => Inner.Read(destination);

    public override int Read(byte[] buffer, int offset, int count) => Inner.Read(buffer, offset, count);
}
