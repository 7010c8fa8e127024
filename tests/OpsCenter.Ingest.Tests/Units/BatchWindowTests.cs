using System.Threading.Channels;
using OpsCenter.Ingest.Mqtt;
using OpsCenter.Ingest.Pipeline;

namespace OpsCenter.Ingest.Tests.Units;

/// <summary>How the consumer forms batches: the delay runs from the first message's receipt.</summary>
public sealed class BatchWindowTests
{
    // Long enough that no test here can see it pass: every outcome below is decided without waiting for it.
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task Messages_that_already_waited_the_delay_are_handed_over_at_once()
    {
        var inbox = Channel.CreateUnbounded<IncomingMessage>();
        // Queued while the previous batch was being stored: received two seconds ago.
        for (var i = 0; i < 3; i++)
            inbox.Writer.TryWrite(Message(receivedAgo: TimeSpan.FromSeconds(2)));
        var batch = new List<IncomingMessage>();

        var filling = new BatchWindow(inbox.Reader, batchSize: 100, Delay, TimeProvider.System).FillAsync(batch, TestContext.Current.CancellationToken);

        Assert.True(filling.IsCompleted, "the batch waited again although its first message had waited the delay");
        await filling;
        Assert.Equal(3, batch.Count);
    }

    [Fact]
    public async Task A_fresh_first_message_waits_for_more_until_the_batch_is_full()
    {
        var inbox = Channel.CreateUnbounded<IncomingMessage>();
        inbox.Writer.TryWrite(Message(receivedAgo: TimeSpan.Zero));
        var batch = new List<IncomingMessage>();

        var filling = new BatchWindow(inbox.Reader, batchSize: 4, Delay, TimeProvider.System).FillAsync(batch, TestContext.Current.CancellationToken);
        Assert.False(filling.IsCompleted);
        for (var i = 0; i < 5; i++)
            inbox.Writer.TryWrite(Message(receivedAgo: TimeSpan.Zero));
        await filling.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.Equal(4, batch.Count);
        Assert.Equal(2, inbox.Reader.Count); // the rest wait for the next batch
    }

    [Fact]
    public async Task Stopping_ends_the_wait_with_what_the_batch_holds()
    {
        var inbox = Channel.CreateUnbounded<IncomingMessage>();
        inbox.Writer.TryWrite(Message(receivedAgo: TimeSpan.Zero));
        var batch = new List<IncomingMessage>();
        using var stopping = new CancellationTokenSource();
        var window = new BatchWindow(inbox.Reader, batchSize: 100, TimeSpan.FromHours(1), TimeProvider.System);

        var filling = window.FillAsync(batch, stopping.Token);
        await stopping.CancelAsync();
        await filling.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.Single(batch);
        Assert.False(await window.WaitForFirstAsync(TimeSpan.FromHours(1), stopping.Token));
    }

    private static IncomingMessage Message(TimeSpan receivedAgo) =>
        new("ops/v1/traffic/det-1/telemetry", [], 0, DateTimeOffset.UtcNow - receivedAgo,
            TimeProvider.System.GetTimestamp() - (long)(receivedAgo.TotalSeconds * TimeProvider.System.TimestampFrequency), Acknowledge: null);
}
