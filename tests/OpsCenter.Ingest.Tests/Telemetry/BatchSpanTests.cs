using System.Diagnostics;
using OpsCenter.Ingest.Telemetry;

namespace OpsCenter.Ingest.Tests.Telemetry;

/// <summary>
/// One span per ingest batch when an OTLP endpoint is set; none, and no cost, when it is not. These tests share one
/// class on purpose: activity listeners are process-wide, and xunit runs a class's tests one at a time.
/// </summary>
[Collection(nameof(IngestSpans))]
public sealed class BatchSpanTests
{
    [Fact]
    public async Task With_an_OTLP_endpoint_a_batch_is_one_span_from_receipt_to_acknowledgement_with_its_counts()
    {
        using var ingest = new TracedIngest(new Dictionary<string, string?>
        {
            ["Telemetry:OtlpEndpoint"] = TracedIngest.LoopbackUrl(),
            ["Telemetry:OtlpProtocol"] = "HttpProtobuf",
        });
        Assert.NotNull(ingest.StartTracing());
        var currentAtAck = new List<string?>();
        var receivedAt = DateTimeOffset.UtcNow;

        await ingest.Consumer.HandleBatchAsync(TracedIngest.MixedBatch(receivedAt, currentAtAck), TestContext.Current.CancellationToken);
        await ingest.Consumer.AcknowledgementsSentAsync();

        var span = Assert.Single(ingest.Exported, a => a.Source.Name == "OpsCenter.Ingest");
        Assert.Equal(IngestTracing.BatchSpanName, span.OperationName);
        Assert.Equal(ActivityKind.Consumer, span.Kind);
        Assert.Equal(receivedAt.UtcDateTime, span.StartTimeUtc);
        Assert.Equal(3, span.GetTagItem("messaging.batch.message_count"));
        Assert.Equal(1, span.GetTagItem("opscenter.ingest.accepted"));
        Assert.Equal(1, span.GetTagItem("opscenter.ingest.rejected"));
        Assert.Equal(1, span.GetTagItem("opscenter.ingest.duplicates"));
        Assert.Equal("buffer", span.GetTagItem("opscenter.ingest.stored_to"));
        Assert.Contains(span.Events, e => e.Name == "durable");
        Assert.NotEqual(ActivityStatusCode.Error, span.Status);
        // Acknowledging happens inside the span: it covers receive to acknowledge, not just the storing.
        Assert.Equal([IngestTracing.BatchSpanName, IngestTracing.BatchSpanName, IngestTracing.BatchSpanName], currentAtAck);
    }

    [Fact]
    public async Task Without_an_endpoint_no_tracer_provider_exists_and_no_span_is_created()
    {
        using var ingest = new TracedIngest(new Dictionary<string, string?>());
        Assert.Null(ingest.StartTracing());
        var currentAtAck = new List<string?>();

        await ingest.Consumer.HandleBatchAsync(TracedIngest.MixedBatch(DateTimeOffset.UtcNow, currentAtAck), TestContext.Current.CancellationToken);
        await ingest.Consumer.AcknowledgementsSentAsync();

        Assert.Empty(ingest.Exported);
        Assert.Equal([null, null, null], currentAtAck);
    }

    [Fact]
    public void Without_a_listener_starting_a_batch_span_returns_null_and_allocates_nothing()
    {
        var batch = TracedIngest.MixedBatch(DateTimeOffset.UtcNow, []);
        Assert.Null(IngestTracing.StartBatch(batch));
        // Warm both calls first: their first run (type initialisation, tiered compilation) may allocate once.
        for (var i = 0; i < 100; i++)
        {
            using var warm = IngestTracing.StartBatch(batch);
            IngestTracing.Acknowledged(warm, acknowledged: true);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
        {
            using var span = IngestTracing.StartBatch(batch);
            IngestTracing.Acknowledged(span, acknowledged: true);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}

/// <summary>
/// Tests that run batches through a consumer: a tracer provider listens process-wide, so a batch handled by one of them
/// while another traces would land in that one's exporter. They run one at a time.
/// </summary>
[CollectionDefinition(nameof(IngestSpans), DisableParallelization = true)]
public sealed class IngestSpans;
