using OpsCenter.Simulators.Simulation;

namespace OpsCenter.Simulators.Transport;

/// <summary>What one attempt to hand a message to the broker came to.</summary>
internal enum SendAttempt
{
    Acknowledged,

    /// <summary>The broker answered with an error code: it will not take this message, now or later.</summary>
    Refused,

    /// <summary>No answer: not connected, the connection broke, or it timed out. Worth sending again.</summary>
    Lost,
}

/// <summary>
/// The store-and-forward rule of one device, apart from the MQTT client so it can be tested without a network:
/// a QoS 1 message that was not acknowledged waits in the <see cref="Outbox"/>; after a reconnect the waiting ones go
/// out first, in order, and new messages queue behind them until the outbox is empty. Messages keep their payload
/// (same seq and ts), so Ingest's idempotent storage turns an unnoticed duplicate into an overwrite.
/// </summary>
internal sealed class StoreAndForward(int capacity, IOutboxReport report) : IDisposable
{
    private readonly Outbox _outbox = new(capacity);

    // One device's messages leave one at a time, so waiting ones are never overtaken by new ones.
    private readonly SemaphoreSlim _order = new(1, 1);

    public int Waiting => _outbox.Count;

    public async Task<PublishOutcome> PublishAsync(OutboundMessage message, Func<OutboundMessage, Task<SendAttempt>> send)
    {
        await _order.WaitAsync();
        try
        {
            if (_outbox.Count > 0)
                return Keep(message);
            return await send(message) switch
            {
                SendAttempt.Acknowledged => PublishOutcome.Acknowledged,
                SendAttempt.Refused => PublishOutcome.Failed,
                _ => Keep(message),
            };
        }
        finally
        {
            _order.Release();
        }
    }

    /// <summary>
    /// Right after a (re)connect: the fresh online status first — it makes any older status still waiting pointless —
    /// then everything waiting. <paramref name="counted"/> says whether the caller counts the status as sent (a
    /// reconnect's own status is not); only counted messages are kept, so every kept message has an end in the report.
    /// </summary>
    public async Task<PublishOutcome> ReconnectedAsync(OutboundMessage online, bool counted, Func<OutboundMessage, Task<SendAttempt>> send)
    {
        await _order.WaitAsync();
        try
        {
            var attempt = await send(online);
            PublishOutcome outcome;
            if (attempt == SendAttempt.Lost)
            {
                outcome = counted ? Keep(online) : PublishOutcome.Failed;
            }
            else
            {
                if (attempt == SendAttempt.Acknowledged && _outbox.RemoveStatus(online.Topic) is not null)
                {
                    // The waiting status's place is taken by this newer one: delivered in its latest form.
                    if (counted)
                        report.Superseded();
                    else
                        report.Resent();
                }
                outcome = attempt == SendAttempt.Acknowledged ? PublishOutcome.Acknowledged : PublishOutcome.Failed;
            }
            if (attempt != SendAttempt.Lost)
                await ForwardWaitingAsync(send);
            return outcome;
        }
        finally
        {
            _order.Release();
        }
    }

    /// <summary>Sends what is waiting, in order, until the outbox is empty or the connection is lost again.</summary>
    public async Task ForwardAsync(Func<OutboundMessage, Task<SendAttempt>> send)
    {
        if (_outbox.Count == 0)
            return;
        await _order.WaitAsync();
        try
        {
            await ForwardWaitingAsync(send);
        }
        finally
        {
            _order.Release();
        }
    }

    /// <summary>At the end of the run: a last try to forward, then whatever is still waiting is reported unsent.</summary>
    public async Task StopAsync(Func<OutboundMessage, Task<SendAttempt>> send)
    {
        await _order.WaitAsync();
        try
        {
            await ForwardWaitingAsync(send);
            var unsent = _outbox.TakeAll();
            if (unsent.Count > 0)
                report.UnsentAtStop(unsent.Count);
        }
        finally
        {
            _order.Release();
        }
    }

    private async Task ForwardWaitingAsync(Func<OutboundMessage, Task<SendAttempt>> send)
    {
        while (_outbox.TryPeek(out var next))
        {
            var attempt = await send(next);
            if (attempt == SendAttempt.Lost)
                return;
            _outbox.RemoveHead(next);
            if (attempt == SendAttempt.Acknowledged)
                report.Resent();
            else
                report.Refused();
        }
    }

    private PublishOutcome Keep(OutboundMessage message)
    {
        var admission = _outbox.Add(message);
        if (admission.Superseded is not null)
            report.Superseded();
        if (admission.Dropped is not null)
            report.Dropped();
        return PublishOutcome.Deferred;
    }

    public void Dispose() => _order.Dispose();
}
