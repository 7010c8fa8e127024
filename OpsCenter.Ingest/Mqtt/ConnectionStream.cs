namespace OpsCenter.Ingest.Mqtt;

/// <summary>
/// What the streams wrapped around the broker connection share: a connection has no length or position, and closing
/// the wrapper closes the connection.
/// </summary>
internal abstract class ConnectionStream(Stream inner) : Stream
{
    protected Stream Inner => inner;

    public override bool CanSeek => false;
    public override bool CanWrite => inner.CanWrite;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            inner.Dispose();
        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync();
        await base.DisposeAsync();
    }
}
