using System.Threading.Channels;
using OpsCenter.Ingest.Pipeline;

namespace OpsCenter.Ingest.Mqtt;

/// <summary>
/// Forms the consumer's batches: what is waiting in the inbox (up to the batch size), then what arrives until the
/// batch's first message has waited the batch delay. The delay runs from that message's receipt, not from when the loop
/// came back to read: messages that queued while the previous batch was being stored have waited already, and a full
/// delay on top would add it to their publish→durable time exactly when Ingest is busiest.
/// </summary>
internal sealed class BatchWindow(ChannelReader<IncomingMessage> inbox, int batchSize, TimeSpan delay, TimeProvider clock)
{
    /// <summary>True when a message is waiting; false after <paramref name="idle"/> with none, or when stopping.</summary>
    public async Task<bool> WaitForFirstAsync(TimeSpan idle, CancellationToken stoppingToken)
    {
        if (inbox.TryPeek(out _))
            return true;
        using var wait = Until(idle, stoppingToken);
        try
        {
            return await inbox.WaitToReadAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Fills <paramref name="batch"/> (empty on entry); returns at once when its first message has waited the delay already.</summary>
    public async Task FillAsync(List<IncomingMessage> batch, CancellationToken stoppingToken)
    {
        TakeWaiting(batch);
        if (batch.Count is 0 || batch.Count >= batchSize)
            return;
        var left = delay - clock.GetElapsedTime(batch[0].ReceivedTimestamp);
        if (left <= TimeSpan.Zero)
            return;
        using var window = Until(left, stoppingToken);
        try
        {
            while (batch.Count < batchSize && await inbox.WaitToReadAsync(window.Token))
                TakeWaiting(batch);
        }
        catch (OperationCanceledException)
        {
            // The window closed (or Ingest is stopping): the batch is what it holds.
        }
    }

    /// <summary>Cancelled after <paramref name="wait"/>, or when Ingest stops.</summary>
    private static CancellationTokenSource Until(TimeSpan wait, CancellationToken stoppingToken)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        source.CancelAfter(wait);
        return source;
    }

    private void TakeWaiting(List<IncomingMessage> batch)
    {
        while (batch.Count < batchSize && inbox.TryRead(out var message))
            batch.Add(message);
    }
}
