using OpsCenter.Ingest.Tests.RealParts;

namespace OpsCenter.Ingest.Tests.Telemetry;

/// <summary>
/// A lost broker connection must not end the consumer's processing: MQTTnet throws from the acknowledgement call itself
/// (not through its task) once its connection is gone, and that used to end the loop, after which Ingest stored nothing.
/// </summary>
[Collection(nameof(IngestSpans))]
public sealed class AcknowledgementFailureTests
{
    [Fact]
    public async Task An_acknowledgement_that_throws_at_once_fails_alone_and_the_next_batch_is_still_stored_and_acknowledged()
    {
        using var ingest = new TracedIngest(new Dictionary<string, string?>());
        var now = DateTimeOffset.UtcNow;
        var acknowledged = new List<string?>();
        var gone = TracedIngest.Message(TrafficLoad.Topic("tfd-lechan-01"), TrafficLoad.Payload("tfd-lechan-01", 1, now.AddSeconds(-2)), now, acknowledged)
            with { Acknowledge = (_, _) => throw new NullReferenceException("the connection's adapter is gone") };

        await ingest.Consumer.HandleBatchAsync([gone], TestContext.Current.CancellationToken);
        await ingest.Consumer.AcknowledgementsSentAsync(); // completes: the failure is the ack's, logged, not the loop's

        var next = TracedIngest.Message(TrafficLoad.Topic("tfd-lechan-02"), TrafficLoad.Payload("tfd-lechan-02", 1, now.AddSeconds(-1)), now, acknowledged);
        await ingest.Consumer.HandleBatchAsync([next], TestContext.Current.CancellationToken);
        await ingest.Consumer.AcknowledgementsSentAsync();

        Assert.Single(acknowledged);
    }
}
