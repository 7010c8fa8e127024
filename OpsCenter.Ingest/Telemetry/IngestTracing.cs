using System.Diagnostics;
using OpsCenter.Ingest.Buffering;
using OpsCenter.Ingest.Pipeline;
using OpsCenter.ServiceDefaults;

namespace OpsCenter.Ingest.Telemetry;

/// <summary>
/// One span per ingest batch, from the first message's receipt to the acknowledgement of the last. Only exists when a
/// tracer provider listens (an OTLP endpoint is configured); otherwise every call here returns at once and allocates nothing.
/// </summary>
public static class IngestTracing
{
    public const string BatchSpanName = "ingest batch";

    private static readonly ActivitySource Source = new(OpsCenterActivitySources.Ingest);

    public static Activity? StartBatch(IReadOnlyList<IncomingMessage> batch)
    {
        // Checked first so the tags below are never boxed when tracing is off.
        if (!Source.HasListeners() || batch.Count == 0)
            return null;
        // Started at the first message's receipt: the time it waited in the inbox and the batch window is part of its latency.
        var span = Source.StartActivity(BatchSpanName, ActivityKind.Consumer, parentContext: default, startTime: batch[0].ReceivedAt);
        if (span is { IsAllDataRequested: true })
        {
            span.SetTag("messaging.system", "mqtt");
            span.SetTag("messaging.batch.message_count", batch.Count);
        }
        return span;
    }

    public static void Durable(Activity? span, BatchOutcome outcome)
    {
        if (span is not { IsAllDataRequested: true })
            return;
        span.SetTag("opscenter.ingest.accepted", outcome.Stored.Count);
        span.SetTag("opscenter.ingest.rejected", outcome.Rejected);
        span.SetTag("opscenter.ingest.duplicates", outcome.Duplicates);
        span.SetTag("opscenter.ingest.stored_to", Name(outcome.StoredTo));
        // Marks where durability ends and acknowledging begins.
        span.AddEvent(new ActivityEvent("durable"));
    }

    public static void Acknowledged(Activity? span, bool acknowledged)
    {
        if (span is not null && !acknowledged)
            span.SetStatus(ActivityStatusCode.Error, "acknowledgement failed; the broker will redeliver");
    }

    private static string Name(StoredTo storedTo) => storedTo switch
    {
        StoredTo.InfluxDb => "influxdb",
        StoredTo.DiskBuffer => "buffer",
        _ => "none",
    };
}
