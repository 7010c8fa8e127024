namespace OpsCenter.Ingest.Mqtt;

/// <summary>
/// Back-pressure down to the socket. MQTTnet's client reads every PUBLISH off the socket into a queue of its own with no
/// bound, however far behind its message handler is, so Ingest's bounded inbox never slowed the broker: during the
/// memory benchmark's burst that queue held up to 131,072 slots' worth of packets (a heap snapshot at its peak), each
/// with its topic and payload, and the resident set followed.
/// <see cref="ReadBufferedStream"/> counts the PUBLISH packets MQTTnet takes from it (<see cref="PublishFrameCounter"/>);
/// the processing loop counts the messages it takes from the inbox. While the difference, everything between the socket
/// and the loop, is at the limit, the stream does not read the socket: the broker's bytes wait in TCP's buffers and the
/// broker's own queue, which is where a backlog belongs. Only reads wait: acknowledgements and pings still go out.
/// The limit applies once subscribed (<see cref="Subscribed"/>): a broker sends a session's backlog before it answers the
/// SUBSCRIBE, and the SUBACK must be read. And a read waits at most <see cref="MaxWait"/>: if the loop stalls for long
/// (InfluxDB and the disk buffer both refusing), a buffer's worth still comes through each second so that the ping's
/// answer behind it is read and the connection stays up.
/// </summary>
internal sealed class ReadBudget(int limit)
{
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(1);
    private volatile bool _enforced;
    private long _read;
    private long _taken;
    private TaskCompletionSource? _waiting;

    public long Pending => Volatile.Read(ref _read) - Volatile.Read(ref _taken);

    /// <summary>PUBLISH packets MQTTnet took from the stream.</summary>
    public void Read(int count)
    {
        if (count > 0)
            Interlocked.Add(ref _read, count);
    }

    /// <summary>Messages the processing loop took from the inbox.</summary>
    public void Taken(int count)
    {
        Interlocked.Add(ref _taken, count);
        if (Pending < limit)
            Release();
    }

    /// <summary>
    /// A new connection: what MQTTnet had queued on the old one is dropped, never taken, so it is forgotten; and nothing
    /// is limited until <see cref="Subscribed"/>.
    /// </summary>
    public void Connecting()
    {
        _enforced = false;
        Forget();
    }

    public void Subscribed() => _enforced = true;

    /// <summary>
    /// Forgets what is pending: when the loop found nothing to take for a second, whatever is still counted will not
    /// come, so the budget cannot stay spent with nothing to drain it.
    /// </summary>
    public void Forget()
    {
        Interlocked.Exchange(ref _taken, Volatile.Read(ref _read));
        Release();
    }

    /// <summary>
    /// Completes at once while within the limit; otherwise when the loop has taken enough or <see cref="MaxWait"/> has
    /// passed; throws if the read is cancelled.
    /// </summary>
    public Task WhenRoomAsync(CancellationToken cancellationToken) =>
        !_enforced || Pending < limit ? Task.CompletedTask : WaitForRoomAsync(cancellationToken);

    private async Task WaitForRoomAsync(CancellationToken cancellationToken)
    {
        var mine = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var waiting = Interlocked.CompareExchange(ref _waiting, mine, null) ?? mine;
        // Taken may have run between the caller's check and the waiter being set: check again.
        if (Pending < limit)
            Release();
        try
        {
            await waiting.Task.WaitAsync(MaxWait, cancellationToken);
        }
        catch (TimeoutException)
        {
            // Let one read through (see the summary).
        }
    }

    private void Release() => Interlocked.Exchange(ref _waiting, null)?.TrySetResult();
}
