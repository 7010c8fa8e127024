using System.Buffers;
using System.Net.Sockets;

namespace OpsCenter.Broker.Transport;

/// <summary>
/// A connection's outgoing bytes, sent in as few system calls as the traffic allows. MQTTnet hands the channel one packet
/// at a time and waits for each write; written straight through, every PUBLISH to Ingest and every PUBACK to a device is a
/// send of its own, and on loopback each send also wakes the receiving process. Here a write only appends to a pending
/// buffer and schedules one flush; packets that MQTTnet produces before the flush runs (a burst read from a device, a
/// queue to a busy subscriber) leave in the same send. At low rates a packet waits only for the thread-pool hop that
/// runs the flush.
/// <para>
/// Bounded: while more than <see cref="HighWater"/> bytes wait, writers wait for the flush, so a slow reader holds back
/// MQTTnet's queue as a direct write would, instead of growing this buffer. Nothing is held by an idle connection.
/// </para>
/// </summary>
internal sealed class CoalescingSocketWriter(Socket socket) : IThreadPoolWorkItem
{
    public const int HighWater = 256 * 1024;
    private const int InitialSize = 16 * 1024;
    private readonly Lock _gate = new();
    private byte[]? _pending;
    private int _pendingLength;
    private bool _flushing;
    private Exception? _failure;
    private TaskCompletionSource? _drained;

    /// <summary>Sends so far, for tests and measurements: how well packets were joined.</summary>
    public long Sends { get; private set; }

    /// <summary>Appends bytes; once a packet is whole, a flush is scheduled unless one is already on its way.</summary>
    public ValueTask WriteAsync(ReadOnlySequence<byte> bytes, bool isEndOfPacket, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_failure is { } failure)
                return ValueTask.FromException(new IOException("The connection failed while sending.", failure));
            if (_pendingLength < HighWater)
            {
                Append(bytes);
                if (isEndOfPacket && !_flushing)
                {
                    _flushing = true;
                    ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: true);
                }
                return ValueTask.CompletedTask;
            }
        }
        return WriteWhenDrainedAsync(bytes, isEndOfPacket, cancellationToken);
    }

    /// <summary>Waits until everything written so far has been sent (or the connection failed): before a graceful close.</summary>
    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task drained;
            lock (_gate)
            {
                if (!_flushing || _failure is not null)
                    return;
                drained = (_drained ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
            }
            await drained.WaitAsync(cancellationToken);
        }
    }

    private async ValueTask WriteWhenDrainedAsync(ReadOnlySequence<byte> bytes, bool isEndOfPacket, CancellationToken cancellationToken)
    {
        await DrainAsync(cancellationToken);
        await WriteAsync(bytes, isEndOfPacket, cancellationToken);
    }

    void IThreadPoolWorkItem.Execute() => _ = FlushAsync();

    private async Task FlushAsync()
    {
        byte[]? sending = null;
        try
        {
            while (true)
            {
                int length;
                lock (_gate)
                {
                    ReturnToPool(ref sending);
                    if (_pendingLength == 0)
                    {
                        // Nothing left: the buffer goes back too, so an idle connection holds none.
                        ReturnToPool(ref _pending);
                        EndFlushing();
                        return;
                    }
                    (sending, length) = (_pending, _pendingLength);
                    (_pending, _pendingLength) = (null, 0);
                    Sends++;
                }
                var sent = 0;
                while (sent < length)
                    sent += await socket.SendAsync(sending.AsMemory(sent, length - sent), SocketFlags.None);
            }
        }
        catch (Exception e)
        {
            lock (_gate)
            {
                _failure = e;
                ReturnToPool(ref sending);
                ReturnToPool(ref _pending);
                _pendingLength = 0;
                EndFlushing();
            }
            // The reading side learns of it too: MQTTnet then ends the connection as for any broken socket.
            socket.Dispose();
        }
    }

    private void EndFlushing()
    {
        _flushing = false;
        _drained?.TrySetResult();
        _drained = null;
    }

    private void Append(ReadOnlySequence<byte> bytes)
    {
        var needed = _pendingLength + (int)bytes.Length;
        if (_pending is null || _pending.Length < needed)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, _pending is null ? InitialSize : _pending.Length * 2));
            if (_pending is not null)
            {
                _pending.AsSpan(0, _pendingLength).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(_pending);
            }
            _pending = larger;
        }
        bytes.CopyTo(_pending.AsSpan(_pendingLength));
        _pendingLength = needed;
    }

    private static void ReturnToPool(ref byte[]? buffer)
    {
        if (buffer is not null)
            ArrayPool<byte>.Shared.Return(buffer);
        buffer = null;
    }
}
